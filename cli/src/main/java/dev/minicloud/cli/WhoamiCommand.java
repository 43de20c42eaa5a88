package dev.minicloud.cli;

import dev.minicloud.sdk.CallerIdentity;
import dev.minicloud.sdk.MiniCloudClient;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code minicloud whoami}: who the configured key belongs to (STS GetCallerIdentity). */
@Command(name = "whoami", description = "Show the account and principal of the configured access key.",
    mixinStandardHelpOptions = true)
final class WhoamiCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    CliContext ctx = CliContext.of(spec);
    try (MiniCloudClient client = ctx.client()) {
      CallerIdentity id = client.whoami();
      ctx.print(List.of("ACCOUNT", "ARN", "USER ID"), List.of(List.of(id.account(), id.arn(), id.userId())), id);
    }
  }
}

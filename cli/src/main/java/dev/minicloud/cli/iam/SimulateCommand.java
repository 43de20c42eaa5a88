package dev.minicloud.cli.iam;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.iam.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud iam simulate s3:PutObject arn:minicloud:s3:::b/k [--user alice] [--context k=v]}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Show what the policy engine would decide for an action on a resource, and why. "
        + "Exits 0 whatever the decision.")
final class SimulateCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "ACTION", description = "e.g. s3:PutObject, compute:RunInstances.")
  String action;

  @Parameters(index = "1", paramLabel = "RESOURCE", description = "An ARN, e.g. arn:minicloud:s3:::bucket/key.")
  String resource;

  @Option(names = "--user", paramLabel = "USER", description = "A user of your account (default: you).")
  String user;

  @Option(names = "--context", paramLabel = "KEY=VALUE", description = "A condition key, e.g. aws:SourceIp=127.0.0.1.")
  List<String> context = new ArrayList<>();

  @Override
  protected int run(MiniCloudClient client) {
    SimulationResult r = client.iam().simulate(action, resource, user, pairs(context, "--context"));
    ctx.print(List.of("DECISION", "PRINCIPAL", "ACTION", "RESOURCE", "REASON"),
        List.of(List.of(r.decision(), cell(r.principal()), cell(r.action()), cell(r.resource()), cell(r.reason()))), r);
    return 0;
  }
}

package dev.minicloud.cli.s3;

import dev.minicloud.cli.CliContext;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.StorageClient;
import picocli.CommandLine;

/** What every {@code s3} subcommand shares: the context, a client, and a run method with it. */
abstract class S3Subcommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  CliContext ctx;

  @Override
  public final void run() {
    ctx = CliContext.of(spec);
    try (MiniCloudClient client = ctx.client()) {
      run(client.storage());
    }
    ctx.out().flush();
  }

  abstract void run(StorageClient s3);

  /** The filters given with --include/--exclude, in command-line order. */
  Filters filters() {
    CommandLine.ParseResult pr = spec.commandLine().getParseResult();
    return pr == null ? Filters.none() : Filters.fromArgs(pr.originalArgs());
  }
}

package dev.minicloud.cli.s3;

import dev.minicloud.sdk.StorageClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code minicloud s3 mb s3://bucket}. */
@Command(name = "mb", mixinStandardHelpOptions = true, description = "Make a bucket.")
final class MbCommand extends S3Subcommand {

  @Parameters(paramLabel = "S3URI", description = "s3://bucket")
  String target;

  @Override
  void run(StorageClient s3) {
    S3Uri uri = S3Uri.parse(target);
    s3.createBucket(uri.bucket());
    ctx.out().println("make_bucket: " + uri.bucket());
  }
}

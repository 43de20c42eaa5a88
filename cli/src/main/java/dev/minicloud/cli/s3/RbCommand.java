package dev.minicloud.cli.s3;

import dev.minicloud.sdk.StorageClient;
import dev.minicloud.sdk.storage.ObjectSummary;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud s3 rb s3://bucket [--force]}. */
@Command(name = "rb", mixinStandardHelpOptions = true, description = "Remove an (empty) bucket.")
final class RbCommand extends S3Subcommand {

  @Parameters(paramLabel = "S3URI", description = "s3://bucket")
  String target;

  @Option(names = "--force", description = "Delete every object in the bucket first.")
  boolean force;

  @Override
  void run(StorageClient s3) {
    S3Uri uri = S3Uri.parse(target);
    if (force) {
      List<String> keys = s3.listObjects(uri.bucket(), "").map(ObjectSummary::key).collect(Collectors.toList());
      if (!keys.isEmpty()) {
        RmCommand.deleteAll(s3, ctx, uri.bucket(), keys, false);
      }
    }
    s3.deleteBucket(uri.bucket());
    ctx.out().println("remove_bucket: " + uri.bucket());
  }
}

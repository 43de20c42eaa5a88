package dev.minicloud.cli.s3;

import dev.minicloud.cli.CliContext;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.StorageClient;
import dev.minicloud.sdk.storage.DeleteObjectsResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud s3 rm s3://bucket/key [--recursive] [--include G] [--exclude G]}. */
@Command(name = "rm", mixinStandardHelpOptions = true,
    description = "Remove an object, or with --recursive every object under a prefix.")
final class RmCommand extends S3Subcommand {

  @Parameters(paramLabel = "S3URI", description = "s3://bucket/key or s3://bucket/prefix")
  String target;

  @Option(names = {"-r", "--recursive"}, description = "Remove every object under the prefix.")
  boolean recursive;

  @Option(names = "--include", paramLabel = "GLOB", description = "Only keys matching (relative to the prefix).")
  List<String> includes;

  @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip keys matching (relative to the prefix).")
  List<String> excludes;

  @Option(names = "--dryrun", description = "Show what would be removed, remove nothing.")
  boolean dryrun;

  @Override
  void run(StorageClient s3) {
    S3Uri uri = S3Uri.parse(target);
    if (!recursive) {
      if (uri.key().isEmpty()) {
        throw new dev.minicloud.cli.UsageException("give a key, or --recursive to remove everything under a prefix");
      }
      if (!dryrun) {
        s3.deleteObject(uri.bucket(), uri.key());
      }
      ctx.out().println((dryrun ? "(dryrun) " : "") + "delete: " + uri);
      return;
    }
    String prefix = uri.dirPrefix();
    Filters filters = filters();
    List<String> keys = new ArrayList<>();
    s3.listObjects(uri.bucket(), prefix).forEach(o -> {
      if (filters.accepts(o.key().substring(prefix.length()))) {
        keys.add(o.key());
      }
    });
    deleteAll(s3, ctx, uri.bucket(), keys, dryrun);
  }

  static void deleteAll(StorageClient s3, CliContext ctx, String bucket, List<String> keys, boolean dryrun) {
    if (dryrun) {
      keys.forEach(k -> ctx.out().println("(dryrun) delete: s3://" + bucket + "/" + k));
      return;
    }
    DeleteObjectsResult result = s3.deleteObjects(bucket, keys);
    result.deleted().forEach(k -> ctx.out().println("delete: s3://" + bucket + "/" + k));
    if (!result.errors().isEmpty()) {
      DeleteObjectsResult.Failure f = result.errors().get(0);
      throw new MiniCloudException(f.code(), 0, null, result.errors().size() + " key(s) not deleted, first "
          + f.key() + ": " + f.message());
    }
  }
}

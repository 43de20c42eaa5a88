package dev.minicloud.cli.s3;

import dev.minicloud.sdk.StorageClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud s3 presign s3://bucket/key [--expires-in SECONDS] [--put]}. */
@Command(name = "presign", mixinStandardHelpOptions = true,
    description = "Print a URL that lets anyone GET (or PUT, with --put) one object until it expires.")
final class PresignCommand extends S3Subcommand {

  @Parameters(paramLabel = "S3URI", description = "s3://bucket/key")
  String target;

  @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "3600",
      description = "Seconds the URL stays valid, 1 to 604800 (default ${DEFAULT-VALUE}).")
  long expiresIn;

  @Option(names = "--put", description = "A URL to upload the object instead of downloading it.")
  boolean put;

  @Override
  void run(StorageClient s3) {
    S3Uri uri = S3Uri.parse(target);
    if (uri.key().isEmpty()) {
      throw new dev.minicloud.cli.UsageException("give an object: s3://bucket/key");
    }
    if (expiresIn < 1 || expiresIn > 604800) {
      throw new dev.minicloud.cli.UsageException("--expires-in must be 1 to 604800 seconds");
    }
    Duration d = Duration.ofSeconds(expiresIn);
    ctx.out().println(put ? s3.presignPutObject(uri.bucket(), uri.key(), d) : s3.presignGetObject(uri.bucket(), uri.key(), d));
  }
}

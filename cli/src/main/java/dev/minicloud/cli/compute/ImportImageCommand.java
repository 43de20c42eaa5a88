package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.cli.Spinner;
import dev.minicloud.cli.UsageException;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.compute.Image;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud compute import-image NAME s3://bucket/rootfs.tar}. */
@Command(name = "import-image", mixinStandardHelpOptions = true,
    description = "Create a private image from a root filesystem tarball stored in one of your buckets.")
final class ImportImageCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1", paramLabel = "S3URI", description = "s3://bucket/key of the tarball (e.g. docker export output).")
  String source;

  @Option(names = "--description", paramLabel = "TEXT")
  String description;

  @Override
  protected int run(MiniCloudClient client) {
    if (!source.startsWith("s3://") || source.indexOf('/', 5) < 0) {
      throw new UsageException("the tarball must be an s3://bucket/key URI: " + source);
    }
    String rest = source.substring(5);
    int slash = rest.indexOf('/');
    Image image;
    try (Spinner s = Spinner.start(ctx, "importing " + source)) {
      s.label("importing " + source + " (every agent imports it)");
      image = client.compute().importImage(name, description, rest.substring(0, slash), rest.substring(slash + 1));
    }
    ctx.print(List.of("IMAGE", "NAME", "VISIBILITY"), List.of(List.of(image.imageId(), cell(image.name()),
        cell(image.visibility()))), image);
    return 0;
  }
}

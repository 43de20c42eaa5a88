package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.compute.Image;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code minicloud compute images}. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "List the images you may launch.")
final class ImagesCommand extends ClientCommand {

  @Override
  protected int run(MiniCloudClient client) {
    List<Image> images = client.compute().describeImages();
    List<List<String>> rows = new ArrayList<>();
    images.forEach(i -> rows.add(List.of(i.imageId(), cell(i.name()), cell(i.visibility()), cell(i.ownerId()),
        cell(i.creationDate()), cell(i.description()))));
    ctx.print(List.of("IMAGE", "NAME", "VISIBILITY", "OWNER", "CREATED", "DESCRIPTION"), rows, images);
    return 0;
  }
}

package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code minicloud compute deregister-image img-...}. */
@Command(name = "deregister-image", mixinStandardHelpOptions = true,
    description = "Deregister one of your imported images (instances running from it keep running).")
final class DeregisterImageCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "IMAGE_ID")
  String imageId;

  @Override
  protected int run(MiniCloudClient client) {
    client.compute().deregisterImage(imageId);
    ctx.out().println("deregistered " + imageId);
    return 0;
  }
}

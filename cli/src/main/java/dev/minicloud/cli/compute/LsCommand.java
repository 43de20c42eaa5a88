package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.compute.InstanceFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud compute ls [--state running] [--tag Name=web]}. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
    description = "List your instances (terminated ones stay listed for an hour).")
final class LsCommand extends ClientCommand {

  @Parameters(arity = "0..*", paramLabel = "INSTANCE_ID", description = "Only these instances.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--state", paramLabel = "STATE", split = ",",
      description = "Only these states: pending, running, stopping, stopped, shutting-down, terminated.")
  List<String> states = new ArrayList<>();

  @Option(names = "--type", paramLabel = "TYPE", description = "Only this instance type.")
  String type;

  @Option(names = "--image", paramLabel = "IMAGE_ID", description = "Only instances of this image id.")
  String image;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Only instances with this tag (repeatable).")
  List<String> tags = new ArrayList<>();

  @Override
  protected int run(MiniCloudClient client) {
    InstanceFilter filter = new InstanceFilter().instanceType(type).imageId(image);
    filter.state(states.toArray(String[]::new));
    filter.instanceId(ids.toArray(String[]::new));
    pairs(tags, "--tag").forEach(filter::tag);
    InstanceRows.print(ctx, client.compute().describeInstances(filter).toList());
    return 0;
  }
}

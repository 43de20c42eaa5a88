package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.cli.Spinner;
import dev.minicloud.sdk.ComputeClient;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.compute.Instance;
import dev.minicloud.sdk.compute.InstanceState;
import dev.minicloud.sdk.compute.RunInstancesRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minicloud compute run --image busybox --type nano --user-data @boot.sh --port 80}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Launch instances.")
final class RunCommand extends ClientCommand {

  @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "Image id (img-...) or name, e.g. busybox.")
  String image;

  @Option(names = "--type", paramLabel = "TYPE", description = "Instance type: nano, micro, small (default), medium, large.")
  String type;

  @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many instances (default 1).")
  int count;

  @Option(names = "--user-data", paramLabel = "SCRIPT|@FILE",
      description = "Shell script run at every boot: the text itself, or @file to read it from a file.")
  String userData;

  @Option(names = "--port", paramLabel = "PORT", description = "Container TCP port to publish on the host (repeatable).")
  List<Integer> ports = new ArrayList<>();

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag (repeatable); Name is shown by ls.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--name", paramLabel = "NAME", description = "Shorthand for --tag Name=NAME.")
  String name;

  @Option(names = "--client-token", paramLabel = "TOKEN",
      description = "Idempotency token: running the same command again returns the same instances.")
  String clientToken;

  @Option(names = "--wait", description = "Wait until every instance is running (the answer usually already is).")
  boolean await;

  @Override
  protected int run(MiniCloudClient client) {
    if (count < 1) {
      throw new IllegalArgumentException("--count must be at least 1");
    }
    RunInstancesRequest request = new RunInstancesRequest(image).instanceType(type).count(count, count)
        .clientToken(clientToken);
    if (userData != null) {
      request.userData(textOrFile(userData));
    }
    ports.forEach(request::port);
    pairs(tags, "--tag").forEach(request::tag);
    if (name != null) {
      request.tag("Name", name);
    }
    ComputeClient compute = client.compute();
    List<Instance> instances;
    try (Spinner s = Spinner.start(ctx, "launching " + count + " instance" + (count == 1 ? "" : "s"))) {
      instances = compute.runInstances(request);
      if (await) {
        List<Instance> running = new ArrayList<>();
        for (Instance i : instances) {
          s.label("waiting for " + i.instanceId() + " to be running");
          running.add(i.state() != null && i.state().code() == InstanceState.RUNNING ? i
              : compute.waitUntilRunning(i.instanceId()));
        }
        instances = running;
      }
    }
    InstanceRows.print(ctx, instances);
    return 0;
  }
}

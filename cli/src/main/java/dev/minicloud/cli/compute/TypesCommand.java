package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.compute.InstanceTypeInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code minicloud compute types}. */
@Command(name = "types", mixinStandardHelpOptions = true, description = "List the instance types and their limits.")
final class TypesCommand extends ClientCommand {

  @Override
  protected int run(MiniCloudClient client) {
    List<InstanceTypeInfo> types = client.compute().describeInstanceTypes();
    List<List<String>> rows = new ArrayList<>();
    types.forEach(t -> rows.add(List.of(t.instanceType(), cell(t.vcpus()), t.memoryMiB() + " MiB",
        cell(t.pidsLimit()))));
    ctx.print(List.of("TYPE", "VCPUS", "MEMORY", "PIDS"), rows, types);
    return 0;
  }
}

package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.compute.Instance;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code minicloud compute describe i-...}. */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Show instances in full (--output json for every field).")
final class DescribeCommand extends ClientCommand {

  @Parameters(arity = "1..*", paramLabel = "INSTANCE_ID")
  List<String> ids;

  @Override
  protected int run(MiniCloudClient client) {
    List<Instance> instances = new ArrayList<>();
    ids.forEach(id -> instances.add(client.compute().describeInstance(id)));
    List<List<String>> rows = new ArrayList<>();
    for (Instance i : instances) {
      rows.add(List.of(i.instanceId(), cell(i.stateName()), cell(i.stateReason()), cell(i.instanceType()),
          cell(i.imageId()), InstanceRows.ports(i.ports()), cell(i.tags()), cell(i.agentId()), cell(i.launchTime())));
    }
    Object json = instances.size() == 1 ? instances.get(0) : instances;
    ctx.print(List.of("INSTANCE", "STATE", "REASON", "TYPE", "IMAGE", "PORTS", "TAGS", "AGENT", "LAUNCHED"), rows, json);
    return 0;
  }
}

package dev.minicloud.cli.compute;

import dev.minicloud.cli.CliContext;
import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.compute.Instance;
import dev.minicloud.sdk.compute.PortMapping;
import dev.minicloud.sdk.compute.StateChange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How instances and state changes are printed. */
final class InstanceRows {

  private InstanceRows() {}

  static final List<String> COLUMNS = List.of("INSTANCE", "STATE", "TYPE", "IMAGE", "PORTS", "NAME", "LAUNCHED");

  static List<String> row(Instance i) {
    return List.of(i.instanceId(), ClientCommand.cell(i.stateName()), ClientCommand.cell(i.instanceType()),
        ClientCommand.cell(i.imageId()), ports(i.ports()), ClientCommand.cell(i.tags().get("Name")),
        ClientCommand.cell(i.launchTime()));
  }

  /** {@code 127.0.0.1:32771->80}, comma-separated. */
  static String ports(List<PortMapping> ports) {
    return ports.stream().map(p -> p.hostAddress() + ":" + p.hostPort() + "->" + p.containerPort())
        .collect(Collectors.joining(","));
  }

  static void print(CliContext ctx, List<Instance> instances) {
    List<List<String>> rows = new ArrayList<>();
    instances.forEach(i -> rows.add(row(i)));
    ctx.print(COLUMNS, rows, instances);
  }

  static void printChanges(CliContext ctx, List<StateChange> changes) {
    List<List<String>> rows = new ArrayList<>();
    changes.forEach(c -> rows.add(List.of(c.instanceId(), ClientCommand.cell(c.previousState()),
        ClientCommand.cell(c.currentState()))));
    ctx.print(List.of("INSTANCE", "PREVIOUS", "CURRENT"), rows, changes);
  }
}

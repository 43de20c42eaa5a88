package dev.minicloud.cli;

import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.admin.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code minicloud admin ...}: platform administration (root credentials). */
@Command(name = "admin", description = "Platform administration (platform root only).",
    mixinStandardHelpOptions = true)
final class AdminCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code minicloud admin nodes}. */
  @Command(name = "nodes", description = "List storage nodes and compute agents with their state.",
      mixinStandardHelpOptions = true)
  static final class Nodes implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      CliContext ctx = CliContext.of(spec);
      try (MiniCloudClient client = ctx.client()) {
        List<NodeInfo> nodes = client.admin().nodes();
        List<List<String>> rows = new ArrayList<>();
        for (NodeInfo n : nodes) {
          rows.add(List.of(n.nodeId(), String.valueOf(n.kind()), String.valueOf(n.state()), String.valueOf(n.endpoint()),
              String.valueOf(n.version()), String.valueOf(n.lastHeartbeat())));
        }
        ctx.print(List.of("NODE", "KIND", "STATE", "ENDPOINT", "VERSION", "LAST HEARTBEAT"), rows, nodes);
      }
    }
  }
}

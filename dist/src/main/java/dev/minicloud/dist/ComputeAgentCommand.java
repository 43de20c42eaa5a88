package dev.minicloud.dist;

import dev.minicloud.computeagent.ComputeAgent;
import dev.minicloud.computeagent.ComputeAgentOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minicloud compute-agent --join URL --token-file F}: a compute agent in its own process. */
@Command(name = "compute-agent", mixinStandardHelpOptions = true,
    description = "Run a compute agent (one per Docker host) that joins a running control plane.")
final class ComputeAgentCommand implements Callable<Integer> {

  @Mixin
  NodeFlags node;

  @Option(names = "--data", defaultValue = "${env:MINICLOUD_DATA:-compute-agent-data}",
      description = "The agent's data directory (env MINICLOUD_DATA, default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--publish-address", defaultValue = "${env:MINICLOUD_PUBLISH_ADDRESS:-127.0.0.1}",
      description = "Host address instance ports are published on (default ${DEFAULT-VALUE}: reachable from "
          + "this host only).")
  String publishAddress;

  @Override
  public Integer call() {
    ComputeAgent agent = new ComputeAgent(new ComputeAgentOptions()
        .setBindAddress(node.address)
        .setPort(node.port)
        .setDataDir(data)
        .setControlPlaneUrl(node.join)
        .setControlPlaneCertificate(node.caCert)
        .setClusterToken(node.token())
        .setPublishAddress(publishAddress));
    Processes.await(agent.start());
    System.out.println("compute agent " + agent.nodeId() + " at " + agent.endpoint() + " joined " + node.join);
    Processes.runUntilStopped(() -> Processes.await(agent.close()));
    return 0;
  }
}

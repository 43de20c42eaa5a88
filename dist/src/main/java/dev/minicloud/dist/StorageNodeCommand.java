package dev.minicloud.dist;

import dev.minicloud.storagenode.StorageNode;
import dev.minicloud.storagenode.StorageNodeOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minicloud storage-node --join URL --token-file F}: a storage node in its own process. */
@Command(name = "storage-node", mixinStandardHelpOptions = true,
    description = "Run a storage node that joins a running control plane.")
final class StorageNodeCommand implements Callable<Integer> {

  @Mixin
  NodeFlags node;

  @Option(names = "--data", defaultValue = "${env:MINICLOUD_DATA:-storage-node-data}",
      description = "The node's data directory (env MINICLOUD_DATA, default ${DEFAULT-VALUE}).")
  Path data;

  @Override
  public Integer call() {
    StorageNode storage = new StorageNode(new StorageNodeOptions()
        .setBindAddress(node.address)
        .setPort(node.port)
        .setDataDir(data)
        .setControlPlaneUrl(node.join)
        .setControlPlaneCertificate(node.caCert)
        .setClusterToken(node.token()));
    Processes.await(storage.start());
    System.out.println("storage node " + storage.nodeId() + " at " + storage.endpoint() + " joined " + node.join);
    Processes.runUntilStopped(() -> Processes.await(storage.close()));
    return 0;
  }
}

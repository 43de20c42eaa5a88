package dev.minicloud.dist;

import dev.minicloud.computeagent.ComputeAgent;
import dev.minicloud.computeagent.ComputeAgentOptions;
import dev.minicloud.controlplane.ControlPlane;
import dev.minicloud.storagenode.StorageNode;
import dev.minicloud.storagenode.StorageNodeOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code minicloud server}: the all-in-one platform. A control plane, one storage node and one
 * compute agent in this JVM; the nodes still join the control plane over HTTP with the cluster
 * token, exactly as separate processes would.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run the all-in-one platform: control plane, one storage node and one compute agent.")
final class ServerCommand implements Callable<Integer> {

  @Mixin
  ControlPlaneFlags flags;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    ControlPlane controlPlane = new ControlPlane(flags.toOptions(), Clock.systemUTC(), System.out).start();
    // Embedded nodes join over the public endpoint like any other node, trusting its certificate.
    URI join = URI.create(controlPlane.endpoint());
    Path trust = controlPlane.tlsCertificate().orElse(null);
    StorageNode storage = new StorageNode(controlPlane.vertx(), new StorageNodeOptions()
        .setDataDir(flags.data.resolve("storage"))
        .setControlPlaneUrl(join)
        .setControlPlaneCertificate(trust)
        .setClusterToken(controlPlane.clusterToken()));
    ComputeAgent compute = new ComputeAgent(controlPlane.vertx(), new ComputeAgentOptions()
        .setDataDir(flags.data.resolve("compute"))
        .setControlPlaneUrl(join)
        .setControlPlaneCertificate(trust)
        .setClusterToken(controlPlane.clusterToken()), null);
    Processes.await(storage.start());
    Processes.await(compute.start());
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("MiniCloud is ready at " + controlPlane.endpoint() + " (started in " + millis + " ms)");
    controlPlane.tlsCertificate().ifPresent(cert ->
        System.out.println("TLS certificate (use as the clients' CA bundle): " + cert));
    System.out.println("Root credentials: " + controlPlane.rootCredentialsFile());
    Processes.runUntilStopped(() -> {
      Processes.await(compute.close());
      Processes.await(storage.close());
      controlPlane.close();
    });
    return 0;
  }
}

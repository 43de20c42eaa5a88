package dev.minicloud.dist;

import dev.minicloud.controlplane.ControlPlane;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code minicloud control-plane}: the control plane alone; nodes join it with --join. */
@Command(name = "control-plane", mixinStandardHelpOptions = true,
    description = "Run only the control plane; storage nodes and compute agents join it separately.")
final class ControlPlaneCommand implements Callable<Integer> {

  @Mixin
  ControlPlaneFlags flags;

  @Override
  public Integer call() {
    ControlPlane controlPlane = new ControlPlane(flags.toOptions(), Clock.systemUTC(), System.out).start();
    System.out.println("MiniCloud control plane at " + controlPlane.endpoint()
        + " (cluster token in " + flags.data.resolve(ControlPlane.CLUSTER_TOKEN_FILE) + ")");
    controlPlane.tlsCertificate().ifPresent(cert -> System.out.println("TLS certificate (CA bundle): " + cert));
    Processes.runUntilStopped(controlPlane::close);
    return 0;
  }
}

package dev.minicloud.computeagent.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to create: a hardened container. The runtime always applies the hardening (never
 * privileged, every capability dropped but {@link #capAdd}, no-new-privileges, no host mounts) and
 * every limit below; there is no way to ask for less.
 *
 * @param name container name
 * @param image local image reference (never pulled)
 * @param hostname the container's host name
 * @param labels labels (instance id, account, ...), how state is rebuilt after a restart
 * @param env environment variables {@code KEY=value}
 * @param command the container's command (its PID 1)
 * @param network the bridge network to attach to (created by {@link ContainerRuntime#ensureNetwork})
 * @param cpuMillis CPU quota in thousandths of a CPU (1000 = one CPU)
 * @param memoryBytes memory limit; swap is limited to the same value (no swap beyond memory)
 * @param pidsLimit maximum number of processes
 * @param capAdd capabilities kept after dropping ALL (the minimal set an init script needs)
 * @param ports container TCP ports to publish
 * @param hostAddress the host address ports are published on (e.g. 127.0.0.1)
 */
public record ContainerSpec(
    String name, String image, String hostname, Map<String, String> labels, List<String> env, List<String> command,
    String network, long cpuMillis, long memoryBytes, long pidsLimit, List<String> capAdd, List<Integer> ports,
    String hostAddress) {

  /** Capabilities an instance keeps: enough for an init script to chown files, switch users and bind low ports. */
  public static final List<String> DEFAULT_CAP_ADD =
      List.of("CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "NET_BIND_SERVICE", "SETGID", "SETUID");

  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    labels = Map.copyOf(labels);
    env = List.copyOf(env);
    command = List.copyOf(command);
    capAdd = List.copyOf(capAdd);
    ports = List.copyOf(ports);
    if (cpuMillis <= 0 || memoryBytes <= 0 || pidsLimit <= 0) {
      throw new IllegalArgumentException("cpu, memory and pids limits are always set: " + cpuMillis + ", "
          + memoryBytes + ", " + pidsLimit);
    }
  }
}

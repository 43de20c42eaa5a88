package dev.minicloud.computeagent.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One container as the engine reports it.
 *
 * @param id the engine's container id
 * @param name the container name (without a leading slash)
 * @param image the image reference it was created from
 * @param labels its labels
 * @param status its state
 * @param startedAt when it last started (null if never)
 * @param finishedAt when it last stopped (null if it has not)
 * @param exitCode the last exit code (null while running or never run)
 * @param ports the published ports (empty while stopped)
 */
public record ContainerInfo(
    String id, String name, String image, Map<String, String> labels, ContainerStatus status, Instant startedAt,
    Instant finishedAt, Long exitCode, List<PortMapping> ports) {

  public ContainerInfo {
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
  }

  /** A published port: {@code hostAddress:hostPort} forwards to {@code containerPort}. */
  public record PortMapping(int containerPort, String hostAddress, int hostPort) {}
}

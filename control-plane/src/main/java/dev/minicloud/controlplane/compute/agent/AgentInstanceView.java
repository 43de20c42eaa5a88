package dev.minicloud.controlplane.compute.agent;

import java.time.Instant;
import java.util.List;

/**
 * An instance as a compute agent reports it (the agent's JSON; unknown fields are ignored).
 *
 * @param instanceId the instance id
 * @param containerId the agent's container id
 * @param state {@code running}, {@code stopped}, {@code pending}, {@code shutting-down} or {@code terminated}
 * @param startedAt when it last started, when known
 * @param finishedAt when it last stopped, when known
 * @param exitCode its last exit code, when stopped
 * @param ports the published ports
 */
public record AgentInstanceView(
    String instanceId, String containerId, String state, Instant startedAt, Instant finishedAt, Long exitCode,
    List<Port> ports) {

  public AgentInstanceView {
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** A published port. */
  public record Port(int containerPort, String hostAddress, int hostPort) {}

  /** The agent's list answer. */
  public record Listing(List<AgentInstanceView> instances) {}

  /** The agent's console answer. */
  public record Console(String output) {}

  /** The agent's exec answer (and the public one). */
  public record ExecOutput(Integer exitCode, String stdout, String stderr, boolean timedOut) {}
}

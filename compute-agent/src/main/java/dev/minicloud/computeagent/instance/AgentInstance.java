package dev.minicloud.computeagent.instance;

import dev.minicloud.computeagent.runtime.ContainerInfo;
import java.time.Instant;
import java.util.List;

/**
 * An instance as this agent sees it, read from its container; the JSON of the agent's answers.
 *
 * @param instanceId the instance id (from the container's label)
 * @param accountId the owning account (label)
 * @param instanceType the type (label)
 * @param imageId the catalogue image id (label)
 * @param containerId the engine's container id (null once terminated)
 * @param state {@code pending}, {@code running}, {@code shutting-down}, {@code terminated} or {@code stopped}
 * @param startedAt when the container last started, when known
 * @param finishedAt when it last stopped, when known and not running
 * @param exitCode its last exit code, when stopped
 * @param ports the published ports (while running)
 */
public record AgentInstance(
    String instanceId, String accountId, String instanceType, String imageId, String containerId, String state,
    Instant startedAt, Instant finishedAt, Long exitCode, List<ContainerInfo.PortMapping> ports) {

  public static AgentInstance terminated(String instanceId) {
    return new AgentInstance(instanceId, null, null, null, null, "terminated", null, null, null, List.of());
  }

  static AgentInstance of(ContainerInfo c) {
    String state = switch (c.status()) {
      case RUNNING, PAUSED -> "running";
      case RESTARTING -> "pending";
      case REMOVING -> "shutting-down";
      case CREATED, EXITED, DEAD -> "stopped";
    };
    return new AgentInstance(c.labels().get(InstanceLabels.INSTANCE_ID), c.labels().get(InstanceLabels.ACCOUNT),
        c.labels().get(InstanceLabels.INSTANCE_TYPE), c.labels().get(InstanceLabels.IMAGE_ID), c.id(), state,
        c.startedAt(), c.finishedAt(), c.exitCode(), c.ports());
  }
}

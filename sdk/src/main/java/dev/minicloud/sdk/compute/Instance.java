package dev.minicloud.sdk.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container instance as {@code DescribeInstances} shows it.
 *
 * @param instanceId {@code i-} and 17 hex digits
 * @param accountId the owning account
 * @param imageId the image it was launched from
 * @param instanceType its type, e.g. {@code nano}
 * @param state its lifecycle state
 * @param stateReason why it is in that state (e.g. {@code Server.InstanceStopped})
 * @param launchTime when it was launched
 * @param terminatedAt when it was terminated, or null
 * @param tags its tags
 * @param ports its published ports (empty while stopped)
 * @param agentId the compute agent it runs on
 * @param clientToken the idempotency token it was launched with, or null
 */
public record Instance(String instanceId, String accountId, String imageId, String instanceType, InstanceState state,
    String stateReason, Instant launchTime, Instant terminatedAt, Map<String, String> tags, List<PortMapping> ports,
    String agentId, String clientToken) {

  /** Never-null collections. */
  public Instance {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** The state's name, e.g. {@code running}. */
  public String stateName() {
    return state == null ? null : state.name();
  }

  /** Where {@code containerPort} is published, if it is (instances publish nothing while stopped). */
  public Optional<PortMapping> port(int containerPort) {
    return ports.stream().filter(p -> p.containerPort() == containerPort).findFirst();
  }
}

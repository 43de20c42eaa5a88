package dev.minicloud.controlplane.compute.instance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An instance in the API's JSON ({@code GET /compute/v1/instances/{id}} and lists). */
public record InstanceView(
    String instanceId, String accountId, String imageId, String instanceType, InstanceState.StateView state,
    String stateReason, Instant launchTime, Instant terminatedAt, Map<String, String> tags,
    List<InstanceRecord.PortView> ports, String agentId, String clientToken) {

  public static InstanceView of(InstanceRecord r) {
    return new InstanceView(r.instanceId(), r.accountId(), r.imageId(), r.instanceType(), r.state().view(),
        r.stateReason(), r.launchTime(), r.terminatedAt(), r.tags(), r.ports(), r.agentId(), r.clientToken());
  }

  /** A state change: what stop, start, reboot and terminate return. */
  public record StateChange(String instanceId, InstanceState.StateView previousState,
      InstanceState.StateView currentState) {}
}

package dev.minicloud.controlplane.cluster;

import dev.minicloud.common.cluster.NodeKind;
import java.time.Instant;
import java.util.Map;

/**
 * A node as the control plane knows it; also the JSON of {@code GET /admin/v1/nodes} entries and
 * of the NODES table.
 */
public record NodeRecord(
    String nodeId, NodeKind kind, NodeState state, String endpoint, String version,
    Map<String, Object> capacity, Instant registeredAt, Instant startedAt, Instant lastHeartbeat) {

  NodeRecord heartbeat(String endpoint, String version, Map<String, Object> capacity, Instant startedAt, Instant now) {
    return new NodeRecord(nodeId, kind, NodeState.UP, endpoint, version, capacity, registeredAt, startedAt, now);
  }

  NodeRecord down() {
    return new NodeRecord(nodeId, kind, NodeState.DOWN, endpoint, version, capacity, registeredAt, startedAt,
        lastHeartbeat);
  }
}

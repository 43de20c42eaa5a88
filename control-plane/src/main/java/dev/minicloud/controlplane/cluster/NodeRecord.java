package dev.minicloud.controlplane.cluster;

import dev.minicloud.common.cluster.NodeKind;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A node as the control plane knows it; also the JSON of {@code GET /admin/v1/nodes} entries and
 * of the NODES table. {@code socket} is the Unix socket the node also serves its API on (null when
 * it serves TCP only); see {@link #localSocket()}.
 */
public record NodeRecord(
    String nodeId, NodeKind kind, NodeState state, String endpoint, String socket, String version,
    Map<String, Object> capacity, Instant registeredAt, Instant startedAt, Instant lastHeartbeat) {

  NodeRecord heartbeat(String endpoint, String socket, String version, Map<String, Object> capacity,
      Instant startedAt, Instant now) {
    return new NodeRecord(nodeId, kind, NodeState.UP, endpoint, socket, version, capacity, registeredAt, startedAt, now);
  }

  NodeRecord down() {
    return new NodeRecord(nodeId, kind, NodeState.DOWN, endpoint, socket, version, capacity, registeredAt, startedAt,
        lastHeartbeat);
  }

  private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  /**
   * The node's Unix socket when the control plane may use it: the node reported one and its TCP
   * endpoint is on loopback, which only a node on this host can be. A remote node's socket path
   * (which could name a different node's socket here) is never used.
   */
  public Optional<String> localSocket() {
    if (socket == null) {
      return Optional.empty();
    }
    String host;
    try {
      host = URI.create(endpoint).getHost();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    boolean loopback = host != null && (host.equals("localhost") || LOOPBACK_V4.matcher(host).matches() || host.equals("[::1]"));
    return loopback ? Optional.of(socket) : Optional.empty();
  }
}

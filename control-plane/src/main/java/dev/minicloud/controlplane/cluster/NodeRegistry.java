package dev.minicloud.controlplane.cluster;

import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage nodes and compute agents that joined this control plane. Heartbeats update memory;
 * the NODES table is written when a node joins or changes state, so a restarted control plane
 * still knows its nodes (as DOWN until they next heartbeat) without an fsync per heartbeat.
 */
public final class NodeRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

  private final MetadataStore store;
  private final Clock clock;
  private final Duration downAfter;
  private final Map<String, NodeRecord> nodes = new ConcurrentHashMap<>();

  public NodeRegistry(MetadataStore store, Clock clock, Duration downAfter) {
    this.store = store;
    this.clock = clock;
    this.downAfter = downAfter;
    try (var entries = store.scan(Table.NODES, new byte[0], null)) {
      while (entries.hasNext()) {
        NodeRecord known = Json.fromBytes(entries.next().value(), NodeRecord.class);
        nodes.put(known.nodeId(), known.down());
      }
    }
  }

  /** Registers a node or records its heartbeat (one idempotent call). */
  public NodeRecord heartbeat(String nodeId, NodeKind kind, String endpoint, String socket, String version,
      Map<String, Object> capacity, Instant startedAt) {
    Instant now = clock.instant();
    NodeRecord[] changed = new NodeRecord[1];
    NodeRecord updated = nodes.compute(nodeId, (id, old) -> {
      if (old == null || old.kind() != kind) {
        changed[0] = new NodeRecord(id, kind, NodeState.UP, endpoint, socket, version, capacity, now, startedAt, now);
        return changed[0];
      }
      NodeRecord next = old.heartbeat(endpoint, socket, version, capacity, startedAt, now);
      if (old.state() != NodeState.UP || !old.endpoint().equals(endpoint) || !Objects.equals(old.socket(), socket)
          || !old.startedAt().equals(startedAt)) {
        changed[0] = next;
      }
      return next;
    });
    if (changed[0] != null) {
      LOG.info("{} node {} is up at {}{}", kind.wireName(), nodeId, endpoint, socket == null ? "" : " and " + socket);
      persist(changed[0]);
    }
    return updated;
  }

  /** Marks nodes whose heartbeats stopped as DOWN. Called periodically. */
  public void markMissing() {
    Instant deadline = clock.instant().minus(downAfter);
    for (NodeRecord node : nodes.values()) {
      if (node.state() == NodeState.UP && node.lastHeartbeat().isBefore(deadline)) {
        NodeRecord down = nodes.computeIfPresent(node.nodeId(),
            (id, current) -> current.state() == NodeState.UP && current.lastHeartbeat().isBefore(deadline)
                ? current.down() : current);
        if (down != null && down.state() == NodeState.DOWN) {
          LOG.warn("{} node {} is down: no heartbeat since {}", down.kind().wireName(), down.nodeId(),
              down.lastHeartbeat());
          persist(down);
        }
      }
    }
  }

  public List<NodeRecord> list() {
    List<NodeRecord> all = new ArrayList<>(nodes.values());
    all.sort(Comparator.comparing(NodeRecord::kind).thenComparing(NodeRecord::nodeId));
    return all;
  }

  public Optional<NodeRecord> get(String nodeId) {
    return Optional.ofNullable(nodes.get(nodeId));
  }

  /** The nodes of this kind that are up now. */
  public List<NodeRecord> up(NodeKind kind) {
    return nodes.values().stream().filter(n -> n.kind() == kind && n.state() == NodeState.UP).toList();
  }

  public long count(NodeKind kind, NodeState state) {
    return nodes.values().stream().filter(n -> n.kind() == kind && n.state() == state).count();
  }

  private void persist(NodeRecord record) {
    store.put(Table.NODES, record.nodeId().getBytes(StandardCharsets.UTF_8), Json.toBytes(record));
  }
}

package dev.minicloud.controlplane.cluster;

import dev.minicloud.common.cluster.NodeKind;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.common.testing.MutableClock;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryMetadataStore store = new InMemoryMetadataStore();
  private final NodeRegistry registry = new NodeRegistry(store, clock, Duration.ofSeconds(5));

  @Test
  void nodeGoesDownWhenHeartbeatsStopAndUpWhenTheyResume() {
    Instant started = clock.instant();
    registry.heartbeat("sn-1", NodeKind.STORAGE, "http://127.0.0.1:1", null, "0.1.0", Map.of(), started);
    assertEquals(1, registry.count(NodeKind.STORAGE, NodeState.UP));

    clock.advance(Duration.ofSeconds(5));
    registry.markMissing();
    assertEquals(1, registry.count(NodeKind.STORAGE, NodeState.UP), "exactly at the limit is still up");

    clock.advance(Duration.ofMillis(1));
    registry.markMissing();
    assertEquals(NodeState.DOWN, registry.list().get(0).state());

    registry.heartbeat("sn-1", NodeKind.STORAGE, "http://127.0.0.1:1", null, "0.1.0", Map.of(), started);
    assertEquals(NodeState.UP, registry.list().get(0).state());
  }

  @Test
  void knownNodesSurviveARestartAsDownUntilTheyHeartbeat() {
    registry.heartbeat("ca-1", NodeKind.COMPUTE, "http://127.0.0.1:2", null, "0.1.0", Map.of("cpus", 2), clock.instant());
    NodeRegistry restarted = new NodeRegistry(store, clock, Duration.ofSeconds(5));
    assertEquals(1, restarted.list().size());
    assertEquals(NodeState.DOWN, restarted.list().get(0).state());
    assertEquals(Map.of("cpus", 2), restarted.list().get(0).capacity());
  }
}

package dev.minicloud.controlplane.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.common.cluster.NodeKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeRecordTest {

  private static NodeRecord node(String endpoint, String socket) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new NodeRecord("sn-1", NodeKind.STORAGE, NodeState.UP, endpoint, socket, "test", Map.of(), t, t, t);
  }

  @Test
  void aNodeOnThisHostIsReachedOverItsSocket() {
    assertEquals(Optional.of("/d/node.sock"), node("http://127.0.0.1:4000", "/d/node.sock").localSocket());
    assertEquals(Optional.of("/d/node.sock"), node("http://127.0.0.2:4000", "/d/node.sock").localSocket());
    assertEquals(Optional.of("/d/node.sock"), node("http://localhost:4000", "/d/node.sock").localSocket());
    assertEquals(Optional.of("/d/node.sock"), node("https://[::1]:4000", "/d/node.sock").localSocket());
  }

  @Test
  void aRemoteNodesSocketIsNeverUsedNorIsAMissingOne() {
    assertEquals(Optional.empty(), node("http://10.0.0.7:4000", "/d/node.sock").localSocket(),
        "the same path here could be another node's socket");
    assertEquals(Optional.empty(), node("http://127.0.0.1.example.com:4000", "/d/node.sock").localSocket());
    assertEquals(Optional.empty(), node("http://storage-1:4000", "/d/node.sock").localSocket());
    assertEquals(Optional.empty(), node("http://127.0.0.1:4000", null).localSocket());
    assertEquals(Optional.empty(), node("not a uri", "/d/node.sock").localSocket());
  }
}

package dev.minicloud.common.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {

  @TempDir
  Path dir;

  @Test
  void createsAnIdOnFirstStartAndKeepsIt() throws Exception {
    Path dataDir = dir.resolve("storage");
    NodeIdentity first = NodeIdentity.loadOrCreate(dataDir, NodeKind.STORAGE);
    assertTrue(first.nodeId().matches("sn-[0-9a-f]{12}"), first.nodeId());
    assertEquals(first.nodeId(), Files.readString(dataDir.resolve(NodeIdentity.FILE_NAME)).trim());

    NodeIdentity again = NodeIdentity.loadOrCreate(dataDir, NodeKind.STORAGE);
    assertEquals(first.nodeId(), again.nodeId());
  }

  @Test
  void computeIdsHaveTheirOwnPrefixAndDifferPerDirectory() {
    NodeIdentity a = NodeIdentity.loadOrCreate(dir.resolve("a"), NodeKind.COMPUTE);
    NodeIdentity b = NodeIdentity.loadOrCreate(dir.resolve("b"), NodeKind.COMPUTE);
    assertTrue(a.nodeId().matches("ca-[0-9a-f]{12}"), a.nodeId());
    assertNotEquals(a.nodeId(), b.nodeId());
  }

  @Test
  void refusesAnotherKindsDataDirectory() {
    NodeIdentity.loadOrCreate(dir, NodeKind.STORAGE);
    assertThrows(IllegalStateException.class, () -> NodeIdentity.loadOrCreate(dir, NodeKind.COMPUTE));
  }

  @Test
  void refusesAGarbledIdFile() throws Exception {
    Files.writeString(dir.resolve(NodeIdentity.FILE_NAME), "sn-../../etc\n");
    assertThrows(IllegalStateException.class, () -> NodeIdentity.loadOrCreate(dir, NodeKind.STORAGE));
  }
}

package dev.minicloud.controlplane.storage.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.rocksdb.RocksMetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object index's writes, group-committed, on real RocksDB. */
class ObjectIndexTest {

  @TempDir
  Path dir;

  private static ObjectRecord version(String key, String etag) {
    return new ObjectRecord(key, 1, etag, Instant.parse("2026-12-02T10:00:00Z"), Map.of(), Map.of(), Map.of(), null,
        Map.of(), List.of(), List.of());
  }

  @Test
  void concurrentWritersOfOneKeyEachReplaceADifferentVersionAndTheChainIsComplete() throws Exception {
    int writers = 16;
    int perWriter = 200;
    try (RocksMetadataStore store = RocksMetadataStore.open(dir.resolve("meta"))) {
      ObjectIndex index = new ObjectIndex(store);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<List<String>>> replaced = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        replaced.add(pool.submit(() -> {
          List<String> previous = new ArrayList<>();
          for (int i = 0; i < perWriter; i++) {
            index.replace("b", version("k", writer + "-" + i)).ifPresent(p -> previous.add(p.etag()));
          }
          return previous;
        }));
      }
      Set<String> seen = new HashSet<>();
      for (Future<List<String>> f : replaced) {
        for (String etag : f.get(60, TimeUnit.SECONDS)) {
          assertTrue(seen.add(etag), "version " + etag + " was reported replaced twice");
        }
      }
      pool.shutdown();
      // Every version but the last one standing was replaced exactly once: none lost, none twice.
      String last = index.get("b", "k").orElseThrow().etag();
      assertEquals(writers * perWriter - 1, seen.size());
      assertFalse(seen.contains(last));
    }
  }

  @Test
  void aFailingChangeFailsAloneAndExtraWritesCommitWithTheObject() throws Exception {
    try (RocksMetadataStore store = RocksMetadataStore.open(dir.resolve("meta"))) {
      ObjectIndex index = new ObjectIndex(store);
      index.put("b", version("a", "1"));
      assertThrows(IllegalStateException.class, () -> index.update("b", "a", o -> {
        throw new IllegalStateException("refused");
      }));
      assertEquals("1", index.get("b", "a").orElseThrow().etag(), "a failed change writes nothing");

      byte[] upload = "upload-1".getBytes(StandardCharsets.UTF_8);
      store.put(Table.UPLOADS, upload, new byte[] {1});
      Optional<ObjectRecord> previous = index.replace("b", version("a", "2"), batch -> batch.delete(Table.UPLOADS, upload));
      assertEquals("1", previous.orElseThrow().etag());
      assertEquals("2", index.get("b", "a").orElseThrow().etag());
      assertTrue(store.get(Table.UPLOADS, upload).isEmpty(), "the extra write committed with the object");

      assertEquals("2", index.remove("b", "a").orElseThrow().etag());
      assertTrue(index.get("b", "a").isEmpty());
      assertTrue(index.remove("b", "a").isEmpty());
      assertTrue(index.update("b", "a", o -> o).isEmpty(), "an update of a missing object writes nothing");
      assertTrue(index.get("b", "a").isEmpty());
    }
  }
}

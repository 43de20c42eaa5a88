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
    return sized(key, etag, 1);
  }

  private static ObjectRecord sized(String key, String etag, long size) {
    return new ObjectRecord(key, size, etag, Instant.parse("2026-12-02T10:00:00Z"), Map.of(), Map.of(), Map.of(), null,
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

  @Test
  void bucketTotalsFollowEveryPutOverwriteUpdateAndDeleteAndSurviveAReopen() throws Exception {
    Path meta = dir.resolve("meta");
    try (RocksMetadataStore store = RocksMetadataStore.open(meta); ObjectIndex index = new ObjectIndex(store)) {
      assertEquals(new ObjectIndex.Totals(0, 0), index.totals("b"), "a bucket never written");
      index.put("b", sized("a", "1", 100));
      index.put("b", sized("b", "1", 50));
      index.put("other", sized("a", "1", 7));
      assertEquals(new ObjectIndex.Totals(150, 2), index.totals("b"));
      index.put("b", sized("a", "2", 30)); // overwrite: the old size leaves
      assertEquals(new ObjectIndex.Totals(80, 2), index.totals("b"));
      index.update("b", "b", o -> sized("b", "2", 51));
      assertEquals(new ObjectIndex.Totals(81, 2), index.totals("b"));
      index.remove("b", "a");
      index.remove("b", "a"); // nothing there: nothing moves
      assertEquals(new ObjectIndex.Totals(51, 1), index.totals("b"));
      assertEquals(new ObjectIndex.Totals(7, 1), index.totals("other"), "buckets are counted apart");
    }
    try (RocksMetadataStore store = RocksMetadataStore.open(meta)) {
      assertEquals(new ObjectIndex.Totals(51, 1), new ObjectIndex(store).totals("b"), "durable with the objects");
    }
  }

  @Test
  void bucketTotalsStayExactUnderConcurrentGroupCommitsOfOverlappingKeys() throws Exception {
    try (RocksMetadataStore store = RocksMetadataStore.open(dir.resolve("meta")); ObjectIndex index = new ObjectIndex(store)) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 16; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            String key = "k" + ((writer * 7 + i) % 40); // writers collide on 40 keys
            if (i % 5 == 4) {
              index.remove("b", key);
            } else {
              index.put("b", sized(key, writer + "-" + i, writer * 1000 + i));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      long bytes = 0;
      long objects = 0;
      try (var all = index.scan("b", "", null)) {
        while (all.hasNext()) {
          bytes += index.decode(all.next()).size();
          objects++;
        }
      }
      assertTrue(objects > 0);
      assertEquals(new ObjectIndex.Totals(bytes, objects), index.totals("b"), "kept totals against a full count");
    }
  }

  @Test
  void aBucketWrittenBeforeTotalsWereKeptIsCountedOnceAndThenKept() throws Exception {
    try (RocksMetadataStore store = RocksMetadataStore.open(dir.resolve("meta")); ObjectIndex index = new ObjectIndex(store)) {
      index.put("b", sized("a", "1", 100));
      index.put("b", sized("b", "1", 20));
      store.delete(Table.BUCKET_TOTALS, "b".getBytes(StandardCharsets.UTF_8)); // as an older version left it
      assertEquals(new ObjectIndex.Totals(120, 2), index.totals("b"), "counted by a scan");
      index.put("b", sized("c", "1", 3));
      assertTrue(store.get(Table.BUCKET_TOTALS, "b".getBytes(StandardCharsets.UTF_8)).isPresent());
      assertEquals(new ObjectIndex.Totals(123, 3), index.totals("b"));
    }
  }
}

package dev.minicloud.storagenode.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.error.ApiException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

/** The RocksDB layer of small blobs, on a real database in a temp directory. */
class SmallBlobsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:15:30.123Z");

  @TempDir
  Path dir;

  private SmallBlobs blobs;

  @BeforeEach
  void open() throws Exception {
    blobs = SmallBlobs.open(dir.resolve("small-blobs"));
  }

  @AfterEach
  void close() {
    blobs.close();
  }

  private static byte[] framed(String content) {
    byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] framed = new byte[SmallBlobs.HEADER_BYTES + bytes.length];
    System.arraycopy(bytes, 0, framed, SmallBlobs.HEADER_BYTES, bytes.length);
    return framed;
  }

  private static String content(OpenBlob.InMemory blob) {
    return blob.bytes().toString(java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Test
  void aBlobIsStoredReadAndDeleted() throws Exception {
    assertFalse(blobs.contains("blob-0001"));
    assertNull(blobs.read("blob-0001"));

    blobs.put("blob-0001", framed("hello"), T0);

    assertTrue(blobs.contains("blob-0001"));
    OpenBlob.InMemory read = blobs.read("blob-0001");
    assertEquals(5, read.size());
    assertEquals("hello", content(read));
    assertTrue(blobs.delete("blob-0001"));
    assertFalse(blobs.delete("blob-0001"));
    assertNull(blobs.read("blob-0001"));
  }

  @Test
  void anEmptyBlobIsABlob() throws Exception {
    blobs.put("empty-blob", framed(""), T0);
    assertEquals(0, blobs.read("empty-blob").size());
    assertEquals(List.of(new BlobInfo("empty-blob", 0, T0)), blobs.list(null, 10).blobs());
  }

  @Test
  void theListingPagesInIdOrderWithSizesAndTimes() throws Exception {
    List<String> ids = List.of("-a-blob-1", "00-blob-1", "0Z-blob-1", "A0-blob-1", "Zz-blob-1", "_x-blob-1", "ab-blob-1",
        "zz-blob-1");
    for (int i = ids.size() - 1; i >= 0; i--) { // written out of order
      blobs.put(ids.get(i), framed("x".repeat(i)), T0.plusSeconds(i));
    }

    List<BlobInfo> listed = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      BlobPage page = blobs.list(after, 3);
      assertTrue(page.blobs().size() <= 3);
      listed.addAll(page.blobs());
      after = page.nextAfter();
      pages++;
    } while (after != null);

    assertEquals(3, pages);
    assertEquals(ids, listed.stream().map(BlobInfo::blobId).toList());
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(new BlobInfo(ids.get(i), i, T0.plusSeconds(i)), listed.get(i));
    }
    assertEquals(List.of("ab-blob-1", "zz-blob-1"),
        blobs.list("_x-blob-1", 10).blobs().stream().map(BlobInfo::blobId).toList(), "after is exclusive");
    assertEquals(List.of("zz-blob-1"), blobs.list("b0000000", 10).blobs().stream().map(BlobInfo::blobId).toList(),
        "after need not exist");
    assertNull(blobs.list(null, 8).nextAfter(), "an exactly full last page has no next page");
  }

  @Test
  void committedBlobsSurviveAReopen() throws Exception {
    byte[] big = new byte[SmallBlobStore.MAX_BYTES];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 7);
    }
    byte[] framedBig = new byte[SmallBlobs.HEADER_BYTES + big.length];
    System.arraycopy(big, 0, framedBig, SmallBlobs.HEADER_BYTES, big.length);
    blobs.put("kept-blob", framed("kept"), T0);
    blobs.put("biggest-blob", framedBig, T0);
    blobs.close();

    blobs = SmallBlobs.open(dir.resolve("small-blobs"));

    assertEquals("kept", content(blobs.read("kept-blob")));
    assertArrayEquals(big, blobs.read("biggest-blob").bytes().getBytes());
    assertEquals(2, blobs.list(null, 10).blobs().size());
  }

  @Test
  void concurrentPutsAreGroupCommittedAndATakenIdIsRefusedWhereverItIsTaken() throws Exception {
    blobs.put("taken-here", framed("old"), T0);
    List<java.util.concurrent.CompletableFuture<Void>> puts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      puts.add(blobs.putIfAbsent(String.format("blob-%04d", i), framed("v" + i), T0, id -> false));
    }
    var twice = blobs.putIfAbsent("blob-0000", framed("again"), T0, id -> false);
    var here = blobs.putIfAbsent("taken-here", framed("new"), T0, id -> false);
    var elsewhere = blobs.putIfAbsent("in-a-file", framed("x"), T0, id -> id.equals("in-a-file"));
    for (var put : puts) {
      put.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    for (var refused : List.of(twice, here, elsewhere)) {
      var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> refused.get(30, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(BlobErrorCode.BLOB_EXISTS, ((ApiException) e.getCause()).errorCode());
    }
    assertEquals("v0", content(blobs.read("blob-0000")), "the first put of an id wins");
    assertEquals("v199", content(blobs.read("blob-0199")));
    assertEquals("old", content(blobs.read("taken-here")));
    assertNull(blobs.read("in-a-file"));
    assertEquals(201, blobs.list(null, 1000).blobs().size());
  }

  @Test
  void putsQueuedBeforeCloseAreDurableAndLaterOnesAreRefused() throws Exception {
    List<java.util.concurrent.CompletableFuture<Void>> puts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      puts.add(blobs.putIfAbsent(String.format("blob-%04d", i), framed("v" + i), T0, id -> false));
    }
    blobs.close();
    for (var put : puts) {
      assertTrue(put.isDone() && !put.isCompletedExceptionally(), "committed before the database closed");
    }
    assertThrows(IllegalStateException.class, () -> blobs.putIfAbsent("blob-late", framed("x"), T0, id -> false));
    blobs = SmallBlobs.open(dir.resolve("small-blobs"));
    assertEquals(50, blobs.list(null, 1000).blobs().size());
  }

  @Test
  void aSecondOpenOfTheSameDirectoryFailsAndLeaksNothing() {
    assertThrows(RocksDBException.class, () -> SmallBlobs.open(dir.resolve("small-blobs")), "RocksDB's LOCK file");
  }

  @Test
  void aClosedStoreRefusesCallsAndClosesOnce() throws Exception {
    blobs.close();
    assertThrows(IllegalStateException.class, () -> blobs.read("blob-0001"));
    assertThrows(IllegalStateException.class, () -> blobs.put("blob-0001", framed("x"), T0));
    assertThrows(IllegalStateException.class, () -> blobs.list(null, 1));
    blobs.close(); // idempotent
  }

  @Test
  void invalidIdsAreRefused() {
    ApiException e = assertThrows(ApiException.class, () -> blobs.read("../../etc"));
    assertEquals(BlobErrorCode.INVALID_BLOB_ID, e.errorCode());
  }
}

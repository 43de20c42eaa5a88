package dev.minicloud.storagenode.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both tiers behind one store: real RocksDB and real files in a temp directory, a real Vert.x. */
class TieredBlobStoreTest {

  private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
  private static final int SMALL = SmallBlobStore.MAX_BYTES;

  @TempDir
  Path dir;

  private Vertx vertx;
  private BlobFiles files;
  private SmallBlobs smallBlobs;
  private TieredBlobStore store;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    openStores();
  }

  private void openStores() throws Exception {
    files = BlobFiles.open(dir.resolve("blobs"));
    smallBlobs = SmallBlobs.open(dir.resolve("small-blobs"));
    store = TieredBlobStore.create(vertx, files, smallBlobs, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() throws Exception {
    smallBlobs.close();
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static ApiException failure(Future<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(future));
    return assertInstanceOf(ApiException.class, e.getCause());
  }

  private static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  /** Writes {@code body} in 64 KiB chunks, as the HTTP server delivers it, and commits. */
  private long put(String blobId, Long announced, byte[] body) throws Exception {
    BlobUpload upload = await(store.create(blobId, announced));
    for (int at = 0; at < body.length; at += 65_536) {
      await(upload.stream().write(Buffer.buffer(body).slice(at, Math.min(body.length, at + 65_536))));
    }
    return await(upload.commit(announced));
  }

  private long put(String blobId, byte[] body) throws Exception {
    return put(blobId, (long) body.length, body);
  }

  private byte[] read(String blobId) throws Exception {
    OpenBlob blob = await(store.open(blobId));
    try (blob) {
      if (blob instanceof OpenBlob.InMemory memory) {
        return memory.bytes().getBytes();
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) blob.size());
      ((OpenBlob.InFile) blob).channel().read(buffer, 0);
      return buffer.array();
    }
  }

  @Test
  void theAnnouncedSizeChoosesTheTier() throws Exception {
    assertEquals(SMALL, put("small-edge", bytes(SMALL)));
    assertEquals(SMALL + 1, put("large-edge", bytes(SMALL + 1)));
    assertEquals(10, put("chunked-1", null, bytes(10)), "unknown size: a file, however small");

    assertTrue(smallBlobs.contains("small-edge"));
    assertFalse(Files.exists(files.pathOf("small-edge")));
    assertTrue(Files.exists(files.pathOf("large-edge")));
    assertTrue(Files.exists(files.pathOf("chunked-1")));
    assertFalse(smallBlobs.contains("chunked-1"));

    assertInstanceOf(OpenBlob.InMemory.class, await(store.open("small-edge")));
    assertArrayEquals(bytes(SMALL), read("small-edge"));
    assertArrayEquals(bytes(SMALL + 1), read("large-edge"));
    assertArrayEquals(bytes(10), read("chunked-1"));
  }

  @Test
  void anIdExistsOnceAcrossTiers() throws Exception {
    put("in-files-1", bytes(SMALL + 10));
    put("in-rocks-1", bytes(10));

    assertEquals(BlobErrorCode.BLOB_EXISTS, failure(
        store.create("in-files-1", 10L).compose(upload -> upload.stream().write(Buffer.buffer(bytes(10)))
            .compose(written -> upload.commit(10L)))).errorCode(), "small write of an id held by a file");
    assertEquals(BlobErrorCode.BLOB_EXISTS, failure(store.create("in-rocks-1", null)).errorCode(),
        "file write of an id held by RocksDB");
    assertEquals(BlobErrorCode.BLOB_EXISTS, failure(store.create("in-rocks-1", 10L)
        .compose(upload -> upload.stream().write(Buffer.buffer(bytes(10))).compose(written -> upload.commit(10L))))
        .errorCode());

    assertArrayEquals(bytes(SMALL + 10), read("in-files-1"), "untouched");
    assertArrayEquals(bytes(10), read("in-rocks-1"), "untouched");
    assertEquals(2, await(store.list(null, 10)).blobs().size());
    for (String id : List.of("in-files-1", "in-rocks-1")) { // "exists", not "is being written": ids were released
      assertTrue(failure(store.create(id, null)).getMessage().endsWith(" exists."), id);
    }
  }

  @Test
  void oneWriterPerIdAcrossTiers() throws Exception {
    BlobUpload large = await(store.create("contended", null));
    assertEquals(BlobErrorCode.BLOB_EXISTS, failure(store.create("contended", 10L)).errorCode());
    await(large.abort());

    BlobUpload small = await(store.create("contended", 10L));
    assertEquals(BlobErrorCode.BLOB_EXISTS, failure(store.create("contended", null)).errorCode());
    assertEquals(BlobErrorCode.BLOB_EXISTS, failure(store.create("contended", 5L)).errorCode());
    await(small.stream().write(Buffer.buffer(bytes(10))));
    assertEquals(10L, await(small.commit(10L)));

    assertEquals(BlobErrorCode.BLOB_EXISTS, failure(store.create("contended", null)).errorCode(), "now it exists");
  }

  @Test
  void aSizeOtherThanAnnouncedStoresNothingAndFreesTheId() throws Exception {
    BlobUpload shorter = await(store.create("size-blob", 100L));
    await(shorter.stream().write(Buffer.buffer(bytes(99))));
    assertEquals(BlobErrorCode.INCOMPLETE_BODY, failure(shorter.commit(100L)).errorCode());

    BlobUpload longer = await(store.create("size-blob", 100L));
    await(longer.stream().write(Buffer.buffer(bytes(60))));
    assertEquals(BlobErrorCode.INCOMPLETE_BODY, failure(longer.stream().write(Buffer.buffer(bytes(41)))).errorCode(),
        "refused as it arrives: never buffered beyond the announced size");
    await(longer.abort());

    BlobUpload contradicted = await(store.create("size-blob", 100L));
    await(contradicted.stream().write(Buffer.buffer(bytes(100))));
    assertEquals(BlobErrorCode.INCOMPLETE_BODY, failure(contradicted.commit(101L)).errorCode());

    assertFalse(smallBlobs.contains("size-blob"));
    assertEquals(BlobErrorCode.NO_SUCH_BLOB, failure(store.open("size-blob")).errorCode());
    assertEquals(100L, put("size-blob", bytes(100)), "the id is free again");
  }

  @Test
  void deleteFindsEitherTier() throws Exception {
    put("small-doomed", bytes(10));
    put("large-doomed", bytes(SMALL + 1));

    assertTrue(await(store.delete("small-doomed")));
    assertTrue(await(store.delete("large-doomed")));
    assertFalse(await(store.delete("small-doomed")));
    assertFalse(await(store.delete("large-doomed")));
    assertEquals(BlobErrorCode.NO_SUCH_BLOB, failure(store.open("small-doomed")).errorCode());
    assertEquals(BlobErrorCode.NO_SUCH_BLOB, failure(store.open("large-doomed")).errorCode());
    assertTrue(await(store.list(null, 10)).blobs().isEmpty());
  }

  @Test
  void theListingMergesBothTiersInIdOrderWithPaging() throws Exception {
    TreeSet<String> ids = new TreeSet<>();
    int n = 0;
    for (String prefix : List.of("-a", "00", "0Z", "A0", "Zz", "_x", "ab", "zz")) {
      for (int i = 0; i < 3; i++) {
        String id = prefix + "-blob-" + i;
        ids.add(id);
        boolean small = (n++ % 3) != 0; // interleaved tiers, two small for one file
        put(id, small ? bytes(i + 1) : bytes(SMALL + i + 1));
      }
    }

    for (int limit : List.of(1, 2, 5, 7, 24, 25)) {
      List<BlobInfo> listed = new ArrayList<>();
      String after = null;
      do {
        BlobPage page = await(store.list(after, limit));
        assertTrue(page.blobs().size() <= limit);
        listed.addAll(page.blobs());
        after = page.nextAfter();
        assertTrue(after == null || page.blobs().size() == limit, "only a full page has a next one");
      } while (after != null);
      assertEquals(new ArrayList<>(ids), listed.stream().map(BlobInfo::blobId).toList(), "limit " + limit);
      for (BlobInfo blob : listed) {
        long i = Long.parseLong(blob.blobId().substring(blob.blobId().length() - 1));
        assertTrue(blob.size() == i + 1 || blob.size() == SMALL + i + 1, blob.toString());
      }
    }
    BlobInfo small = await(store.list("-a-blob-0", 1)).blobs().get(0);
    assertEquals(new BlobInfo("-a-blob-1", 2, NOW), small, "a small blob's time is its commit's");
    assertNull(await(store.list(null, 24)).nextAfter());
  }

  @Test
  void mergeEndsAtTheSmallerEndOfTwoFullPages() {
    BlobPage a = new BlobPage(List.of(info("aaaaaaaa"), info("cccccccc")), "cccccccc");
    BlobPage b = new BlobPage(List.of(info("bbbbbbbb"), info("dddddddd")), "dddddddd");
    BlobPage merged = TieredBlobStore.merge(a, b, 2);
    assertEquals(List.of(info("aaaaaaaa"), info("bbbbbbbb")), merged.blobs());
    assertEquals("bbbbbbbb", merged.nextAfter());
    assertNull(TieredBlobStore.merge(new BlobPage(List.of(), null), new BlobPage(List.of(), null), 5).nextAfter());
  }

  private static BlobInfo info(String blobId) {
    return new BlobInfo(blobId, 1, NOW);
  }

  @Test
  void committedBlobsOfBothTiersSurviveAReopen() throws Exception {
    put("small-kept", bytes(1000));
    put("large-kept", bytes(SMALL * 2));
    smallBlobs.close();

    openStores();

    assertArrayEquals(bytes(1000), read("small-kept"));
    assertArrayEquals(bytes(SMALL * 2), read("large-kept"));
    assertEquals(List.of("large-kept", "small-kept"),
        await(store.list(null, 10)).blobs().stream().map(BlobInfo::blobId).toList());
  }
}

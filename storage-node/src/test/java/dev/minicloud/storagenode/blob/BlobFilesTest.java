package dev.minicloud.storagenode.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.error.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobFilesTest {

  @TempDir
  Path dir;

  private BlobFiles files;

  @BeforeEach
  void open() throws Exception {
    files = BlobFiles.open(dir.resolve("blobs"));
  }

  private long write(String blobId, String content) throws Exception {
    Path temp = files.beginWrite(blobId);
    Files.writeString(temp, content);
    return files.commit(blobId, temp, null);
  }

  @Test
  void aBlobLivesUnderItsTwoCharacterPrefixAndTheTempDirEmptiesOnCommit() throws Exception {
    assertEquals(5, write("Ab_-0123", "hello"));

    Path path = dir.resolve("blobs").resolve("Ab").resolve("Ab_-0123");
    assertEquals(path, files.pathOf("Ab_-0123"));
    assertEquals("hello", Files.readString(path));
    try (Stream<Path> left = Files.list(files.tmpDir())) {
      assertEquals(0, left.count());
    }
    try (OpenBlob.InFile blob = files.open("Ab_-0123")) {
      assertEquals(5, blob.size());
      ByteBuffer bytes = ByteBuffer.allocate(5);
      blob.channel().read(bytes, 0);
      assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), bytes.array());
    }
  }

  @Test
  void invalidIdsNeverBecomePaths() {
    for (String bad : new String[] {"../../etc", "short", "a/b/c/d/e", "with.dot1", "x".repeat(129), "", "tmp"}) {
      ApiException e = assertThrows(ApiException.class, () -> files.pathOf(bad), bad);
      assertEquals(BlobErrorCode.INVALID_BLOB_ID, e.errorCode());
    }
  }

  @Test
  void anExistingBlobIsNeverReplacedAndAnIdHasOneWriterAtATime() throws Exception {
    write("blob-0001", "first");
    ApiException exists = assertThrows(ApiException.class, () -> files.beginWrite("blob-0001"));
    assertEquals(BlobErrorCode.BLOB_EXISTS, exists.errorCode());

    Path temp = files.beginWrite("blob-0002");
    ApiException busy = assertThrows(ApiException.class, () -> files.beginWrite("blob-0002"));
    assertEquals(BlobErrorCode.BLOB_EXISTS, busy.errorCode());
    files.abort("blob-0002", temp);
    Path again = files.beginWrite("blob-0002"); // released by the abort
    assertNotEquals(temp, again);
    files.abort("blob-0002", again);
    assertEquals("first", Files.readString(files.pathOf("blob-0001")));
  }

  @Test
  void aSizeOtherThanTheExpectedOneStoresNothing() throws Exception {
    Path temp = files.beginWrite("blob-0003");
    Files.writeString(temp, "abc");

    ApiException e = assertThrows(ApiException.class, () -> files.commit("blob-0003", temp, 4L));

    assertEquals(BlobErrorCode.INCOMPLETE_BODY, e.errorCode());
    assertFalse(Files.exists(temp));
    assertFalse(Files.exists(files.pathOf("blob-0003")));
    assertEquals(3, write("blob-0003", "abc"), "the id is free again");
  }

  @Test
  void openingAMissingBlobIsNoSuchBlobAndDeletingItIsHarmless() throws Exception {
    ApiException e = assertThrows(ApiException.class, () -> files.open("missing-1"));
    assertEquals(BlobErrorCode.NO_SUCH_BLOB, e.errorCode());
    assertFalse(files.delete("missing-1"));
    write("present-1", "x");
    assertTrue(files.delete("present-1"));
    assertFalse(files.delete("present-1"));
  }

  @Test
  void openingDeletesCrashDebrisButKeepsBlobs() throws Exception {
    write("keep-0001", "kept");
    Files.writeString(files.tmpDir().resolve("keep-0002.1234.tmp"), "half an upload");
    Files.writeString(files.tmpDir().resolve("junk"), "x");

    BlobFiles reopened = BlobFiles.open(dir.resolve("blobs"));

    try (Stream<Path> left = Files.list(reopened.tmpDir())) {
      assertEquals(0, left.count());
    }
    assertEquals("kept", Files.readString(reopened.pathOf("keep-0001")));
  }

  @Test
  void listingPagesThroughAllPrefixesInIdOrder() throws Exception {
    TreeSet<String> ids = new TreeSet<>();
    String alphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < 120; i++) {
      String id = "" + alphabet.charAt(i * 7 % 64) + alphabet.charAt(i * 13 % 64) + "-blob-" + i;
      ids.add(id);
      write(id, "x".repeat(i));
    }
    Files.createDirectories(files.root().resolve("zz").resolve("not.a.blob"));
    Files.writeString(files.root().resolve("stray.txt"), "ignored");

    List<String> listed = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      BlobPage page = files.list(after, 7);
      assertTrue(page.blobs().size() <= 7);
      page.blobs().forEach(b -> listed.add(b.blobId()));
      for (BlobInfo blob : page.blobs()) {
        assertEquals(Integer.parseInt(blob.blobId().substring(blob.blobId().lastIndexOf('-') + 1)), blob.size());
        assertNotNull(blob.modifiedAt());
      }
      after = page.nextAfter();
      pages++;
    } while (after != null);

    assertEquals(new ArrayList<>(ids), listed);
    assertEquals(18, pages, "120 blobs in pages of 7, the last one short and without nextAfter");
    BlobPage exact = files.list(null, 120);
    assertEquals(120, exact.blobs().size());
    assertNull(exact.nextAfter(), "a page that ends exactly at the last blob says so");
    assertEquals(List.of(), files.list(ids.last(), 10).blobs());
    assertEquals(ids.higher(ids.first()), files.list(ids.first(), 1).blobs().get(0).blobId());
  }
}

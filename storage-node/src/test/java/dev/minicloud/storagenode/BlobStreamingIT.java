package dev.minicloud.storagenode;

import static dev.minicloud.storagenode.Http.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.testing.Poll;
import dev.minicloud.storagenode.blob.SmallBlobStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large blobs streamed through a node: the client generates the bytes as it sends them and hashes
 * them as it reads them back, so neither side could hold a blob whole. The 512 MiB case runs the
 * node in its own JVM with a 64 MiB heap (and as much direct memory): it can only pass by streaming.
 */
class BlobStreamingIT {

  private static final long MIB = 1L << 20;

  @TempDir
  Path dir;

  /** PUTs a generated blob with a fixed Content-Length, reads it back, compares SHA-256; returns timings. */
  private static String roundTrip(BlobClient blobs, String blobId, long size, long seed) throws Exception {
    String expected = GeneratedBytes.sha256(size, seed);

    long putStart = System.nanoTime();
    HttpResponse<String> put = blobs.send(blobs.request(blobId)
        .header("x-minicloud-expected-size", Long.toString(size))
        .PUT(HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> GeneratedBytes.stream(size, seed)), size)));
    double putSeconds = (System.nanoTime() - putStart) / 1e9;
    assertEquals(201, put.statusCode(), put.body());
    assertEquals(size, new JsonObject(put.body()).getLong("size"));

    long getStart = System.nanoTime();
    HttpResponse<InputStream> get = blobs.send(blobs.request(blobId).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, get.statusCode());
    assertEquals(Optional.of(Long.toString(size)), get.headers().firstValue("content-length"));
    GeneratedBytes.Digest received = GeneratedBytes.sha256(get.body());
    double getSeconds = (System.nanoTime() - getStart) / 1e9;
    assertEquals(size, received.bytes());
    assertEquals(expected, received.hex(), "the bytes read back are the bytes sent");

    HttpResponse<InputStream> tail = blobs.send(blobs.request(blobId).GET().header("Range", "bytes=-" + MIB).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(206, tail.statusCode());
    assertEquals(MIB, GeneratedBytes.sha256(tail.body()).bytes());

    double mb = size / 1e6;
    return String.format("PUT %d MiB in %.2f s (%.0f MB/s, fsync included), GET in %.2f s (%.0f MB/s)",
        size / MIB, putSeconds, mb / putSeconds, getSeconds, mb / getSeconds);
  }

  @Test
  void a256MiBBlobRoundTripsThroughANodeInThisJvm() throws Exception {
    ClusterToken token = ClusterToken.generate();
    StorageNode node = await(new StorageNode(new StorageNodeOptions().setDataDir(dir).setClusterToken(token)).start());
    try {
      String timings = roundTrip(new BlobClient(node.endpoint(), token), "big-in-jvm-256", 256 * MIB, 42);
      System.out.println("[BlobStreamingIT] in-JVM node: " + timings);
    } finally {
      await(node.close());
    }
  }

  @Test
  void a512MiBBlobRoundTripsThroughANodeWithA64MiBHeap() throws Exception {
    Path tokenFile = dir.resolve("cluster-token");
    ClusterToken token = ClusterToken.generateTo(tokenFile);
    Path log = dir.resolve("node.log");
    // Surefire and Failsafe may put a manifest-only jar on java.class.path; this property has the real path.
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:MaxDirectMemorySize=64m",
        "-cp", classpath,
        ForkedStorageNode.class.getName(), dir.resolve("data").toString(), tokenFile.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      Poll.until(Duration.ofSeconds(60), "the forked node to listen (log: " + log + ")",
          () -> !process.isAlive() || readyLine(log).isPresent());
      String endpoint = readyLine(log).orElseThrow(() -> new AssertionError("node did not start: " + read(log)))
          .substring(ForkedStorageNode.READY.length()).trim();

      String timings = roundTrip(new BlobClient(endpoint, token), "big-forked-512", 512 * MIB, 7);
      System.out.println("[BlobStreamingIT] node with -Xmx64m: " + timings);
      assertFalse(read(log).contains("OutOfMemoryError"), read(log));
    } finally {
      process.getOutputStream().close(); // its standard input ends: the node closes and exits
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * A small blob (at most SmallBlobStore.MAX_BYTES, so kept in the node's RocksDB) behaves like a
   * file blob over HTTP: the same answers for whole and ranged reads, 416, HEAD, DELETE and the listing.
   */
  @Test
  void aSmallBlobBehavesLikeAFileBlobOverHttp() throws Exception {
    ClusterToken token = ClusterToken.generate();
    StorageNode node = await(new StorageNode(new StorageNodeOptions().setDataDir(dir).setClusterToken(token)).start());
    try {
      BlobClient blobs = new BlobClient(node.endpoint(), token);
      byte[] small = GeneratedBytes.stream(4096, 3).readAllBytes();
      byte[] large = GeneratedBytes.stream(SmallBlobStore.MAX_BYTES + 1, 4).readAllBytes();
      for (String blobId : List.of("tier-small", "tier-large")) {
        byte[] body = blobId.equals("tier-small") ? small : large;
        HttpResponse<String> put = blobs.put(blobId, body);
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(body.length, new JsonObject(put.body()).getLong("size"));

        HttpResponse<byte[]> whole = blobs.get(blobId, null);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(body, whole.body());
        assertEquals(Optional.of(Integer.toString(body.length)), whole.headers().firstValue("content-length"));
        assertEquals(Optional.of("bytes"), whole.headers().firstValue("accept-ranges"));

        HttpResponse<byte[]> ranged = blobs.get(blobId, "bytes=100-1099");
        assertEquals(206, ranged.statusCode());
        assertEquals(Optional.of("bytes 100-1099/" + body.length), ranged.headers().firstValue("content-range"));
        assertArrayEquals(Arrays.copyOfRange(body, 100, 1100), ranged.body());
        HttpResponse<byte[]> tail = blobs.get(blobId, "bytes=-10");
        assertArrayEquals(Arrays.copyOfRange(body, body.length - 10, body.length), tail.body());

        HttpResponse<byte[]> refused = blobs.get(blobId, "bytes=" + body.length + "-");
        assertEquals(416, refused.statusCode());
        assertEquals(Optional.of("bytes */" + body.length), refused.headers().firstValue("content-range"));

        HttpResponse<String> head = blobs.head(blobId);
        assertEquals(200, head.statusCode());
        assertEquals(Optional.of(Integer.toString(body.length)), head.headers().firstValue("content-length"));
        assertEquals("", head.body());

        assertEquals(409, blobs.put(blobId, small).statusCode(), "an id is taken whichever tier holds it");
      }
      assertFalse(Files.exists(dir.resolve("blobs").resolve("ti").resolve("tier-small")), "the small one is no file");
      assertTrue(Files.exists(dir.resolve("blobs").resolve("ti").resolve("tier-large")));

      JsonArray listed = new JsonObject(blobs.list("limit=1").body()).getJsonArray("blobs");
      assertEquals("tier-large", listed.getJsonObject(0).getString("blobId"));
      JsonObject next = new JsonObject(blobs.list("limit=1&after=tier-large").body());
      assertEquals("tier-small", next.getJsonArray("blobs").getJsonObject(0).getString("blobId"));
      assertEquals(4096L, next.getJsonArray("blobs").getJsonObject(0).getLong("size"));
      assertFalse(next.getJsonArray("blobs").getJsonObject(0).getString("modifiedAt").isBlank());

      for (String blobId : List.of("tier-small", "tier-large")) {
        assertEquals(204, blobs.delete(blobId).statusCode());
        assertEquals(404, blobs.get(blobId, null).statusCode());
        assertEquals(404, blobs.head(blobId).statusCode());
      }
      assertEquals(0, new JsonObject(blobs.list(null).body()).getJsonArray("blobs").size());
    } finally {
      await(node.close());
    }
  }

  /** A chunked body that outgrows the small size it announced is refused as it arrives, not buffered. */
  @Test
  void aSmallUploadLargerThanAnnouncedIsRefused() throws Exception {
    ClusterToken token = ClusterToken.generate();
    StorageNode node = await(new StorageNode(new StorageNodeOptions().setDataDir(dir).setClusterToken(token)).start());
    try {
      BlobClient blobs = new BlobClient(node.endpoint(), token);
      HttpResponse<String> put = blobs.send(blobs.request("overgrown")
          .header("x-minicloud-expected-size", "1000")
          .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> GeneratedBytes.stream(64 * MIB, 5))));
      assertEquals(400, put.statusCode(), put.body());
      assertEquals("IncompleteBody", new JsonObject(put.body()).getJsonObject("error").getString("code"));
      assertEquals(404, blobs.get("overgrown", null).statusCode());
      assertEquals(201, blobs.put("overgrown", new byte[1000]).statusCode(), "the id is free again");
    } finally {
      await(node.close());
    }
  }

  private static Optional<String> readyLine(Path log) {
    return read(log).lines().filter(l -> l.startsWith(ForkedStorageNode.READY)).findFirst();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

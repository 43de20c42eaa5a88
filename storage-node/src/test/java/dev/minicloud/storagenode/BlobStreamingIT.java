package dev.minicloud.storagenode;

import static dev.minicloud.storagenode.Http.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.testing.Poll;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

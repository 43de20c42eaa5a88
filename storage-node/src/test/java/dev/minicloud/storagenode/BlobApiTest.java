package dev.minicloud.storagenode;

import static dev.minicloud.storagenode.Http.await;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.testing.Poll;
import dev.minicloud.storagenode.blob.SmallBlobStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob API of a storage node running in this JVM, called over HTTP on 127.0.0.1. */
class BlobApiTest {

  private static final ClusterToken TOKEN = ClusterToken.generate();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private StorageNode node;
  private BlobClient blobs;

  @BeforeEach
  void startNode() throws Exception {
    node = await(new StorageNode(new StorageNodeOptions().setDataDir(dir).setClusterToken(TOKEN)).start());
    blobs = new BlobClient(node.endpoint(), TOKEN);
  }

  @AfterEach
  void stopNode() throws Exception {
    await(node.close());
  }

  private Path tmpDir() {
    return dir.resolve("blobs").resolve("tmp");
  }

  private long tmpFiles() {
    try (Stream<Path> files = Files.list(tmpDir())) {
      return files.count();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    JsonObject error = new JsonObject(response.body()).getJsonObject("error");
    assertEquals(code, error.getString("code"), response.body());
    assertEquals(response.headers().firstValue("x-minicloud-request-id").orElseThrow(), error.getString("requestId"));
  }

  @Test
  void aLargeBlobRoundTripsAndLivesUnderItsPrefixDirectory() throws Exception {
    byte[] body = bytes(200_000); // above SmallBlobStore.MAX_BYTES: a file

    HttpResponse<String> put = blobs.put("obj-0001-abc", body);

    assertEquals(201, put.statusCode(), put.body());
    JsonObject created = new JsonObject(put.body());
    assertEquals("obj-0001-abc", created.getString("blobId"));
    assertEquals(200_000L, created.getLong("size"));
    assertArrayEquals(body, Files.readAllBytes(dir.resolve("blobs").resolve("ob").resolve("obj-0001-abc")));
    assertEquals(0, tmpFiles());

    HttpResponse<byte[]> get = blobs.get("obj-0001-abc", null);
    assertEquals(200, get.statusCode());
    assertArrayEquals(body, get.body());
    assertEquals("200000", get.headers().firstValue("content-length").orElseThrow());
    assertEquals("bytes", get.headers().firstValue("accept-ranges").orElseThrow());
    assertEquals("application/octet-stream", get.headers().firstValue("content-type").orElseThrow());
  }

  @Test
  void aSmallBlobRoundTripsThroughTheNodesRocksDb() throws Exception {
    byte[] body = bytes(SmallBlobStore.MAX_BYTES); // the largest small blob

    HttpResponse<String> put = blobs.put("obj-0002-abc", body);

    assertEquals(201, put.statusCode(), put.body());
    assertEquals((long) body.length, new JsonObject(put.body()).getLong("size"));
    assertFalse(Files.exists(dir.resolve("blobs").resolve("ob")), "not a file");
    assertTrue(Files.isDirectory(dir.resolve("small-blobs")));
    HttpResponse<byte[]> get = blobs.get("obj-0002-abc", null);
    assertEquals(200, get.statusCode());
    assertArrayEquals(body, get.body());
    assertEquals(String.valueOf(body.length), get.headers().firstValue("content-length").orElseThrow());
    assertEquals("bytes", get.headers().firstValue("accept-ranges").orElseThrow());
    assertEquals("application/octet-stream", get.headers().firstValue("content-type").orElseThrow());

    await(node.close()); // durable: still there after a restart
    node = await(new StorageNode(new StorageNodeOptions().setDataDir(dir).setClusterToken(TOKEN)).start());
    assertArrayEquals(body, new BlobClient(node.endpoint(), TOKEN).get("obj-0002-abc", null).body());
  }

  @Test
  void anEmptyBlobIsABlobWithNoSatisfiableRange() throws Exception {
    assertEquals(201, blobs.put("empty-blob", new byte[0]).statusCode());

    HttpResponse<byte[]> get = blobs.get("empty-blob", null);
    assertEquals(200, get.statusCode());
    assertEquals(0, get.body().length);
    assertEquals("0", get.headers().firstValue("content-length").orElseThrow());
    assertEquals(416, blobs.get("empty-blob", "bytes=0-").statusCode());
  }

  @Test
  void singleRangesAreServedAsPartialContent() throws Exception {
    byte[] body = bytes(1000);
    assertEquals(201, blobs.put("ranged-blob", body).statusCode());

    record Case(String range, int first, int last) {}
    for (Case c : List.of(
        new Case("bytes=0-0", 0, 0), // first byte
        new Case("bytes=999-999", 999, 999), // last byte
        new Case("bytes=-10", 990, 999), // suffix
        new Case("bytes=990-", 990, 999), // open-ended
        new Case("bytes=100-199", 100, 199),
        new Case("bytes=900-5000", 900, 999), // clamped to the end
        new Case("bytes=-5000", 0, 999))) { // suffix longer than the blob
      HttpResponse<byte[]> get = blobs.get("ranged-blob", c.range());
      assertEquals(206, get.statusCode(), c.range());
      assertEquals("bytes " + c.first() + "-" + c.last() + "/1000", get.headers().firstValue("content-range").orElseThrow());
      assertEquals(String.valueOf(c.last() - c.first() + 1), get.headers().firstValue("content-length").orElseThrow());
      assertArrayEquals(Arrays.copyOfRange(body, c.first(), c.last() + 1), get.body(), c.range());
    }

    for (String unsatisfiable : List.of("bytes=1000-", "bytes=1000-1001", "bytes=-0")) {
      HttpResponse<byte[]> refused = blobs.get("ranged-blob", unsatisfiable);
      assertEquals(416, refused.statusCode(), unsatisfiable);
      assertEquals("bytes */1000", refused.headers().firstValue("content-range").orElseThrow());
      assertEquals("InvalidRange", new JsonObject(new String(refused.body(), US_ASCII)).getJsonObject("error").getString("code"));
    }

    HttpResponse<byte[]> ignored = blobs.get("ranged-blob", "bytes=0-1,5-6");
    assertEquals(200, ignored.statusCode(), "several ranges are ignored: the whole blob");
    assertArrayEquals(body, ignored.body());
  }

  @Test
  void headGivesTheHeadersWithoutTheBody() throws Exception {
    assertEquals(201, blobs.put("headed-blob", bytes(1234)).statusCode());

    HttpResponse<String> head = blobs.head("headed-blob");
    assertEquals(200, head.statusCode());
    assertEquals("1234", head.headers().firstValue("content-length").orElseThrow());
    assertEquals("", head.body());

    HttpResponse<String> ranged = blobs.send(blobs.request("headed-blob")
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Range", "bytes=-4"));
    assertEquals(206, ranged.statusCode());
    assertEquals("4", ranged.headers().firstValue("content-length").orElseThrow());
    assertEquals("bytes 1230-1233/1234", ranged.headers().firstValue("content-range").orElseThrow());

    assertEquals(404, blobs.head("missing-blob").statusCode());
  }

  @Test
  void anUnknownBlobIsNoSuchBlob() throws Exception {
    HttpResponse<byte[]> get = blobs.get("never-written", null);
    assertEquals(404, get.statusCode());
    assertEquals("NoSuchBlob", new JsonObject(new String(get.body(), US_ASCII)).getJsonObject("error").getString("code"));
  }

  @Test
  void deleteIsIdempotent() throws Exception {
    assertEquals(201, blobs.put("doomed-blob", bytes(10)).statusCode());

    assertEquals(204, blobs.delete("doomed-blob").statusCode());
    assertEquals(404, blobs.get("doomed-blob", null).statusCode());
    assertEquals(204, blobs.delete("doomed-blob").statusCode());
    assertEquals(204, blobs.delete("never-existed").statusCode());
  }

  @Test
  void aTakenIdIsRefusedAndTheBlobIsUntouched() throws Exception {
    byte[] first = bytes(5000);
    assertEquals(201, blobs.put("taken-blob", first).statusCode());

    assertError(blobs.put("taken-blob", bytes(70_000)), 409, "BlobExists");

    assertArrayEquals(first, blobs.get("taken-blob", null).body());
    assertEquals(0, tmpFiles());
    assertEquals(201, blobs.put("other-blob", bytes(10)).statusCode(), "the refused body was drained; the client goes on");
  }

  @Test
  void aClientWaitingFor100ContinueSendsItsBodyOnlyForAFreeId() throws Exception {
    HttpRequest.Builder put = blobs.request("continued").expectContinue(true)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(300_000)));
    assertEquals(201, blobs.send(put).statusCode());

    // The JDK 17 client hangs on a final answer to Expect (a JDK bug), so the refusal is read raw.
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoTimeout((int) WAIT.toMillis());
      socket.getOutputStream().write(("PUT /internal/v1/blobs/continued HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\n" + ClusterToken.HEADER + ": " + TOKEN.value() + "\r\n"
          + "Expect: 100-continue\r\nContent-Length: 300000\r\n\r\n").getBytes(US_ASCII));
      BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      assertEquals("HTTP/1.1 409 Conflict", reader.readLine(), "refused before any byte of the body was sent");
    }
  }

  @Test
  void badIdsAreRefusedBeforeTheyTouchTheFileSystem() throws Exception {
    for (String bad : List.of("..%2F..", "..%2F..%2F..%2Fetc%2Fpasswd", "short", "a.b.c.d.e.f", "%2E%2E%2E%2E%2E%2E%2E%2E",
        "x".repeat(129))) {
      assertError(blobs.put(bad, bytes(10)), 400, "InvalidBlobId");
      assertError(blobs.send(blobs.request(bad).GET()), 400, "InvalidBlobId");
      assertEquals(400, blobs.head(bad).statusCode());
      assertError(blobs.delete(bad), 400, "InvalidBlobId");
    }
    assertError(blobs.list("after=..%2F..%2Fxx"), 400, "InvalidBlobId");
    try (Stream<Path> all = Files.walk(dir.resolve("blobs"))) {
      assertEquals(List.of(dir.resolve("blobs"), tmpDir()), all.sorted().toList(), "nothing was created");
    }
  }

  @Test
  void everyBlobCallNeedsTheClusterToken() throws Exception {
    assertEquals(201, blobs.put("guarded-blob", bytes(10)).statusCode());
    BlobClient stranger = new BlobClient(node.endpoint(), ClusterToken.generate());

    assertError(stranger.put("guarded-blob2", bytes(10)), 401, "InvalidClusterToken");
    assertEquals(401, stranger.get("guarded-blob", null).statusCode());
    assertEquals(401, stranger.head("guarded-blob").statusCode());
    assertError(stranger.delete("guarded-blob"), 401, "InvalidClusterToken");
    assertError(stranger.list(null), 401, "InvalidClusterToken");
    HttpResponse<String> noToken = Http.get(node.endpoint() + "/internal/v1/blobs/guarded-blob");
    assertError(noToken, 401, "InvalidClusterToken");

    assertEquals(200, blobs.get("guarded-blob", null).statusCode(), "the blob is still there");
    assertEquals(404, blobs.get("guarded-blob2", null).statusCode());
  }

  @Test
  void aBodyOfAnotherSizeThanExpectedStoresNothing() throws Exception {
    // Chunked (no Content-Length): only the stored size can be compared.
    HttpResponse<String> chunked = blobs.send(blobs.request("expected-1")
        .header("x-minicloud-expected-size", "1001")
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> GeneratedBytes.stream(1000, 1))));
    assertError(chunked, 400, "IncompleteBody");
    assertEquals(404, blobs.get("expected-1", null).statusCode());
    assertEquals(0, tmpFiles());

    HttpResponse<String> contradicting = blobs.send(blobs.request("expected-2")
        .header("x-minicloud-expected-size", "999")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(1000))));
    assertError(contradicting, 400, "IncompleteBody");

    assertError(blobs.send(blobs.request("expected-3").header("x-minicloud-expected-size", "-1")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(10)))), 400, "ValidationError");

    HttpResponse<String> matching = blobs.send(blobs.request("expected-4")
        .header("x-minicloud-expected-size", "1000")
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> GeneratedBytes.stream(1000, 1))));
    assertEquals(201, matching.statusCode(), matching.body());
    assertEquals(1000L, new JsonObject(matching.body()).getLong("size"));
  }

  @Test
  void aChunkedBodyIsStored() throws Exception {
    HttpResponse<String> put = blobs.send(blobs.request("chunked-blob")
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> GeneratedBytes.stream(3_000_000, 7))));

    assertEquals(201, put.statusCode(), put.body());
    assertEquals(3_000_000L, new JsonObject(put.body()).getLong("size"));
    HttpResponse<byte[]> get = blobs.get("chunked-blob", null);
    assertEquals(GeneratedBytes.sha256(3_000_000, 7),
        GeneratedBytes.sha256(new java.io.ByteArrayInputStream(get.body())).hex());
  }

  /** Starts a PUT on a raw socket: headers announcing {@code contentLength}, then {@code sent} bytes. */
  private Socket startUpload(String blobId, long contentLength, int sent) throws IOException {
    Socket socket = new Socket("127.0.0.1", node.port());
    socket.setSoTimeout((int) WAIT.toMillis());
    OutputStream out = socket.getOutputStream();
    out.write(("PUT /internal/v1/blobs/" + blobId + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + node.port() + "\r\n"
        + ClusterToken.HEADER + ": " + TOKEN.value() + "\r\n"
        + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(US_ASCII));
    out.write(bytes(sent));
    out.flush();
    return socket;
  }

  @Test
  void anAbortedUploadLeavesNothing() throws Exception {
    Socket socket = startUpload("aborted-blob", 10L << 20, 1 << 20);
    Poll.until(WAIT, "the upload's temp file", () -> tmpFiles() == 1);
    socket.close(); // after 1 of 10 MiB

    Poll.until(WAIT, "the temp file to be deleted", () -> tmpFiles() == 0);
    assertEquals(404, blobs.get("aborted-blob", null).statusCode());
    assertEquals(201, blobs.put("aborted-blob", bytes(10)).statusCode(), "the id is free again");
  }

  @Test
  void aStalledUploadIsAbandonedAfterTheIdleTimeout() throws Exception {
    await(node.close());
    node = await(new StorageNode(new StorageNodeOptions().setDataDir(dir).setClusterToken(TOKEN)
        .setIdleTimeout(Duration.ofSeconds(1))).start());

    try (Socket socket = startUpload("stalled-blob", 10L << 20, 1 << 20)) {
      Poll.until(WAIT, "the upload's temp file", () -> tmpFiles() == 1);
      // The client neither sends nor closes.
      Poll.until(WAIT, "the stalled upload to be abandoned", () -> tmpFiles() == 0);
      assertEquals(-1, socket.getInputStream().read(), "the node closed the connection");
    }
    assertEquals(404, new BlobClient(node.endpoint(), TOKEN).get("stalled-blob", null).statusCode());
  }

  @Test
  void anIdBeingWrittenIsTakenUntilTheWriteEnds() throws Exception {
    try (Socket socket = startUpload("contended", 2 << 20, 1 << 20)) {
      Poll.until(WAIT, "the first upload's temp file", () -> tmpFiles() == 1);

      assertError(blobs.put("contended", bytes(10)), 409, "BlobExists");

      socket.getOutputStream().write(bytes(1 << 20));
      socket.getOutputStream().flush();
      BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      assertEquals("HTTP/1.1 201 Created", reader.readLine());
    }
    assertEquals(2 << 20, blobs.get("contended", null).body().length);
  }

  @Test
  void crashDebrisInTheTempDirectoryIsDeletedOnStart() throws Exception {
    await(node.close());
    Files.write(tmpDir().resolve("crashed-blob.5ca1ab1e.tmp"), bytes(4096));
    Files.write(tmpDir().resolve("anything"), bytes(1));

    node = await(new StorageNode(new StorageNodeOptions().setDataDir(dir).setClusterToken(TOKEN)).start());

    assertEquals(0, tmpFiles());
    assertEquals(404, new BlobClient(node.endpoint(), TOKEN).get("crashed-blob", null).statusCode());
  }

  @Test
  void theListingPagesInIdOrderAcrossPrefixDirectories() throws Exception {
    TreeSet<String> ids = new TreeSet<>();
    for (String prefix : List.of("-a", "00", "0Z", "A0", "Zz", "_x", "ab", "zz")) {
      for (int i = 0; i < 3; i++) {
        String id = prefix + "-blob-" + i;
        ids.add(id);
        assertEquals(201, blobs.put(id, bytes(i + 1)).statusCode());
      }
    }

    List<String> listed = new ArrayList<>();
    String after = null;
    do {
      HttpResponse<String> response = blobs.list("limit=5" + (after == null ? "" : "&after=" + after));
      assertEquals(200, response.statusCode(), response.body());
      JsonObject page = new JsonObject(response.body());
      JsonArray entries = page.getJsonArray("blobs");
      assertTrue(entries.size() <= 5);
      for (int i = 0; i < entries.size(); i++) {
        JsonObject blob = entries.getJsonObject(i);
        listed.add(blob.getString("blobId"));
        assertEquals(Long.parseLong(blob.getString("blobId").substring(blob.getString("blobId").length() - 1)) + 1,
            blob.getLong("size"));
        assertFalse(blob.getString("modifiedAt").isBlank());
      }
      assertTrue(page.containsKey("nextAfter"));
      after = page.getString("nextAfter");
    } while (after != null);
    assertEquals(new ArrayList<>(ids), listed);

    JsonObject all = new JsonObject(blobs.list(null).body());
    assertEquals(24, all.getJsonArray("blobs").size(), "default limit 1000");
    assertNull(all.getString("nextAfter"));
    assertError(blobs.list("limit=0"), 400, "ValidationError");
    assertError(blobs.list("limit=ten"), 400, "ValidationError");
    assertEquals(200, blobs.list("limit=20000").statusCode(), "above the maximum is lowered to it");
  }

  @Test
  void otherMethodsOnABlobAreJsonErrors() throws Exception {
    HttpResponse<String> post = blobs.send(blobs.request("some-blob-id").POST(HttpRequest.BodyPublishers.noBody()));
    assertError(post, 404, "NotFound"); // the router's catch-all answers before Vert.x-web's 405
    assertEquals(404, blobs.send(HttpRequest.newBuilder(URI.create(node.endpoint() + "/internal/v1/blobs/a/b/c/d/e"))
        .header(ClusterToken.HEADER, TOKEN.value()).GET()).statusCode());
  }
}

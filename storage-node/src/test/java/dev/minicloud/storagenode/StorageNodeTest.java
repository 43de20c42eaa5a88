package dev.minicloud.storagenode;

import static dev.minicloud.storagenode.Http.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.storagenode.blob.SmallBlobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageNodeTest {

  private static final ClusterToken TOKEN = ClusterToken.generate();

  @TempDir
  Path dir;

  private final List<StorageNode> nodes = new ArrayList<>();

  @AfterEach
  void closeNodes() throws Exception {
    for (StorageNode node : nodes) {
      await(node.close());
    }
  }

  private StorageNode start(Path dataDir) throws Exception {
    StorageNode node = new StorageNode(new StorageNodeOptions().setDataDir(dataDir).setClusterToken(TOKEN));
    nodes.add(node);
    return await(node.start());
  }

  @Test
  void listensOnAFreeLoopbackPortAndIsLive() throws Exception {
    StorageNode node = start(dir);

    assertTrue(node.port() > 0);
    assertEquals("http://127.0.0.1:" + node.port(), node.endpoint());
    HttpResponse<String> live = Http.get(node.endpoint() + "/health/live");
    assertEquals(200, live.statusCode());
    assertTrue(live.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    assertEquals("up", new JsonObject(live.body()).getString("status"));
    assertNull(node.lastHeartbeat(), "no control plane configured: no registration");
  }

  @Test
  void theInternalApiRefusesCallsWithoutTheClusterToken() throws Exception {
    StorageNode node = start(dir);
    String info = node.endpoint() + "/internal/v1/info";

    for (HttpResponse<String> refused : List.of(
        Http.get(info),
        Http.get(info, ClusterToken.HEADER, "wrong-token"),
        Http.get(info, ClusterToken.HEADER, ""))) {
      assertEquals(401, refused.statusCode(), refused.body());
      assertTrue(refused.headers().firstValue("content-type").orElse("").startsWith("application/json"));
      JsonObject error = new JsonObject(refused.body()).getJsonObject("error");
      assertEquals("InvalidClusterToken", error.getString("code"));
      assertFalse(error.getString("message").isBlank());
      assertEquals(refused.headers().firstValue("x-minicloud-request-id").orElseThrow(), error.getString("requestId"));
    }
    assertEquals(401, Http.get(node.endpoint() + "/internal/v1/no-such-thing").statusCode(),
        "the token is checked before routing, so unknown internal paths reveal nothing");
  }

  @Test
  void infoWithTheTokenReportsIdKindAndDiskCapacity() throws Exception {
    StorageNode node = start(dir);

    HttpResponse<String> response = Http.get(node.endpoint() + "/internal/v1/info", ClusterToken.HEADER, TOKEN.value());

    assertEquals(200, response.statusCode(), response.body());
    JsonObject info = new JsonObject(response.body());
    assertEquals(node.nodeId(), info.getString("nodeId"));
    assertEquals("storage", info.getString("kind"));
    assertEquals(node.endpoint(), info.getString("endpoint"));
    assertEquals("0.1.0", info.getString("version"));
    JsonObject capacity = info.getJsonObject("capacity");
    long total = capacity.getLong("diskTotalBytes");
    long free = capacity.getLong("diskFreeBytes");
    assertTrue(total > 0, "total " + total);
    assertTrue(free >= 0 && free <= total, "free " + free + " of " + total);
  }

  @Test
  void unknownPathsAreJsonNotFound() throws Exception {
    StorageNode node = start(dir);

    HttpResponse<String> response = Http.get(node.endpoint() + "/internal/v1/nope", ClusterToken.HEADER, TOKEN.value());

    assertEquals(404, response.statusCode());
    assertEquals("NotFound", new JsonObject(response.body()).getJsonObject("error").getString("code"));
  }

  @Test
  void aRestartedNodeKeepsItsIdAndAnotherDataDirGetsAnother() throws Exception {
    StorageNode first = start(dir.resolve("a"));
    String id = first.nodeId();
    assertTrue(id.matches("sn-[0-9a-f]{12}"), id);
    await(first.close());

    StorageNode restarted = start(dir.resolve("a"));
    assertEquals(id, restarted.nodeId());

    StorageNode other = start(dir.resolve("b"));
    assertNotEquals(id, other.nodeId());
  }

  @Test
  void severalNodesShareOneVertxAndLeaveItRunning() throws Exception {
    Vertx vertx = Vertx.vertx();
    StorageNode a = null;
    StorageNode b = null;
    try {
      a = new StorageNode(vertx, new StorageNodeOptions().setDataDir(dir.resolve("a")).setClusterToken(TOKEN));
      b = new StorageNode(vertx, new StorageNodeOptions().setDataDir(dir.resolve("b")).setClusterToken(TOKEN));
      nodes.add(a);
      nodes.add(b);
      await(a.start());
      await(b.start());
      assertNotEquals(a.port(), b.port());
      assertNotEquals(a.nodeId(), b.nodeId());

      await(a.close());
      assertEquals(200, Http.get(b.endpoint() + "/health/live").statusCode(), "closing one node leaves the other up");
    } finally {
      for (StorageNode node : new StorageNode[] {a, b}) {
        if (node != null) {
          await(node.close());
        }
      }
      await(vertx.close());
    }
  }

  @Test
  void aClusterTokenIsRequired() {
    assertThrows(IllegalArgumentException.class, () -> new StorageNode(new StorageNodeOptions().setDataDir(dir)));
  }

  @Test
  void aTakenPortFailsTheStartAndReleasesEverything() throws Exception {
    StorageNode first = start(dir.resolve("a"));
    StorageNode clash = new StorageNode(new StorageNodeOptions()
        .setDataDir(dir.resolve("b")).setClusterToken(TOKEN).setPort(first.port()));

    assertThrows(ExecutionException.class, () -> await(clash.start()));
    assertEquals(200, Http.get(first.endpoint() + "/health/live").statusCode());
    await(clash.close()); // completes once the failed start has released everything
    start(dir.resolve("b")); // the small-blob RocksDB of "b" was closed: its LOCK is free again
  }

  @Test
  void aDataDirServesOneNodeAtATime() throws Exception {
    StorageNode first = start(dir.resolve("a"));
    StorageNode second = new StorageNode(new StorageNodeOptions().setDataDir(dir.resolve("a")).setClusterToken(TOKEN));

    assertThrows(ExecutionException.class, () -> await(second.start()), "RocksDB's LOCK");
    await(second.close());
    assertEquals(200, Http.get(first.endpoint() + "/health/live").statusCode());
  }

  @Test
  void servesTheSameGuardedApiOnAUnixSocketOnlyItsOwnerMayOpen() throws Exception {
    StorageNode node = start(dir);
    Path socket = node.unixSocket().orElseThrow(() -> new AssertionError("the native transport is on the class path"));
    assertEquals(dir.resolve("node.sock").toAbsolutePath(), socket);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setPreferNativeTransport(true));
    try {
      HttpClient client = vertx.createHttpClient();
      SocketAddress address = SocketAddress.domainSocketAddress(socket.toString());
      Function<String, io.vertx.core.http.RequestOptions> info = token -> {
        RequestOptions options = new io.vertx.core.http.RequestOptions()
            .setServer(address).setHost("localhost").setURI("/internal/v1/info");
        if (token != null) {
          options.putHeader(ClusterToken.HEADER, token);
        }
        return options;
      };
      int refused = await(client.request(info.apply(null))
          .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode()))));
      assertEquals(401, refused, "the socket is no way around the cluster token");
      JsonObject answered = await(client.request(info.apply(TOKEN.value()))
          .compose(request -> request.send().compose(response -> response.statusCode() == 200
              ? response.body().map(Buffer::toJsonObject)
              : Future.failedFuture("HTTP " + response.statusCode()))));
      assertEquals(node.nodeId(), answered.getString("nodeId"));
    } finally {
      await(vertx.close());
    }

    await(node.close());
    assertFalse(Files.exists(socket), "closing the node removes its socket file");
  }

  @Test
  void aSocketLeftByAnEarlierRunIsReplacedButAFileInItsPlaceIsNot() throws Exception {
    StorageNode first = start(dir.resolve("a"));
    Path socket = first.unixSocket().orElseThrow();
    await(first.close());
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("b").resolve("node.sock"), "not a socket");
    // A crash leaves the socket file; simulate it with a socket bound by hand and never removed.
    try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      stale.bind(UnixDomainSocketAddress.of(socket));
    }
    assertTrue(Files.exists(socket));

    StorageNode again = start(dir.resolve("a"));
    assertEquals(socket, again.unixSocket().orElseThrow());
    StorageNode blocked = new StorageNode(new StorageNodeOptions().setDataDir(dir.resolve("b")).setClusterToken(TOKEN));
    nodes.add(blocked);
    assertThrows(ExecutionException.class, () -> await(blocked.start()));
    assertEquals("not a socket", Files.readString(dir.resolve("b").resolve("node.sock")));
  }

  @Test
  void theSocketCanBeTurnedOff() throws Exception {
    StorageNode node = new StorageNode(new StorageNodeOptions().setDataDir(dir).setClusterToken(TOKEN).setUnixSocket(false));
    nodes.add(node);
    await(node.start());
    assertTrue(node.unixSocket().isEmpty());
    assertFalse(Files.exists(dir.resolve("node.sock")));
  }
  @Test
  void namesAFileBlobsPathOnlyOnItsUnixSocket() throws Exception {
    StorageNode node = start(dir);
    BlobClient blobs = new BlobClient(node.endpoint(), TOKEN);
    byte[] large = new byte[SmallBlobStore.MAX_BYTES + 1];
    new Random(7).nextBytes(large);
    assertEquals(201, blobs.put("large-blob-1", large).statusCode());
    assertEquals(201, blobs.put("small-blob-1", new byte[10]).statusCode());
    HttpResponse<String> overTcp = blobs.send(blobs.request("large-blob-1/file").GET());
    assertEquals(404, overTcp.statusCode(), "a path means something only on this host: " + overTcp.body());
    assertTrue(overTcp.body().contains("NoSuchBlob"), overTcp.body());

    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    try {
      HttpClient client = vertx.createHttpClient();
      SocketAddress socket = SocketAddress.domainSocketAddress(node.unixSocket().orElseThrow().toString());
      Function<String, Future<JsonObject>> file = blobId -> client.request(new RequestOptions().setServer(socket)
              .setHost("localhost").setURI("/internal/v1/blobs/" + blobId + "/file").putHeader(ClusterToken.HEADER, TOKEN.value()))
          .compose(request -> request.send().compose(response -> response.body()
              .map(body -> body.toJsonObject().put("status", response.statusCode()))));

      JsonObject named = await(file.apply("large-blob-1"));
      assertEquals(200, named.getInteger("status"), named.encode());
      assertEquals(large.length, named.getLong("size"));
      assertArrayEquals(large, Files.readAllBytes(Path.of(named.getString("path"))));
      JsonObject small = await(file.apply("small-blob-1"));
      assertEquals(404, small.getInteger("status"), "a small blob lives in RocksDB, not in a file: " + small.encode());
      assertEquals("NoSuchBlob", small.getJsonObject("error").getString("code"), small.encode());
      assertEquals(404, await(file.apply("missing-blob")).getInteger("status"));
      assertEquals(400, await(file.apply("bad!id")).getInteger("status"));
      int refused = await(client.request(new RequestOptions().setServer(socket).setHost("localhost")
              .setURI("/internal/v1/blobs/large-blob-1/file"))
          .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode()))));
      assertEquals(401, refused, "the socket is no way around the cluster token");
    } finally {
      await(vertx.close());
    }
  }
}

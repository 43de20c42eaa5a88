package dev.minicloud.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry rule, against a loopback HTTP server that fails on purpose (fault injection; the
 * storage API itself is tested against the real server in dist's SdkStorageIT).
 */
class RetryBehaviourTest {

  private HttpServer server;
  private final Deque<Integer> statuses = new ConcurrentLinkedDeque<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> ranges = new ArrayList<>();
  private static final byte[] OBJECT = new byte[1000];

  static {
    new java.util.Random(1).nextBytes(OBJECT);
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      Integer status = statuses.poll();
      int code = status == null ? 200 : status;
      byte[] body = code == 200
          ? "<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>".getBytes(StandardCharsets.UTF_8)
          : ("<Error><Code>" + (code == 503 ? "SlowDown" : "InvalidArgument") + "</Code><Message>m</Message>"
              + "<RequestId>R" + requests.get() + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(code, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.createContext("/bucket/broken", exchange -> {
      requests.incrementAndGet();
      String range = exchange.getRequestHeaders().getFirst("range");
      exchange.getResponseHeaders().add("etag", "\"e1\"");
      if (range == null) { // the first answer breaks off after 400 of 1000 bytes
        exchange.sendResponseHeaders(200, OBJECT.length);
        exchange.getResponseBody().write(OBJECT, 0, 400);
        exchange.getResponseBody().flush();
        ranges.add("none");
        exchange.close(); // short body: the connection is dropped
        return;
      }
      ranges.add(range + " if-match " + exchange.getRequestHeaders().getFirst("if-match"));
      int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
      exchange.getResponseHeaders().add("content-range", "bytes " + from + "-999/1000");
      exchange.sendResponseHeaders(206, OBJECT.length - from);
      exchange.getResponseBody().write(OBJECT, from, OBJECT.length - from);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private MiniCloudClient client(int attempts) {
    return MiniCloudClient.builder()
        .endpoint("http://127.0.0.1:" + server.getAddress().getPort())
        .credentials("AKIDEXAMPLE", "secret")
        .retryPolicy(new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofSeconds(1)))
        .sleeper(sleeps::add)
        .build();
  }

  @Test
  void idempotentCallsAreRetriedUntilTheySucceed() {
    statuses.add(503);
    statuses.add(500);
    try (MiniCloudClient client = client(4)) {
      assertEquals(List.of(), client.storage().listBuckets());
    }
    assertEquals(3, requests.get());
    assertEquals(2, sleeps.size());
  }

  @Test
  void retriesStopAtMaxAttemptsWithARetriableException() {
    for (int i = 0; i < 5; i++) {
      statuses.add(503);
    }
    try (MiniCloudClient client = client(3)) {
      RetriableException e = assertThrows(RetriableException.class, () -> client.storage().listBuckets());
      assertEquals("SlowDown", e.code());
      assertEquals("R3", e.requestId());
    }
    assertEquals(3, requests.get());
  }

  @Test
  void clientErrorsAndNonIdempotentCallsAreNotRetried() {
    statuses.add(400);
    try (MiniCloudClient client = client(4)) {
      MiniCloudException e = assertThrows(MiniCloudException.class, () -> client.storage().listBuckets());
      assertEquals("InvalidArgument", e.code());
      assertEquals(1, requests.get());

      statuses.add(503); // CreateMultipartUpload is a POST: one attempt only
      assertThrows(RetriableException.class, () -> client.storage().putObject("b", "k",
          new java.io.ByteArrayInputStream(new byte[6 * 1024 * 1024]), -1,
          new dev.minicloud.sdk.storage.PutOptions().partSize(5 * 1024 * 1024)));
      assertEquals(2, requests.get());
    }
  }

  @Test
  void aDownloadThatBreaksOffResumesWithARangeRequest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path target = dir.resolve("object");
    try (MiniCloudClient client = client(3)) {
      client.storage().getObject("bucket", "broken", target);
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(OBJECT, java.nio.file.Files.readAllBytes(target));
    assertEquals(List.of("none", "bytes=400- if-match \"e1\""), ranges);
    assertEquals(1, sleeps.size());
  }

  @Test
  void refusedConnectionsAreRetriableClientErrors() {
    server.stop(0);
    try (MiniCloudClient client = client(2)) {
      RetriableException e = assertThrows(RetriableException.class, () -> client.storage().listBuckets());
      assertEquals(MiniCloudException.CLIENT_ERROR, e.code());
      assertEquals(0, e.statusCode());
    }
    assertEquals(1, sleeps.size());
  }
}

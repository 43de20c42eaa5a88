package dev.minicloud.common.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Test fixture: the control plane's side of node registration, on a JDK HttpServer bound to
 * 127.0.0.1. Records every {@code PUT /internal/v1/nodes/{id}} and answers as the contract says:
 * 200 with the heartbeat interval for the right token, 401 with a JSON error otherwise, or a
 * forced status. {@link #stop()} and {@link #start()} again rebind the same port, to simulate an
 * outage. Waits are condition waits with a deadline, never sleeps.
 */
public final class FakeControlPlane implements AutoCloseable {

  /** One recorded registration/heartbeat call. */
  public record Put(String nodeId, String token, String contentType, Map<String, Object> body, int status) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> capacity() {
      return (Map<String, Object>) body.get("capacity");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final long heartbeatIntervalMillis;
  private final List<Put> puts = new ArrayList<>();
  private int port;
  private HttpServer server;
  private volatile int forcedStatus;

  /**
   * @param token the cluster token it accepts
   * @param heartbeatIntervalMillis the interval it names in its 200 answers
   */
  public FakeControlPlane(String token, long heartbeatIntervalMillis) {
    this.token = Objects.requireNonNull(token);
    this.heartbeatIntervalMillis = heartbeatIntervalMillis;
  }

  /** Starts on a free loopback port the first time, on the same port afterwards. */
  public synchronized FakeControlPlane start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    s.createContext(NodeRegistration.NODES_PATH, this::handle);
    s.start();
    server = s;
    port = s.getAddress().getPort();
    return this;
  }

  /** Stops at once; connections are refused until {@link #start()}. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Answer every call with {@code status} (0 = behave normally). */
  public void forceStatus(int status) {
    forcedStatus = status;
  }

  public synchronized int port() {
    return port;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public synchronized List<Put> puts() {
    return List.copyOf(puts);
  }

  public synchronized int count() {
    return puts.size();
  }

  /** Waits until at least {@code n} calls have been recorded; returns the n-th. */
  public Put awaitPuts(int n, Duration timeout) throws InterruptedException {
    return awaitPut(n, put -> true, timeout);
  }

  /**
   * Waits until a call matching {@code condition} arrives at a position of at least {@code from}
   * (1-based) and returns it.
   */
  public synchronized Put awaitPut(int from, Predicate<Put> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = Math.max(0, from - 1);
    while (true) {
      for (; checked < puts.size(); checked++) {
        if (condition.test(puts.get(checked))) {
          return puts.get(checked);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching registration call #" + from + "+ within " + timeout
            + "; recorded " + puts.size() + ": " + puts);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"PUT".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "{\"error\":{\"code\":\"MethodNotAllowed\",\"message\":\"PUT only\",\"requestId\":\"F1\"}}");
        return;
      }
      String nodeId = exchange.getRequestURI().getPath().substring(NodeRegistration.NODES_PATH.length());
      String presented = exchange.getRequestHeaders().getFirst(ClusterToken.HEADER);
      Map<String, Object> body;
      try (InputStream in = exchange.getRequestBody()) {
        body = JSON.readValue(in.readAllBytes(), new TypeReference<Map<String, Object>>() {});
      }
      int status = forcedStatus != 0 ? forcedStatus : ClusterToken.matches(token, presented) ? 200 : 401;
      record(new Put(nodeId, presented, exchange.getRequestHeaders().getFirst("content-type"), body, status));
      if (status == 200) {
        respond(exchange, 200, "{\"nodeId\":\"" + nodeId + "\",\"state\":\"up\",\"heartbeatIntervalMillis\":"
            + heartbeatIntervalMillis + "}");
      } else if (status == 401) {
        respond(exchange, 401, "{\"error\":{\"code\":\"InvalidClusterToken\","
            + "\"message\":\"Missing or wrong cluster token.\",\"requestId\":\"F2\"}}");
      } else {
        respond(exchange, status, "{\"error\":{\"code\":\"ServiceUnavailable\","
            + "\"message\":\"forced by the test\",\"requestId\":\"F3\"}}");
      }
    }
  }

  private synchronized void record(Put put) {
    puts.add(put);
    notifyAll();
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

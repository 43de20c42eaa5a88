package dev.minicloud.controlplane.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerInstancesTest {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void connectionsAreServedOnSeveralEventLoops() throws Exception {
    ServerInstances servers = await(ServerInstances.listen(vertx, options(),
        request -> request.response().end(Thread.currentThread().getName()), 2));
    Set<String> threads = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      threads.add(get(servers.actualPort())); // a new client each time: a new connection
    }
    assertEquals(2, threads.size(), "threads that answered: " + threads);
    assertTrue(threads.stream().allMatch(t -> t.startsWith("vert.x-eventloop-thread-")), threads.toString());
  }

  @Test
  void twoServicesOnPortZeroGetTheirOwnPorts() throws Exception {
    ServerInstances a = await(ServerInstances.listen(vertx, options(), request -> request.response().end("a"), 2));
    ServerInstances b = await(ServerInstances.listen(vertx, options(), request -> request.response().end("b"), 2));
    assertNotEquals(a.actualPort(), b.actualPort());
    for (int i = 0; i < 4; i++) {
      assertEquals("a", get(a.actualPort()));
      assertEquals("b", get(b.actualPort()));
    }
  }

  @Test
  void shutdownClosesEveryInstance() throws Exception {
    ServerInstances servers = await(ServerInstances.listen(vertx, options(), request -> request.response().end("up"), 3));
    int port = servers.actualPort();
    assertEquals("up", get(port));
    await(servers.shutdown(1, TimeUnit.SECONDS));
    assertThrows(ConnectException.class, () -> get(port));
  }

  private static HttpServerOptions options() {
    return new HttpServerOptions().setHost("127.0.0.1").setPort(0);
  }

  private static String get(int port) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

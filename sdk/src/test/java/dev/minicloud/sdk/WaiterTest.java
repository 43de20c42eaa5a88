package dev.minicloud.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.minicloud.sdk.compute.Instance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute waiters' polling rule (growing pauses, failure states), against a loopback server
 * that answers a scripted sequence of states; the waiters against the real service are in dist's
 * SdkComputeIamIT.
 */
class WaiterTest {

  @TempDir
  Path dir;

  private HttpServer server;
  private final ConcurrentLinkedDeque<String> states = new ConcurrentLinkedDeque<>();
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private MiniCloudClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/compute/v1/instances/", exchange -> {
      String state = states.size() > 1 ? states.poll() : states.peek();
      int code = switch (state) {
        case "pending" -> 0;
        case "running" -> 16;
        case "terminated" -> 48;
        default -> 80;
      };
      byte[] body = ("{\"instanceId\":\"i-00000000000000001\",\"state\":{\"code\":" + code + ",\"name\":\"" + state
          + "\"},\"stateReason\":\"r\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("content-type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    client = MiniCloudClient.builder().endpoint("http://127.0.0.1:" + server.getAddress().getPort())
        .credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        .profileFile(dir.resolve("none")).sleeper(pauses::add).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void pollsWithGrowingPausesUntilTheState() {
    states.addAll(List.of("pending", "pending", "pending", "running"));
    Instance i = client.compute().waitUntilRunning("i-00000000000000001", Duration.ofMinutes(1));
    assertEquals("running", i.stateName());
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(225)), pauses);
  }

  @Test
  void aStateThatCannotLeadThereFailsAtOnce() {
    states.add("terminated");
    MiniCloudException e = assertThrows(MiniCloudException.class,
        () -> client.compute().waitUntilRunning("i-00000000000000001"));
    assertEquals(ComputeClient.WAITER_FAILURE, e.code());
    assertEquals(List.of(), pauses);
    assertEquals("terminated", client.compute().waitUntilTerminated("i-00000000000000001").stateName());
  }

  @Test
  void theDeadlineEndsTheWait() {
    states.add("stopped");
    MiniCloudException e = assertThrows(MiniCloudException.class,
        () -> client.compute().waitUntilRunning("i-00000000000000001", Duration.ZERO));
    assertEquals(ComputeClient.WAITER_TIMEOUT, e.code());
  }
}

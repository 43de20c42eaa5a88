package dev.minicloud.common.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.cluster.FakeControlPlane.Put;
import dev.minicloud.common.cluster.HeartbeatResult.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NodeRegistration against a real HTTP server playing the control plane, on loopback. */
class NodeRegistrationTest {

  private static final String TOKEN = "test-cluster-token-0123456789";
  private static final String NODE_ID = "sn-0123456789ab";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Instant STARTED = Instant.parse("2025-01-02T03:04:05Z");
  private static final long INTERVAL_MILLIS = 50;

  private final BlockingQueue<HeartbeatResult> results = new LinkedBlockingQueue<>();
  private final List<NodeRegistration> registrations = new ArrayList<>();
  private FakeControlPlane controlPlane;

  @BeforeEach
  void startControlPlane() throws Exception {
    controlPlane = new FakeControlPlane(TOKEN, INTERVAL_MILLIS).start();
  }

  @AfterEach
  void stopAll() {
    registrations.forEach(NodeRegistration::close);
    controlPlane.close();
  }

  private NodeRegistration.Builder registration(String nodeId, String token) {
    return NodeRegistration.builder()
        .controlPlaneUrl(controlPlane.url())
        .token(ClusterToken.of(token))
        .nodeId(nodeId)
        .kind(NodeKind.STORAGE)
        .endpoint("http://127.0.0.1:12345")
        .capacity(() -> Map.of("diskTotalBytes", 1000L, "diskFreeBytes", 400L))
        .heartbeatInterval(Duration.ofMillis(INTERVAL_MILLIS))
        .requestTimeout(Duration.ofSeconds(2))
        .clock(Clock.fixed(STARTED, ZoneOffset.UTC))
        .listener(results::add);
  }

  private NodeRegistration started(NodeRegistration.Builder builder) {
    NodeRegistration registration = builder.build();
    registrations.add(registration);
    return registration;
  }

  private HeartbeatResult awaitResult(Outcome outcome) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<Outcome> seen = new ArrayList<>();
    while (true) {
      HeartbeatResult next = results.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("no " + outcome + " heartbeat within " + WAIT + "; saw " + seen);
      }
      if (next.outcome() == outcome) {
        return next;
      }
      seen.add(next.outcome());
    }
  }

  @Test
  void firstRegistrationIsSynchronousThenHeartbeatsKeepArriving() throws Exception {
    NodeRegistration registration = started(registration(NODE_ID, TOKEN));

    HeartbeatResult first = registration.start();

    assertEquals(Outcome.ACCEPTED, first.outcome());
    assertEquals(200, first.httpStatus());
    assertEquals(1, controlPlane.count(), "the first call is made before start() returns");
    Put put = controlPlane.puts().get(0);
    assertEquals(NODE_ID, put.nodeId());
    assertEquals(TOKEN, put.token());
    assertEquals("application/json", put.contentType());
    assertEquals("storage", put.body().get("kind"));
    assertEquals("http://127.0.0.1:12345", put.body().get("endpoint"));
    assertEquals("0.1.0", put.body().get("version"));
    assertEquals(STARTED.toString(), put.body().get("startedAt"));
    assertEquals(1000, ((Number) put.capacity().get("diskTotalBytes")).intValue());
    assertEquals(400, ((Number) put.capacity().get("diskFreeBytes")).intValue());

    controlPlane.awaitPuts(5, WAIT);
    for (Put heartbeat : controlPlane.puts()) {
      assertEquals(200, heartbeat.status());
      assertEquals(STARTED.toString(), heartbeat.body().get("startedAt"), "startedAt identifies this run");
    }
  }

  @Test
  void theControlPlanesIntervalReplacesTheConfiguredOne() throws Exception {
    NodeRegistration registration = started(registration(NODE_ID, TOKEN).heartbeatInterval(Duration.ofHours(1)));

    registration.start();

    // With the configured hour, a second heartbeat would never come within the wait.
    controlPlane.awaitPuts(3, WAIT);
    assertEquals(Duration.ofMillis(INTERVAL_MILLIS), registration.heartbeatInterval());
  }

  @Test
  void aBadTokenIsReportedAndHeartbeatsContinue() throws Exception {
    NodeRegistration registration = started(registration(NODE_ID, "not-the-token"));

    HeartbeatResult first = registration.start();

    assertEquals(Outcome.REJECTED, first.outcome());
    assertEquals(401, first.httpStatus());
    assertEquals("InvalidClusterToken", first.errorCode());
    assertTrue(first.message().contains("F2"), "the control plane's request id is kept: " + first.message());
    controlPlane.awaitPuts(3, WAIT);
    controlPlane.puts().forEach(put -> assertEquals(401, put.status()));
    assertEquals(Outcome.REJECTED, registration.lastResult().outcome());
  }

  @Test
  void heartbeatsResumeWhenTheControlPlaneComesBackOnTheSamePort() throws Exception {
    NodeRegistration registration = started(registration(NODE_ID, TOKEN));
    assertEquals(Outcome.ACCEPTED, registration.start().outcome());
    controlPlane.awaitPuts(2, WAIT);
    int port = controlPlane.port();

    controlPlane.stop();
    HeartbeatResult down = awaitResult(Outcome.UNREACHABLE);
    assertEquals(0, down.httpStatus());
    int beforeRestart = controlPlane.count();

    controlPlane.start();
    assertEquals(port, controlPlane.port());
    awaitResult(Outcome.ACCEPTED);
    controlPlane.awaitPuts(beforeRestart + 3, WAIT);
    assertEquals(Outcome.ACCEPTED, registration.lastResult().outcome());
  }

  @Test
  void aNodeThatStartsBeforeTheControlPlaneRegistersWhenItComesUp() throws Exception {
    controlPlane.stop();
    NodeRegistration registration = started(registration(NODE_ID, TOKEN));

    assertEquals(Outcome.UNREACHABLE, registration.start().outcome());

    controlPlane.start();
    awaitResult(Outcome.ACCEPTED);
    assertEquals(NODE_ID, controlPlane.awaitPuts(1, WAIT).nodeId());
  }

  @Test
  void errorAnswersAreRetried() throws Exception {
    controlPlane.forceStatus(503);
    NodeRegistration registration = started(registration(NODE_ID, TOKEN));

    HeartbeatResult first = registration.start();
    assertEquals(Outcome.FAILED, first.outcome());
    assertEquals(503, first.httpStatus());
    assertEquals("ServiceUnavailable", first.errorCode());

    controlPlane.forceStatus(0);
    awaitResult(Outcome.ACCEPTED);
  }

  @Test
  void aFailingCapacityProbeDoesNotStopHeartbeats() throws Exception {
    NodeRegistration registration = started(registration(NODE_ID, TOKEN).capacity(() -> {
      throw new IllegalStateException("disk went away");
    }));

    assertEquals(Outcome.ACCEPTED, registration.start().outcome());
    Put third = controlPlane.awaitPuts(3, WAIT);
    assertNotNull(third.capacity());
    assertTrue(third.capacity().isEmpty());
  }

  @Test
  void closeStopsTheHeartbeats() throws Exception {
    NodeRegistration closed = started(registration(NODE_ID, TOKEN));
    closed.start();
    controlPlane.awaitPuts(2, WAIT);
    closed.close();
    int afterClose = controlPlane.count();

    // A second node on the same interval: while it sends three heartbeats, the closed one sends none.
    String otherId = "sn-ba9876543210";
    NodeRegistration other = started(registration(otherId, TOKEN));
    other.start();
    controlPlane.awaitPut(afterClose + 1, put -> put.nodeId().equals(otherId), WAIT);
    controlPlane.awaitPuts(afterClose + 3, WAIT);
    List<Put> puts = controlPlane.puts();
    for (Put put : puts.subList(afterClose, puts.size())) {
      assertEquals(otherId, put.nodeId(), "no heartbeat after close()");
    }
  }
}

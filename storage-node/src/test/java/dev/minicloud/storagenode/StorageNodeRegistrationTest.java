package dev.minicloud.storagenode;

import static dev.minicloud.storagenode.Http.await;
import static dev.minicloud.storagenode.RecordingAppender.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.cluster.FakeControlPlane;
import dev.minicloud.common.cluster.FakeControlPlane.Put;
import dev.minicloud.common.cluster.HeartbeatResult.Outcome;
import dev.minicloud.common.cluster.NodeRegistration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A storage node against a real HTTP server playing the control plane. */
class StorageNodeRegistrationTest {

  private static final ClusterToken TOKEN = ClusterToken.generate();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private FakeControlPlane controlPlane;
  private StorageNode node;

  @BeforeEach
  void startControlPlane() throws Exception {
    controlPlane = new FakeControlPlane(TOKEN.value(), 50).start();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (node != null) {
      await(node.close());
    }
    controlPlane.close();
  }

  private StorageNode startNode(ClusterToken token) throws Exception {
    node = new StorageNode(new StorageNodeOptions()
        .setDataDir(dir)
        .setClusterToken(token)
        .setControlPlaneUrl(controlPlane.url())
        .setHeartbeatInterval(Duration.ofMillis(50)));
    return await(node.start());
  }

  @Test
  void registersItsEndpointAndDiskCapacityThenHeartbeats() throws Exception {
    startNode(TOKEN);

    assertTrue(controlPlane.count() >= 1, "registered before start() completes");
    Put first = controlPlane.puts().get(0);
    assertEquals(node.nodeId(), first.nodeId());
    assertEquals(TOKEN.value(), first.token());
    assertEquals("storage", first.body().get("kind"));
    assertEquals(node.endpoint(), first.body().get("endpoint"));
    assertEquals("0.1.0", first.body().get("version"));
    assertTrue(((Number) first.capacity().get("diskTotalBytes")).longValue() > 0);
    assertTrue(((Number) first.capacity().get("diskFreeBytes")).longValue() >= 0);

    controlPlane.awaitPuts(4, WAIT);
    assertEquals(Outcome.ACCEPTED, node.lastHeartbeat().outcome());
  }

  @Test
  void anOutageIsLoggedOnceAndTheReturnOnce() throws Exception {
    try (RecordingAppender log = new RecordingAppender(NodeRegistration.class, Level.DEBUG)) {
      startNode(TOKEN);
      controlPlane.awaitPuts(2, WAIT);

      controlPlane.stop();
      log.await(at(Level.WARN, "is unavailable"), 1, WAIT);
      // Several more failed attempts while down: they must not add WARNs.
      log.await(at(Level.DEBUG, "UNREACHABLE"), 3, WAIT);
      controlPlane.start();
      log.await(at(Level.INFO, "is reachable again"), 1, WAIT);
      controlPlane.awaitPuts(controlPlane.count() + 2, WAIT);

      assertEquals(1, log.count(e -> e.getLevel() == Level.WARN), log.events().toString());
      assertEquals(1, log.count(at(Level.INFO, "is reachable again")));
      assertNoTokenIn(log);
    }
  }

  @Test
  void aRejectedTokenIsLoggedOnceAsAnErrorAndHeartbeatsGoOn() throws Exception {
    ClusterToken wrong = ClusterToken.generate();
    try (RecordingAppender log = new RecordingAppender(NodeRegistration.class, Level.DEBUG)) {
      startNode(wrong);

      assertEquals(Outcome.REJECTED, node.lastHeartbeat().outcome());
      controlPlane.awaitPuts(4, WAIT);
      assertEquals(1, log.count(e -> e.getLevel() == Level.ERROR), log.events().toString());
      assertTrue(log.count(at(Level.ERROR, "InvalidClusterToken")) == 1);
      assertNoTokenIn(log);
      assertFalse(log.events().stream().anyMatch(e -> e.getFormattedMessage().contains(wrong.value())));
    }
  }

  private static void assertNoTokenIn(RecordingAppender log) {
    for (ILoggingEvent event : log.events()) {
      assertFalse(event.getFormattedMessage().contains(TOKEN.value()), event.getFormattedMessage());
      if (event.getArgumentArray() != null) {
        assertFalse(Arrays.stream(event.getArgumentArray()).map(String::valueOf).anyMatch(a -> a.contains(TOKEN.value())));
      }
      assertFalse(event.getThrowableProxy() != null
          && Objects.toString(event.getThrowableProxy().getMessage()).contains(TOKEN.value()));
    }
  }
}

package dev.minicloud.controlplane.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The access log's batches, as the logger receives them (a real logback logger, in memory). */
class AccessLogTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger("minicloud.access");
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private Level levelBefore;

  @BeforeEach
  void capture() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.INFO);
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void release() {
    logger.detachAppender(events);
    logger.setLevel(levelBefore);
  }

  @Test
  void linesGoOutInOrderStampedWithTheirTimeWithinAFlushPeriod() {
    AccessLog log = new AccessLog();
    long ended = Instant.parse("2026-12-03T13:45:01.234Z").toEpochMilli();
    String time = LocalTime.ofInstant(Instant.ofEpochMilli(ended), ZoneId.systemDefault()).toString();
    log.add(ended, "R1 127.0.0.1 GET /b/k 200 4096B 0.007ms acct/root");
    log.add(ended, "R2 127.0.0.1 PUT /b/k 200 0B 12.045ms -");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (events.list.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the flusher's own thread hands the batch over
    }
    log.close();
    assertEquals(1, events.list.size(), "one event per batch");
    assertEquals(time + " INFO  access - R1 127.0.0.1 GET /b/k 200 4096B 0.007ms acct/root\n"
        + time + " INFO  access - R2 127.0.0.1 PUT /b/k 200 0B 12.045ms -", events.list.get(0).getFormattedMessage());
  }

  @Test
  void closeLogsWhatIsQueuedAndABacklogBeyondTheCapIsDroppedAndCounted() {
    AccessLog log = new AccessLog(3_600_000); // no periodic flush during the test
    for (int i = 0; i < AccessLog.MAX_PENDING + 3; i++) {
      log.add(0, "line " + i);
    }
    assertTrue(events.list.isEmpty());
    log.close();
    List<String> lines = events.list.stream().flatMap(e -> e.getFormattedMessage().lines()).toList();
    assertEquals(AccessLog.MAX_PENDING + 1, lines.size());
    assertTrue(lines.get(0).endsWith(" INFO  access - line 0"), lines.get(0));
    assertTrue(lines.get(AccessLog.MAX_PENDING - 1).endsWith(" - line " + (AccessLog.MAX_PENDING - 1)));
    assertTrue(lines.get(AccessLog.MAX_PENDING).endsWith(" - 3 access-log lines dropped: the log output did not keep up"),
        lines.get(AccessLog.MAX_PENDING));
  }
}

package dev.minicloud.storagenode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** Test fixture: records one logger's events; waits on them with a deadline (no sleeps). */
final class RecordingAppender extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Logger logger;
  private final Level previousLevel;
  private final List<ILoggingEvent> events = new ArrayList<>();

  /** Attaches to {@code loggerClass}'s logger at {@code level} until {@link #close()}. */
  RecordingAppender(Class<?> loggerClass, Level level) {
    logger = (Logger) LoggerFactory.getLogger(loggerClass);
    previousLevel = logger.getLevel();
    logger.setLevel(level);
    setContext(logger.getLoggerContext());
    start();
    logger.addAppender(this);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    events.add(event);
    notifyAll();
  }

  synchronized List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  synchronized long count(Predicate<ILoggingEvent> condition) {
    return events.stream().filter(condition).count();
  }

  /** Waits until at least {@code n} events match. */
  synchronized void await(Predicate<ILoggingEvent> condition, int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(condition) < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + n + " matching log events within " + timeout + "; got "
            + events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  static Predicate<ILoggingEvent> at(Level level, String messagePart) {
    return e -> e.getLevel() == level && e.getFormattedMessage().contains(messagePart);
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    logger.setLevel(previousLevel);
    stop();
  }
}

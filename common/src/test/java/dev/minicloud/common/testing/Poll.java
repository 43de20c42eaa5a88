package dev.minicloud.common.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: the only way tests synchronise with servers. */
public final class Poll {

  private Poll() {}

  /** Returns once {@code condition} holds; fails with {@code what} when the deadline passes first. */
  public static void until(Duration deadline, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    long pauseMillis = 5;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + deadline + " waiting for: " + what);
      }
      try {
        Thread.sleep(pauseMillis); // back-off between checks, not synchronisation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
      pauseMillis = Math.min(pauseMillis * 2, 100);
    }
  }
}

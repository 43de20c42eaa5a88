package dev.minicloud.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000));

  @Test
  void delayIsFullJitterUnderAnExponentialCap() {
    Random random = new Random(42);
    for (int retry = 1; retry <= 6; retry++) {
      long cap = Math.min(1000, 100L << (retry - 1));
      for (int i = 0; i < 200; i++) {
        long d = policy.delayBefore(retry, () -> random.nextLong() & Long.MAX_VALUE).toMillis();
        assertTrue(d >= 0 && d <= cap, "retry " + retry + ": " + d + " > " + cap);
      }
    }
  }

  @Test
  void extremesOfTheRandomSourceHitTheBounds() {
    assertEquals(0, policy.delayBefore(3, () -> 0).toMillis());
    assertEquals(400, policy.delayBefore(3, () -> 400).toMillis());
    assertEquals(1000, policy.delayBefore(30, () -> 1000).toMillis()); // capped, no overflow
  }

  @Test
  void atLeastOneAttempt() {
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    assertEquals(1, RetryPolicy.none().maxAttempts());
  }
}

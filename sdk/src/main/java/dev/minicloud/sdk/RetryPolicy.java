package dev.minicloud.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How idempotent calls are retried after a {@link RetriableException}: up to {@code maxAttempts}
 * attempts in all, waiting a random time between zero and {@code min(maxDelay, baseDelay * 2^n)}
 * before retry {@code n} (exponential backoff with "full jitter").
 *
 * <p>Non-idempotent calls (creating a multipart upload, completing it) and uploads from a stream
 * that cannot be read twice are never retried.
 *
 * @param maxAttempts attempts in all, at least 1 (1 disables retries)
 * @param baseDelay the backoff unit
 * @param maxDelay the cap on any one wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** Default number of attempts (the first plus three retries). */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  /** Default backoff unit. */
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(100);
  /** Default cap on one wait. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
  }

  /** The default policy: 4 attempts, 100 ms unit, 10 s cap. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
  }

  /** A policy that never retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry).
   *
   * @param random returns a uniformly distributed non-negative long; injectable for tests
   */
  public Duration delayBefore(int retry, LongSupplier random) {
    long cap = maxDelay.toMillis();
    long exp = baseDelay.toMillis() << Math.min(retry - 1, 30);
    long ceiling = Math.max(0, Math.min(cap, exp < 0 ? cap : exp));
    if (ceiling == 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(Math.floorMod(random.getAsLong(), ceiling + 1));
  }
}

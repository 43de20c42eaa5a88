package dev.minicloud.controlplane.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One usage event: a quantity of one meter used by one account at one time. The id makes it
 * idempotent: the store counts an id once, however often it is replayed. The event lands in the
 * hour of {@code time}, not the hour it arrives in, so late events are billed where they belong.
 *
 * @param eventId unique, stable id (replays carry the same id)
 * @param accountId the account billed
 * @param meter a name from {@link Meters}
 * @param time when the usage happened
 * @param quantity amount in the meter's unit (never negative)
 */
public record UsageEvent(String eventId, String accountId, String meter, Instant time, BigDecimal quantity) {

  public UsageEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(quantity, "quantity");
    if (quantity.signum() < 0) {
      throw new IllegalArgumentException("negative quantity for " + meter + ": " + quantity);
    }
    if (eventId.isEmpty() || eventId.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("bad event id");
    }
  }

  public static UsageEvent of(String eventId, String accountId, String meter, Instant time, long quantity) {
    return new UsageEvent(eventId, accountId, meter, time, BigDecimal.valueOf(quantity));
  }

  /** The same usage under another id. */
  public UsageEvent withId(String newId) {
    return new UsageEvent(newId, accountId, meter, time, quantity);
  }
}

package dev.minicloud.controlplane.metering;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The compute service's way into metering: {@code compute.instance-seconds.<type>}, per second
 * while running, with a 60-second minimum per start (as EC2 bills Linux instances).
 *
 * <p>How the compute code uses it (every call is in the write-ahead log on return, see
 * {@link UsageJournal}; idempotent; any thread but not the event loop):
 * <pre>{@code
 * // while an instance runs, e.g. from the reconciler every minute and at each state change:
 * instanceUsage.running(accountId, instanceId, "small", lastRecordedUntil, now);
 * // when a run ends (stop, terminate, crash), once, with when that run started:
 * instanceUsage.runEnded(accountId, instanceId, "small", runStartedAt, stoppedAt);
 * }</pre>
 * {@link #running} intervals of one instance must not overlap (pass the previous {@code to} as the
 * next {@code from}); replaying the same interval counts it once. The interval is split at hour
 * boundaries so each hour gets its own seconds. {@link #runEnded} tops a run shorter than 60 s up to
 * 60 s (and does nothing for longer runs).
 */
public final class InstanceUsage {

  /** The billing minimum per start. */
  public static final Duration MINIMUM_PER_START = Duration.ofSeconds(60);

  private final UsageJournal journal;

  public InstanceUsage(UsageJournal journal) {
    this.journal = journal;
  }

  /** Records that the instance ran from {@code from} to {@code to}; logged on return. */
  public void running(String accountId, String instanceId, String instanceType, Instant from, Instant to) {
    journal.recordNow(runningEvents(accountId, instanceId, instanceType, from, to), b -> { });
  }

  /** Applies the 60-second minimum to the run that started at {@code startedAt}; logged on return. */
  public void runEnded(String accountId, String instanceId, String instanceType, Instant startedAt, Instant endedAt) {
    journal.recordNow(minimumEvents(accountId, instanceId, instanceType, startedAt, endedAt), b -> { });
  }

  static List<UsageEvent> runningEvents(String accountId, String instanceId, String type, Instant from, Instant to) {
    List<UsageEvent> events = new ArrayList<>();
    Instant start = from;
    while (start.isBefore(to)) {
      Instant hourEnd = UsageStore.hourOf(start).plus(1, ChronoUnit.HOURS);
      Instant end = hourEnd.isBefore(to) ? hourEnd : to;
      events.add(new UsageEvent("instance/" + instanceId + "/" + start.toEpochMilli(), accountId, Meters.compute(type),
          start, seconds(Duration.between(start, end))));
      start = end;
    }
    return events;
  }

  static List<UsageEvent> minimumEvents(String accountId, String instanceId, String type, Instant startedAt,
      Instant endedAt) {
    Duration ran = Duration.between(startedAt, endedAt);
    if (ran.isNegative() || ran.compareTo(MINIMUM_PER_START) >= 0) {
      return List.of();
    }
    return List.of(new UsageEvent("instance/" + instanceId + "/" + startedAt.toEpochMilli() + "/minimum", accountId,
        Meters.compute(type), startedAt, seconds(MINIMUM_PER_START.minus(ran))));
  }

  private static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros();
  }
}

package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.metering.InstanceUsage;
import dev.minicloud.controlplane.metering.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns the running intervals that instance records carry into {@code compute.instance-seconds.<type>}
 * usage. It derives everything from the durable instance records, so a crash loses nothing: the next
 * pass sends the same events again and metering ignores the ones it has (their ids are stable).
 *
 * <p>Per interval: a closed one is metered whole, with the 60-second minimum per start; an open one
 * (still running) is metered up to the last full hour, so that every event it produces is exactly
 * the one the closed interval will produce later (intervals are split at hour boundaries).
 */
public final class InstanceMeter {

  /** How often a pass runs; a stopped instance's seconds show up in usage within this. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  private final InstanceStore instances;
  private final InstanceUsage usage;
  private final Clock clock;

  public InstanceMeter(InstanceStore instances, InstanceUsage usage, Clock clock) {
    this.instances = Objects.requireNonNull(instances, "instances");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * How far back a pass looks. Metering remembers event ids for 40 days ({@link UsageStore}); a pass
   * never resends anything older than this, so nothing is counted twice after the ids are pruned.
   */
  static final Duration LOOK_BACK = Duration.ofDays(7);

  /** One pass over every instance record. Blocking (metadata reads, WAL writes): a worker thread. */
  public void meterOnce() {
    Instant now = clock.instant();
    Instant lastFullHour = UsageStore.hourOf(now);
    // An hour boundary: chunks starting there have the ids the whole interval's split gives them.
    Instant window = UsageStore.hourOf(now.minus(LOOK_BACK));
    for (InstanceRecord instance : instances.all()) {
      for (InstanceRecord.RunningInterval run : instance.runningIntervals()) {
        Instant to = run.end() != null ? run.end() : lastFullHour;
        Instant from = run.start().isBefore(window) ? window : run.start();
        if (from.isBefore(to)) {
          usage.running(instance.accountId(), instance.instanceId(), instance.instanceType(), from, to);
        }
        if (run.end() != null && !run.end().isBefore(window)) {
          usage.runEnded(instance.accountId(), instance.instanceId(), instance.instanceType(), run.start(), run.end());
        }
      }
    }
  }
}

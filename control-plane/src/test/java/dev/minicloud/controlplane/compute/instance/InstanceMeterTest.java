package dev.minicloud.controlplane.compute.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metering.HourlyUsage;
import dev.minicloud.controlplane.metering.InstanceUsage;
import dev.minicloud.controlplane.metering.UsageJournal;
import dev.minicloud.controlplane.metering.UsageStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Instance records' running intervals become instance-seconds, once, however often a pass runs. */
class InstanceMeterTest {

  private static final String ACCOUNT = "222222222222";
  private static final String NANO = "compute.instance-seconds.nano";

  private final MetadataStore metadata = new InMemoryMetadataStore();
  private final InstanceStore instances = new InstanceStore(metadata);
  private final UsageStore usage = new UsageStore(metadata);

  @Test
  void closedRunsAreMeteredOnceWithTheMinimumAndOpenRunsUpToTheLastFullHour() {
    Instant t0 = Instant.parse("2026-12-01T10:30:00Z");
    // i-short ran 10 s (billed 60 s); i-long ran 10:30 -> 12:15 and still runs.
    instances.create(List.of(
        record("i-short", List.of(new InstanceRecord.RunningInterval(t0, t0.plusSeconds(10)))),
        record("i-long", List.of(new InstanceRecord.RunningInterval(t0, null)))), null, ACCOUNT);
    try (UsageJournal journal = new UsageJournal(usage)) {
      InstanceMeter meter = new InstanceMeter(instances, new InstanceUsage(journal),
          Clock.fixed(Instant.parse("2026-12-01T12:15:00Z"), ZoneOffset.UTC));
      meter.meterOnce();
      meter.meterOnce(); // a second pass (or a replay after a crash) counts nothing again

      Map<Instant, Long> hours = hours(t0, Instant.parse("2026-12-01T13:00:00Z"));
      // 10:00 hour: 60 s (short run's minimum) + 1800 s (long run from 10:30); 11:00 hour: 3600 s;
      // 12:00 hour: nothing yet (the open run is metered up to the last full hour).
      assertEquals(1860L, hours.get(Instant.parse("2026-12-01T10:00:00Z")));
      assertEquals(3600L, hours.get(Instant.parse("2026-12-01T11:00:00Z")));
      assertEquals(null, hours.get(Instant.parse("2026-12-01T12:00:00Z")));

      // The long run stops at 12:15: the last 15 minutes arrive, the earlier hours do not double.
      instances.update(ACCOUNT, "i-long", 1, r -> r.withState(InstanceState.STOPPED, "stopped", List.of(),
          Instant.parse("2026-12-01T12:15:00Z")));
      meter.meterOnce();
      hours = hours(t0, Instant.parse("2026-12-01T13:00:00Z"));
      assertEquals(1860L, hours.get(Instant.parse("2026-12-01T10:00:00Z")));
      assertEquals(3600L, hours.get(Instant.parse("2026-12-01T11:00:00Z")));
      assertEquals(900L, hours.get(Instant.parse("2026-12-01T12:00:00Z")));
    }
  }

  private Map<Instant, Long> hours(Instant from, Instant to) {
    Map<Instant, Long> out = new java.util.HashMap<>();
    for (HourlyUsage hour : usage.hourly(ACCOUNT, from, to, NANO)) {
      out.put(hour.start(), hour.quantity().longValueExact());
    }
    return out;
  }

  private static InstanceRecord record(String id, List<InstanceRecord.RunningInterval> runs) {
    return new InstanceRecord(id, ACCOUNT, "img-1", "nano", "ca-1", InstanceState.RUNNING, null,
        runs.get(0).start(), null, Map.of(), List.of(), List.of(), null, runs, 0, runs.get(0).start(), null);
  }
}

package dev.minicloud.controlplane.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageStoreTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:15:00Z");
  final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
  final UsageStore usage = new UsageStore(metadata);

  @Test
  void aggregatesPerAccountMeterAndHour() {
    usage.record(List.of(
        UsageEvent.of("a", "111111111111", Meters.REQUESTS_TIER1, T0, 1),
        UsageEvent.of("b", "111111111111", Meters.REQUESTS_TIER1, T0.plusSeconds(60), 1),
        UsageEvent.of("c", "111111111111", Meters.REQUESTS_TIER2, T0, 1),
        UsageEvent.of("d", "222222222222", Meters.REQUESTS_TIER1, T0, 1),
        UsageEvent.of("e", "111111111111", Meters.REQUESTS_TIER1, T0.plusSeconds(3600), 1)), new WriteBatch());

    List<HourlyUsage> first = usage.hourly("111111111111", T0, T0.plusSeconds(7200), null);
    assertEquals(List.of(
        new HourlyUsage("111111111111", Meters.REQUESTS_TIER1, Instant.parse("2026-12-01T10:00:00Z"),
            Instant.parse("2026-12-01T11:00:00Z"), BigDecimal.valueOf(2)),
        new HourlyUsage("111111111111", Meters.REQUESTS_TIER2, Instant.parse("2026-12-01T10:00:00Z"),
            Instant.parse("2026-12-01T11:00:00Z"), BigDecimal.ONE),
        new HourlyUsage("111111111111", Meters.REQUESTS_TIER1, Instant.parse("2026-12-01T11:00:00Z"),
            Instant.parse("2026-12-01T12:00:00Z"), BigDecimal.ONE)), first);
    assertEquals(4, usage.hourly(null, T0, T0.plusSeconds(7200), null).size(), "every account for the root");
    assertEquals(1, usage.hourly(null, T0, T0.plusSeconds(7200), Meters.REQUESTS_TIER2).size());
  }

  @Test
  void replayedIdsNeverCountTwice() {
    UsageEvent event = UsageEvent.of("req-1/in", "111111111111", Meters.TRANSFER_IN, T0, 500);
    assertEquals(1, usage.record(List.of(event), new WriteBatch()));
    assertEquals(0, usage.record(List.of(event), new WriteBatch()), "replay in a later batch");
    assertEquals(1, usage.record(List.of(event.withId("req-2/in"), event.withId("req-2/in")), new WriteBatch()),
        "duplicate inside one batch");
    // a fresh store over the same data (a restart) still knows the id
    assertEquals(0, new UsageStore(metadata).record(List.of(event), new WriteBatch()));
    assertEquals(new BigDecimal(1000), usage.hourly("111111111111", T0, T0.plusSeconds(1), null).get(0).quantity());
    assertTrue(usage.counted(event));
  }

  @Test
  void oldEventIdsArePruned() {
    UsageEvent old = UsageEvent.of("old", "111111111111", Meters.TRANSFER_IN, T0, 1);
    UsageEvent recent = UsageEvent.of("recent", "111111111111", Meters.TRANSFER_IN, T0.plusSeconds(7200), 1);
    usage.record(List.of(old, recent), new WriteBatch());
    assertEquals(1, usage.pruneMarkers(T0.plusSeconds(3600)));
    assertTrue(!usage.counted(old) && usage.counted(recent));
    assertEquals(2, usage.hourly("111111111111", T0, T0.plusSeconds(3 * 3600), null).size(), "aggregates stay");
  }

  @Test
  void lateEventsLandInTheHourTheyHappened() {
    usage.record(List.of(UsageEvent.of("now", "111111111111", Meters.TRANSFER_OUT, T0.plusSeconds(7200), 7)),
        new WriteBatch());
    // arrives two hours late
    usage.record(List.of(UsageEvent.of("late", "111111111111", Meters.TRANSFER_OUT, T0, 5)), new WriteBatch());
    List<HourlyUsage> hours = usage.hourly("111111111111", T0, T0.plusSeconds(3 * 3600), null);
    assertEquals(2, hours.size());
    assertEquals(Instant.parse("2026-12-01T10:00:00Z"), hours.get(0).start());
    assertEquals(BigDecimal.valueOf(5), hours.get(0).quantity());
    assertEquals(Instant.parse("2026-12-01T12:00:00Z"), hours.get(1).start());
  }

  @Test
  void objectCountKeepsTheHoursMaximum() {
    usage.record(List.of(UsageEvent.of("x", "111111111111", Meters.STORAGE_OBJECTS, T0, 9),
        UsageEvent.of("y", "111111111111", Meters.STORAGE_OBJECTS, T0.plusSeconds(60), 4)), new WriteBatch());
    assertEquals(BigDecimal.valueOf(9), usage.hourly("111111111111", T0, T0.plusSeconds(1), null).get(0).quantity());
  }
}

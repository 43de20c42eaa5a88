package dev.minicloud.controlplane.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceUsageTest {

  static final String ACCOUNT = "111111111111";
  static final String SMALL = "compute.instance-seconds.small";

  @Test
  void runningSecondsSplitAtHoursAndReplaysCountOnce() {
    UsageStore usage = new UsageStore(new InMemoryMetadataStore());
    try (UsageJournal journal = new UsageJournal(usage)) {
      InstanceUsage instances = new InstanceUsage(journal);
      Instant start = Instant.parse("2026-12-01T10:59:30Z");
      Instant end = Instant.parse("2026-12-01T11:00:40.500Z");
      instances.running(ACCOUNT, "i-1", "small", start, end);
      instances.running(ACCOUNT, "i-1", "small", start, end); // replay
      instances.runEnded(ACCOUNT, "i-1", "small", start, end); // ran 70.5 s: no minimum
      List<HourlyUsage> hours = usage.hourly(ACCOUNT, start, end, SMALL);
      assertEquals(new BigDecimal("30"), hours.get(0).quantity());
      assertEquals(new BigDecimal("40.5"), hours.get(1).quantity());
    }
  }

  @Test
  void aShortRunIsBilledSixtySeconds() {
    UsageStore usage = new UsageStore(new InMemoryMetadataStore());
    try (UsageJournal journal = new UsageJournal(usage)) {
      InstanceUsage instances = new InstanceUsage(journal);
      Instant start = Instant.parse("2026-12-01T10:00:00Z");
      Instant end = start.plusSeconds(10);
      instances.running(ACCOUNT, "i-2", "small", start, end);
      instances.runEnded(ACCOUNT, "i-2", "small", start, end);
      instances.runEnded(ACCOUNT, "i-2", "small", start, end); // replay
      assertEquals(0, new BigDecimal("60").compareTo(usage.hourly(ACCOUNT, start, end, SMALL).get(0).quantity()));
    }
  }
}

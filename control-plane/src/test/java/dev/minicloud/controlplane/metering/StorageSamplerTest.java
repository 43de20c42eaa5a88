package dev.minicloud.controlplane.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.common.testing.MutableClock;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.storage.bucket.BucketRecord;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageSamplerTest {

  static final String ACCOUNT = "111111111111";
  final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
  final UsageStore usage = new UsageStore(metadata);
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:30:00Z"));
  final StorageSampler sampler = new StorageSampler(metadata, usage, clock);
  final ObjectIndex objects = new ObjectIndex(metadata);

  @Test
  void integratesBytesOverTimeSplitAtHourBoundaries() {
    new BucketStore(metadata).create(new BucketRecord("b1", ACCOUNT, clock.instant(), "us-east-1", Map.of()));
    objects.put("b1", object("a", 1000));
    objects.put("b1", object("b", 2000));
    sampler.sampleAll(); // 10:30: 3000 bytes, 2 objects
    clock.advance(Duration.ofMinutes(45)); // 11:15
    objects.put("b1", object("c", 1000));
    sampler.changed(ACCOUNT);
    sampler.sampleChanged(); // 10:30-11:15 at 3000 bytes; now 4000 bytes, 3 objects
    clock.advance(Duration.ofMinutes(30)); // 11:45
    sampler.sampleAll(); // 11:15-11:45 at 4000 bytes

    List<HourlyUsage> byteHours = usage.hourly(ACCOUNT, Instant.parse("2026-12-01T10:00:00Z"),
        Instant.parse("2026-12-01T12:00:00Z"), Meters.STORAGE_BYTE_HOURS);
    assertEquals(2, byteHours.size());
    assertEquals(0, new BigDecimal("1500").compareTo(byteHours.get(0).quantity()), "3000 B x 0.5 h");
    assertEquals(0, new BigDecimal("2750").compareTo(byteHours.get(1).quantity()), "3000 B x 0.25 h + 4000 B x 0.5 h");

    List<HourlyUsage> counts = usage.hourly(ACCOUNT, Instant.parse("2026-12-01T10:00:00Z"),
        Instant.parse("2026-12-01T12:00:00Z"), Meters.STORAGE_OBJECTS);
    assertEquals(BigDecimal.valueOf(2), counts.get(0).quantity());
    assertEquals(BigDecimal.valueOf(3), counts.get(1).quantity());
  }

  @Test
  void aRestartedSamplerContinuesFromTheStoredSampleWithoutRepeating() {
    new BucketStore(metadata).create(new BucketRecord("b1", ACCOUNT, clock.instant(), "us-east-1", Map.of()));
    objects.put("b1", object("a", 3600));
    sampler.sampleAll();
    clock.advance(Duration.ofMinutes(10));
    sampler.sampleAll();
    // "restart": a new sampler over the same store, same instant sampled twice
    StorageSampler again = new StorageSampler(metadata, usage, clock);
    again.sampleAll();
    clock.advance(Duration.ofMinutes(10));
    again.sampleAll();
    HourlyUsage hour = usage.hourly(ACCOUNT, clock.instant(), clock.instant().plusSeconds(1), Meters.STORAGE_BYTE_HOURS)
        .get(0);
    assertEquals(0, new BigDecimal("1200").compareTo(hour.quantity()), "3600 B x 20 min: " + hour.quantity());
  }

  private ObjectRecord object(String key, long size) {
    return new ObjectRecord(key, size, "\"etag\"", clock.instant(), Map.of(), Map.of(), Map.of(), null, Map.of(),
        List.of(), List.of());
  }
}

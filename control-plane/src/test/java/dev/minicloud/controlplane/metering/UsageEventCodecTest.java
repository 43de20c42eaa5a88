package dev.minicloud.controlplane.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageEventCodecTest {

  @Test
  void eventsSurviveTheRoundTripExactly() {
    List<UsageEvent> events = List.of(
        UsageEvent.of("req-1/req", "111111111111", Meters.REQUESTS_TIER1, Instant.parse("2026-12-01T10:59:59.999999999Z"), 1),
        UsageEvent.of("req-1/in", "111111111111", Meters.TRANSFER_IN, Instant.parse("2026-12-01T11:00:00Z"), 5_000_000_000L),
        new UsageEvent("storage/x/1/byte-hours", "222222222222", Meters.STORAGE_BYTE_HOURS, Instant.EPOCH,
            new BigDecimal("1234.000001")),
        new UsageEvent("big", "222222222222", Meters.TRANSFER_OUT, Instant.EPOCH, new BigDecimal("1E+30")));
    List<UsageEvent> decoded = UsageEventCodec.decode(UsageEventCodec.encode(events));
    assertEquals(events, decoded); // records: equal ids, accounts, meters, instants; BigDecimal equals compares scale too
  }

  @Test
  void bytesThatAreNotAnEntryAreRejected() {
    byte[] good = UsageEventCodec.encode(List.of(UsageEvent.of("e", "1", Meters.REQUESTS_TIER2, Instant.EPOCH, 1)));
    assertThrows(IllegalArgumentException.class, () -> UsageEventCodec.decode(Arrays.copyOf(good, good.length - 1)));
    assertThrows(IllegalArgumentException.class, () -> UsageEventCodec.decode(Arrays.copyOf(good, good.length + 1)));
    byte[] otherVersion = good.clone();
    otherVersion[0] = 9;
    assertThrows(IllegalArgumentException.class, () -> UsageEventCodec.decode(otherVersion));
    assertThrows(IllegalArgumentException.class, () -> UsageEventCodec.decode("{\"json\":1}".getBytes()));
  }
}

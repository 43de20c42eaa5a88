package dev.minicloud.storagenode.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

  private static Optional<ByteRange.Slice> resolve(String header, long size) {
    return ByteRange.parse(header).resolve(size);
  }

  private static ByteRange.Slice slice(long first, long length) {
    return new ByteRange.Slice(first, length);
  }

  @Test
  void closedRangesAreClampedToTheEnd() {
    assertEquals(Optional.of(slice(0, 1)), resolve("bytes=0-0", 10));
    assertEquals(Optional.of(slice(9, 1)), resolve("bytes=9-9", 10));
    assertEquals(Optional.of(slice(2, 4)), resolve("bytes=2-5", 10));
    assertEquals(Optional.of(slice(5, 5)), resolve("bytes=5-99", 10));
    assertEquals(Optional.of(slice(3, 2)), resolve(" Bytes = 3 - 4 ", 10), "whitespace and unit case are tolerated");
  }

  @Test
  void openEndedAndSuffixRanges() {
    assertEquals(Optional.of(slice(4, 6)), resolve("bytes=4-", 10));
    assertEquals(Optional.of(slice(7, 3)), resolve("bytes=-3", 10));
    assertEquals(Optional.of(slice(0, 10)), resolve("bytes=-30", 10), "a suffix longer than the blob is all of it");
  }

  @Test
  void unsatisfiableRanges() {
    assertTrue(resolve("bytes=10-", 10).isEmpty());
    assertTrue(resolve("bytes=10-20", 10).isEmpty());
    assertTrue(resolve("bytes=-0", 10).isEmpty());
    assertTrue(resolve("bytes=0-", 0).isEmpty(), "no range of an empty blob is satisfiable");
    assertTrue(resolve("bytes=-5", 0).isEmpty());
  }

  @Test
  void whatMayBeIgnoredIsIgnored() {
    for (String ignored : new String[] {null, "", "bytes=", "bytes=-", "bytes=5-4", "items=0-1", "bytes=0-1,3-4",
        "bytes=a-b", "bytes=99999999999999999999-"}) {
      assertNull(ByteRange.parse(ignored), String.valueOf(ignored));
    }
  }

  @Test
  void contentRange() {
    assertEquals("bytes 2-5/10", slice(2, 4).contentRange(10));
    assertEquals(5, slice(2, 4).last());
  }
}

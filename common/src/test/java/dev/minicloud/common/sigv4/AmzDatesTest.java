package dev.minicloud.common.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SigV4's date forms, including when the last conversion is reused. */
class AmzDatesTest {

  @Test
  void formatsAndParsesAndRepeatedValuesGiveTheSameAnswers() {
    Instant t = Instant.parse("2026-12-02T23:59:59.750Z");
    for (int i = 0; i < 2; i++) { // the second round is answered from the last conversion
      assertEquals("20261202T235959Z", AmzDates.format(t));
      assertEquals("20261202", AmzDates.scopeDate(t));
      assertEquals(Instant.parse("2026-12-02T23:59:59Z"), AmzDates.parse("20261202T235959Z").orElseThrow());
    }
    Instant next = t.plusSeconds(1);
    assertEquals("20261203T000000Z", AmzDates.format(next), "the next second, and the next day");
    assertEquals("20261203", AmzDates.scopeDate(next));
    assertEquals("20261202T235959Z", AmzDates.format(t));
    assertEquals(Instant.parse("2026-12-03T00:00:00Z"), AmzDates.parse("20261203T000000Z").orElseThrow());
  }

  @Test
  void malformedDatesAreRejectedEvenRightAfterAGoodOne() {
    assertTrue(AmzDates.parse("20261202T235959Z").isPresent());
    assertTrue(AmzDates.parse("20261302T235959Z").isEmpty(), "month 13");
    assertTrue(AmzDates.parse("20261202T235959").isEmpty(), "no Z");
    assertTrue(AmzDates.parse("20261202 235959Z").isEmpty());
    assertTrue(AmzDates.parse(null).isEmpty());
  }
}

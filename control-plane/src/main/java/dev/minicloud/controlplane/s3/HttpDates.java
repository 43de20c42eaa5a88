package dev.minicloud.controlplane.s3;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** HTTP dates in conditional request headers (writing them is {@code S3Xml.httpDate}). */
public final class HttpDates {

  private HttpDates() {}

  /** Parses an RFC 1123 date; null when absent or unparseable (S3 then ignores the condition). */
  public static Instant parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim(), Instant::from);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** HTTP dates have whole seconds: comparisons must drop the stored milliseconds. */
  public static Instant toSeconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}

package dev.minicloud.cli.billing;

import dev.minicloud.cli.UsageException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Command-line times: an ISO-8601 instant or a UTC date. */
final class Times {

  private Times() {}

  static Instant parse(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " takes 2026-12-01 or 2026-12-01T10:00:00Z: " + value);
    }
  }
}

package dev.minicloud.common.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/** The two date forms of SigV4: {@code 20130524T000000Z} and the {@code yyyyMMdd} scope date. */
public final class AmzDates {

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter SCOPE_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT)
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);

  /**
   * The last value each conversion produced: every signed request converts its date four times
   * (parse it, parse its scope date, format both back), concurrent requests carry the same few
   * values, and a {@link DateTimeFormatter} conversion costs microseconds. Immutable pairs in
   * volatile fields: a race only costs a conversion.
   */
  private record Converted(long key, String text, Instant instant) {}

  private static volatile Converted lastFormatted = new Converted(Long.MIN_VALUE, "", Instant.EPOCH);
  private static volatile Converted lastScopeDate = new Converted(Long.MIN_VALUE, "", Instant.EPOCH);
  private static volatile Converted lastParsed = new Converted(0, "", Instant.EPOCH);

  private AmzDates() {}

  /** {@code instant} as {@code yyyyMMdd'T'HHmmss'Z'} (UTC, seconds precision). */
  public static String format(Instant instant) {
    Converted last = lastFormatted;
    if (last.key() == instant.getEpochSecond()) {
      return last.text();
    }
    String text = AMZ_DATE.format(instant);
    lastFormatted = new Converted(instant.getEpochSecond(), text, instant);
    return text;
  }

  /** The {@code yyyyMMdd} (UTC) day of {@code instant}, as used in the credential scope. */
  public static String scopeDate(Instant instant) {
    long day = Math.floorDiv(instant.getEpochSecond(), 86_400L);
    Converted last = lastScopeDate;
    if (last.key() == day) {
      return last.text();
    }
    String text = SCOPE_DATE.format(instant);
    lastScopeDate = new Converted(day, text, instant);
    return text;
  }

  /** Parses {@code yyyyMMdd'T'HHmmss'Z'}; empty when the value is not exactly in that form. */
  public static Optional<Instant> parse(String value) {
    if (value == null || value.length() != 16) {
      return Optional.empty();
    }
    Converted last = lastParsed;
    if (value.equals(last.text())) {
      return Optional.of(last.instant());
    }
    try {
      Instant instant = Instant.from(AMZ_DATE.parse(value));
      lastParsed = new Converted(0, value, instant);
      return Optional.of(instant);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Parses an HTTP {@code Date} header (RFC 1123); empty when it is not in that form. */
  public static Optional<Instant> parseHttpDate(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

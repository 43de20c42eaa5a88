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

  private AmzDates() {}

  /** {@code instant} as {@code yyyyMMdd'T'HHmmss'Z'} (UTC, seconds precision). */
  public static String format(Instant instant) {
    return AMZ_DATE.format(instant);
  }

  /** The {@code yyyyMMdd} (UTC) day of {@code instant}, as used in the credential scope. */
  public static String scopeDate(Instant instant) {
    return SCOPE_DATE.format(instant);
  }

  /** Parses {@code yyyyMMdd'T'HHmmss'Z'}; empty when the value is not exactly in that form. */
  public static Optional<Instant> parse(String value) {
    if (value == null || value.length() != 16) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(AMZ_DATE.parse(value)));
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

package dev.minicloud.controlplane.s3.xml;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Constants and value formats shared by S3's XML bodies. */
public final class S3Xml {

  /** The namespace of every S3 response document (and, optionally, of request documents). */
  public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  /** The Content-Type S3 gives its XML responses. */
  public static final String CONTENT_TYPE = "application/xml";

  /** The first line of every document S3 writes. */
  public static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private S3Xml() {}

  /** Formats a timestamp as S3 does in XML bodies: {@code 2009-10-12T17:50:30.000Z} (UTC, millis). */
  public static String timestamp(Instant instant) {
    return ISO_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Formats a timestamp as S3 does in HTTP headers ({@code Last-Modified}, {@code Date}): RFC 1123,
   * e.g. {@code Mon, 12 Oct 2009 17:50:30 GMT}, seconds precision, two-digit day.
   */
  public static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Encodes a key, prefix, delimiter or marker for a listing requested with
   * {@code encoding-type=url}, as S3 does: UTF-8 form encoding ({@code java.net.URLEncoder}: letters,
   * digits and {@code . - * _} kept, space as {@code +}, {@code +} as {@code %2B}, everything else
   * {@code %XX}), except that {@code /} is kept. Control characters thus reach clients as
   * {@code %0A}, {@code %01}, ... which XML 1.0 can carry. The AWS SDKs decode with form decoding
   * ({@code URLDecoder}, Python's {@code unquote_plus}), so {@code +} and {@code %20} both read back
   * as a space.
   */
  public static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  /** Returns the ETag wrapped in double quotes as S3 writes it, adding them if absent. */
  public static String quoteEtag(String etag) {
    if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
      return etag;
    }
    return '"' + etag + '"';
  }

  /** Returns the ETag without surrounding double quotes (clients may send it either way). */
  public static String unquoteEtag(String etag) {
    String trimmed = etag.strip();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      return trimmed.substring(1, trimmed.length() - 1);
    }
    return trimmed;
  }
}

package dev.minicloud.controlplane.s3;

import dev.minicloud.common.error.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bucket, key and query of an S3 request, from path-style ({@code /bucket/key}) or
 * virtual-hosted-style ({@code bucket.<domain>/key}) addressing. The key is the percent-decoded
 * path exactly as sent: no normalisation, so {@code ../}, {@code //} and a trailing {@code /} survive.
 *
 * @param bucket the bucket, or null for service-level requests (ListBuckets)
 * @param key the object key, or null for bucket-level requests
 * @param query decoded query parameters in order; a parameter without {@code =} has value ""
 */
public record S3Request(String bucket, String key, Map<String, List<String>> query) {

  /** S3's limit on key length: 1024 bytes of UTF-8. */
  public static final int MAX_KEY_BYTES = 1024;

  public static S3Request parse(String rawUri, String hostHeader, String virtualHostDomain) {
    int q = rawUri.indexOf('?');
    String rawPath = q < 0 ? rawUri : rawUri.substring(0, q);
    String path = decode(rawPath, false);
    Map<String, List<String>> query = parseQuery(q < 0 ? "" : rawUri.substring(q + 1));
    String hostBucket = bucketFromHost(hostHeader, virtualHostDomain);
    String rest = path.startsWith("/") ? path.substring(1) : path;
    if (hostBucket != null) {
      return new S3Request(hostBucket, rest.isEmpty() ? null : rest, query);
    }
    if (rest.isEmpty()) {
      return new S3Request(null, null, query);
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return new S3Request(rest, null, query);
    }
    String key = rest.substring(slash + 1);
    return new S3Request(rest.substring(0, slash), key.isEmpty() ? null : key, query);
  }

  public boolean has(String parameter) {
    return query.containsKey(parameter);
  }

  /** The first value of a query parameter, or null. */
  public String param(String parameter) {
    List<String> values = query.get(parameter);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** {@code bucket.<domain>[:port]} names a bucket; the bare domain does not. */
  static String bucketFromHost(String host, String domain) {
    if (host == null || domain == null || domain.isEmpty()) {
      return null;
    }
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    String suffix = "." + domain.toLowerCase(Locale.ROOT);
    return h.endsWith(suffix) && h.length() > suffix.length() ? h.substring(0, h.length() - suffix.length()) : null;
  }

  /** Percent-decodes a path (or copy source) to UTF-8; {@code +} stays a plus. */
  public static String decodePath(String raw) {
    return decode(raw, false);
  }

  static Map<String, List<String>> parseQuery(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return Collections.unmodifiableMap(params);
  }

  /** Strict percent-decoding to UTF-8; malformed escapes or invalid UTF-8 are InvalidURI. */
  static String decode(String raw, boolean plusIsSpace) {
    if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw invalidUri();
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw invalidUri();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
          encoded = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalidUri();
    }
  }

  private static ApiException invalidUri() {
    return new ApiException(S3ErrorCode.INVALID_URI, "Couldn't parse the specified URI.");
  }
}

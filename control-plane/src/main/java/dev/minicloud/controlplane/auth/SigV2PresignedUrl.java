package dev.minicloud.controlplane.auth;

import dev.minicloud.common.sigv4.AuthFailure;
import dev.minicloud.common.sigv4.AwsUriEncoding;
import dev.minicloud.common.sigv4.SecretResolver;
import dev.minicloud.common.sigv4.SigV4Exception;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * S3's legacy query-string authentication (SigV2 presigned URLs: {@code AWSAccessKeyId},
 * {@code Expires}, {@code Signature}). Only verification, only for S3 and only in the query: the
 * machine's aws-cli 1.x ({@code aws s3 presign}) and boto3's {@code generate_presigned_url} still
 * produce these URLs unless told to use SigV4, so a server that rejects them breaks the commonest
 * way of sharing an object. Everything else is SigV4, in {@code common}.
 *
 * <p>String to sign: {@code VERB \n Content-MD5 \n Content-Type \n Expires \n
 * CanonicalizedAmzHeaders CanonicalizedResource}, HMAC-SHA1 with the secret, base64.
 */
public final class SigV2PresignedUrl {

  /** Sub-resources and overrides that are part of the canonical resource, as S3 lists them. */
  private static final Set<String> SIGNED_SUBRESOURCES = Set.of("acl", "cors", "delete", "lifecycle", "location",
      "logging", "notification", "partNumber", "policy", "requestPayment", "tagging", "torrent", "uploadId",
      "uploads", "versionId", "versioning", "versions", "website", "response-content-type",
      "response-content-language", "response-expires", "response-cache-control", "response-content-disposition",
      "response-content-encoding");

  /** A verified URL: who signed it. */
  public record Verified(String accessKeyId) {}

  private SigV2PresignedUrl() {}

  /** True when the query carries SigV2 presigned parameters (and no SigV4 ones). */
  public static boolean isPresent(Map<String, List<String>> query) {
    return query.containsKey("AWSAccessKeyId") && query.containsKey("Signature")
        && !query.containsKey("X-Amz-Algorithm");
  }

  /**
   * Verifies a SigV2 presigned request.
   *
   * @param rawPath the path as sent (percent-encoded)
   * @param query decoded query parameters
   * @param headers request headers, lower-case names
   * @param host the Host header, to reconstruct the bucket of a virtual-hosted-style request
   * @param secrets the active secret of an access key id
   */
  public static Verified verify(String method, String rawPath, Map<String, List<String>> query,
      Map<String, List<String>> headers, String host, SecretResolver secrets, Clock clock) {
    String accessKeyId = single(query, "AWSAccessKeyId");
    String signature = single(query, "Signature");
    String expires = single(query, "Expires");
    long expiresAt;
    try {
      expiresAt = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      throw new SigV4Exception(AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
          "Expires must be a number of seconds since the epoch");
    }
    if (clock.instant().isAfter(Instant.ofEpochSecond(expiresAt))) {
      throw new SigV4Exception(AuthFailure.REQUEST_EXPIRED);
    }
    String secret = secrets.secretKey(accessKeyId)
        .orElseThrow(() -> new SigV4Exception(AuthFailure.INVALID_ACCESS_KEY_ID));
    byte[] claimed;
    try {
      claimed = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw new SigV4Exception(AuthFailure.SIGNATURE_DOES_NOT_MATCH);
    }
    String prefix = method + "\n" + header(headers, "content-md5") + "\n" + header(headers, "content-type") + "\n"
        + expires + "\n" + amzHeaders(headers);
    String subresources = subresources(query);
    for (String resource : resources(rawPath, host)) {
      // Constant-time comparison; both candidate resources are HMACs under the caller's secret.
      if (MessageDigest.isEqual(claimed, hmacSha1(secret, prefix + resource + subresources))) {
        return new Verified(accessKeyId);
      }
    }
    throw new SigV4Exception(AuthFailure.SIGNATURE_DOES_NOT_MATCH);
  }

  /** Path-style: the path; virtual-hosted style: the bucket (the host's first label) and the path. */
  private static List<String> resources(String rawPath, String host) {
    List<String> resources = new ArrayList<>();
    resources.add(rawPath.isEmpty() ? "/" : rawPath);
    if (host != null) {
      String name = host.startsWith("[") ? "" : host.replaceFirst(":\\d+$", "");
      int dot = name.indexOf('.');
      if (dot > 0 && !name.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
        resources.add("/" + name.substring(0, dot) + (rawPath.isEmpty() ? "/" : rawPath));
      }
    }
    return resources;
  }

  private static String subresources(Map<String, List<String>> query) {
    TreeMap<String, String> signed = new TreeMap<>();
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      if (SIGNED_SUBRESOURCES.contains(parameter.getKey())) {
        String value = parameter.getValue().isEmpty() ? "" : parameter.getValue().get(0);
        signed.put(parameter.getKey(), value);
      }
    }
    if (signed.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("?");
    signed.forEach((name, value) -> {
      if (out.length() > 1) {
        out.append('&');
      }
      out.append(name);
      if (!value.isEmpty()) {
        out.append('=').append(value);
      }
    });
    return out.toString();
  }

  private static String amzHeaders(Map<String, List<String>> headers) {
    TreeMap<String, String> amz = new TreeMap<>();
    headers.forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-amz-")) {
        amz.put(lower, String.join(",", values.stream().map(String::trim).toList()));
      }
    });
    StringBuilder out = new StringBuilder();
    amz.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
    return out.toString();
  }

  private static String header(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0).trim();
  }

  private static String single(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.size() != 1 || values.get(0).isEmpty()) {
      throw new SigV4Exception(AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
          "A presigned URL needs exactly one " + name + " parameter");
    }
    return values.get(0);
  }

  private static byte[] hmacSha1(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /** Decoded query parameters of a raw query string, in order. */
  public static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = AwsUriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : AwsUriEncoding.decode(pair.substring(eq + 1), true);
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }
}

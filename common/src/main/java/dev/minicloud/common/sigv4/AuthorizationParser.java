package dev.minicloud.common.sigv4;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link SignatureClaim} from either authentication form. Every failure is a {@link
 * SigV4Exception} whose message names the offending part but never echoes a signature.
 */
final class AuthorizationParser {

  /** Longest presigned validity AWS allows: seven days. */
  static final long MAX_EXPIRES_SECONDS = 604_800;

  private AuthorizationParser() {}

  // ---------------------------------------------------------------- Authorization header form

  /**
   * Parses {@code AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request,
   * SignedHeaders=host;x-amz-date, Signature=<hex>}, with or without spaces after the commas.
   *
   * @param bodySha256 the payload hash to use when the request has no x-amz-content-sha256
   *     header, or null when the caller has none (then S3 requests are refused, and others are
   *     taken to have an empty body)
   */
  static SignatureClaim fromHeader(SignableRequest request, String authorization, String bodySha256) {
    AuthFailure malformed = AuthFailure.AUTHORIZATION_HEADER_MALFORMED;
    String value = authorization.strip();
    int space = indexOfWhitespace(value);
    String algorithm = space < 0 ? value : value.substring(0, space);
    if (!SigV4.ALGORITHM.equals(algorithm)) {
      // "AWS AKID:sig" is SigV2, "AWS4-ECDSA-P256-SHA256" is SigV4a: known, but not supported.
      if (algorithm.startsWith("AWS")) {
        throw new SigV4Exception(AuthFailure.UNSUPPORTED_ALGORITHM);
      }
      throw new SigV4Exception(malformed, "The authorization header must start with "
          + SigV4.ALGORITHM);
    }
    if (space < 0) {
      throw new SigV4Exception(malformed, "The authorization header has no components");
    }
    Map<String, String> fields = new HashMap<>();
    for (String part : value.substring(space).split(",", -1)) {
      String field = part.strip();
      int eq = field.indexOf('=');
      if (eq <= 0) {
        throw new SigV4Exception(malformed, "The authorization header has a malformed component");
      }
      String name = field.substring(0, eq);
      if (!name.equals("Credential") && !name.equals("SignedHeaders") && !name.equals("Signature")) {
        throw new SigV4Exception(malformed, "The authorization header has an unknown component");
      }
      if (fields.put(name, field.substring(eq + 1)) != null) {
        throw new SigV4Exception(malformed, "The authorization header repeats " + name);
      }
    }
    for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
      if (!fields.containsKey(required)) {
        throw new SigV4Exception(malformed, "The authorization header lacks " + required);
      }
    }
    String[] credential = credential(fields.get("Credential"), malformed);
    CredentialScope scope = new CredentialScope(credential[1], credential[2], credential[3]);
    List<String> signedHeaders = signedHeaders(fields.get("SignedHeaders"), malformed);
    String signature = signature(fields.get("Signature"), malformed);
    Instant time = headerTime(request, credential[0]);
    requireScopeDate(scope, time, malformed, credential[0]);
    String payloadHash = headerPayloadHash(request, scope, bodySha256, credential[0]);
    return new SignatureClaim(credential[0], scope, signedHeaders, signature, time, payloadHash,
        false, 0);
  }

  private static Instant headerTime(SignableRequest request, String accessKeyId) {
    Optional<String> amzDate = request.firstHeader(SigV4.X_AMZ_DATE);
    Optional<Instant> time = amzDate.isPresent()
        ? AmzDates.parse(amzDate.get().strip())
        : request.firstHeader(SigV4.DATE).flatMap(AmzDates::parseHttpDate);
    return time.orElseThrow(() -> new SigV4Exception(AuthFailure.MISSING_DATE,
        AuthFailure.MISSING_DATE.defaultMessage(), accessKeyId, null, null, null));
  }

  private static String headerPayloadHash(
      SignableRequest request, CredentialScope scope, String bodySha256, String accessKeyId) {
    Optional<String> claimed = request.firstHeader(SigV4.X_AMZ_CONTENT_SHA256);
    if (claimed.isPresent()) {
      String value = claimed.get().strip();
      if (!PayloadHashes.isAcceptable(value)) {
        throw new SigV4Exception(AuthFailure.INVALID_PAYLOAD_HASH,
            AuthFailure.INVALID_PAYLOAD_HASH.defaultMessage(), accessKeyId, null, null, null);
      }
      return value;
    }
    if (scope.profile() == CanonicalizationProfile.S3 && bodySha256 == null) {
      // S3 clients always send it, and without it the server would have to buffer the body.
      throw new SigV4Exception(AuthFailure.MISSING_CONTENT_SHA256,
          AuthFailure.MISSING_CONTENT_SHA256.defaultMessage(), accessKeyId, null, null, null);
    }
    return bodySha256 == null ? PayloadHashes.EMPTY_SHA256 : bodySha256;
  }

  // ---------------------------------------------------------------- presigned query form

  /**
   * Parses the X-Amz-* parameters of a presigned URL.
   *
   * <p>The payload hash is X-Amz-Content-Sha256 when present. Otherwise it depends on the service,
   * as in every AWS client: S3 presigns {@code UNSIGNED-PAYLOAD} (the URL is made before the body
   * is known), other services presign the hash of the body, normally empty (botocore's generic
   * SigV4QueryAuth and the Java SDK both do this, e.g. for EKS tokens and RDS auth tokens).
   *
   * @param bodySha256 the hash of the buffered body, or null for an empty body
   */
  static SignatureClaim fromQuery(QueryParameters query, String bodySha256) {
    AuthFailure bad = AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
    String algorithm = single(query, SigV4.X_AMZ_ALGORITHM, bad);
    if (!SigV4.ALGORITHM.equals(algorithm)) {
      throw new SigV4Exception(AuthFailure.UNSUPPORTED_ALGORITHM);
    }
    String[] credential = credential(single(query, SigV4.X_AMZ_CREDENTIAL, bad), bad);
    CredentialScope scope = new CredentialScope(credential[1], credential[2], credential[3]);
    String amzDate = single(query, SigV4.X_AMZ_DATE_PARAM, bad);
    Instant time = AmzDates.parse(amzDate).orElseThrow(() -> new SigV4Exception(bad,
        "X-Amz-Date must be in the ISO8601 basic format yyyyMMdd'T'HHmmss'Z'"));
    requireScopeDate(scope, time, bad, credential[0]);
    long expires = expires(single(query, SigV4.X_AMZ_EXPIRES, bad));
    List<String> signedHeaders = signedHeaders(single(query, SigV4.X_AMZ_SIGNED_HEADERS, bad), bad);
    String signature = signature(single(query, SigV4.X_AMZ_SIGNATURE, bad), bad);
    String payloadHash = scope.profile() == CanonicalizationProfile.S3
        ? PayloadHashes.UNSIGNED_PAYLOAD
        : bodySha256 == null ? PayloadHashes.EMPTY_SHA256 : bodySha256;
    if (query.contains(SigV4.X_AMZ_CONTENT_SHA256_PARAM)) {
      payloadHash = single(query, SigV4.X_AMZ_CONTENT_SHA256_PARAM, bad);
      if (!PayloadHashes.isAcceptable(payloadHash)) {
        throw new SigV4Exception(AuthFailure.INVALID_PAYLOAD_HASH);
      }
    }
    return new SignatureClaim(credential[0], scope, signedHeaders, signature, time, payloadHash,
        true, expires);
  }

  private static String single(QueryParameters query, String name, AuthFailure failure) {
    List<String> values = query.values(name);
    if (values.isEmpty()) {
      throw new SigV4Exception(failure, "Query-string authentication requires the " + name
          + " parameter");
    }
    if (values.size() > 1) {
      throw new SigV4Exception(failure, "The " + name + " parameter must appear once");
    }
    return values.get(0);
  }

  private static long expires(String value) {
    AuthFailure bad = AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
    if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
      throw new SigV4Exception(bad, "X-Amz-Expires must be a number of seconds");
    }
    long seconds = Long.parseLong(value);
    if (seconds < 1) {
      throw new SigV4Exception(bad, "X-Amz-Expires must be at least 1 second");
    }
    if (seconds > MAX_EXPIRES_SECONDS) {
      throw new SigV4Exception(bad,
          "X-Amz-Expires must be less than a week (in seconds) that is 604800");
    }
    return seconds;
  }

  // ---------------------------------------------------------------- shared pieces

  /** {@code AKID/yyyyMMdd/region/service/aws4_request} split into its first four parts. */
  private static String[] credential(String value, AuthFailure failure) {
    String[] parts = value.split("/", -1);
    if (parts.length != 5) {
      throw new SigV4Exception(failure, "The credential must be "
          + "<access key id>/<yyyyMMdd>/<region>/<service>/aws4_request");
    }
    if (parts[0].isEmpty()) {
      throw new SigV4Exception(failure, "The credential has an empty access key id");
    }
    if (parts[1].length() != 8 || AmzDates.parse(parts[1] + "T000000Z").isEmpty()) {
      throw new SigV4Exception(failure, "The credential date must be yyyyMMdd", parts[0], null,
          null, null);
    }
    if (parts[2].isEmpty() || parts[3].isEmpty()) {
      throw new SigV4Exception(failure, "The credential must name a region and a service",
          parts[0], null, null, null);
    }
    if (!CredentialScope.TERMINATOR.equals(parts[4])) {
      throw new SigV4Exception(failure, "The credential must end with aws4_request", parts[0],
          null, null, null);
    }
    return new String[] {parts[0], parts[1], parts[2], parts[3]};
  }

  /** {@code host;x-amz-date}: non-empty, distinct names, lower-cased. */
  private static List<String> signedHeaders(String value, AuthFailure failure) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : value.split(";", -1)) {
      String lower = name.strip().toLowerCase(Locale.ROOT);
      if (lower.isEmpty() || !seen.add(lower)) {
        throw new SigV4Exception(failure, "The signed headers list is malformed");
      }
      names.add(lower);
    }
    return names;
  }

  private static String signature(String value, AuthFailure failure) {
    if (!Hashes.isSha256Hex(value)) {
      throw new SigV4Exception(failure, "The signature must be 64 hexadecimal digits");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** The scope must be for the day the request was signed, or the key would outlive its date. */
  private static void requireScopeDate(
      CredentialScope scope, Instant time, AuthFailure failure, String accessKeyId) {
    if (!scope.date().equals(AmzDates.scopeDate(time))) {
      throw new SigV4Exception(failure,
          "The credential date does not match the date of the request", accessKeyId, time, null,
          null);
    }
  }

  private static int indexOfWhitespace(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isWhitespace(value.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}

package dev.minicloud.common.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Signs requests for one service and region with one key pair: the SDK keeps one per client.
 *
 * <pre>{@code
 * SigV4Signer signer = new SigV4Signer(credentials, "us-east-1", "s3");
 * SignableRequest request = SignableRequest.builder("PUT").uri(uri).build();
 * SigningResult signed = signer.sign(request, body, clock.instant());
 * signed.headers().forEach(httpRequestBuilder::setHeader);
 * }</pre>
 *
 * <p>Every header of the request is signed except those a proxy or the HTTP client may change or
 * add (authorization, connection, expect, user-agent, x-amzn-trace-id), as the AWS SDK does. The request must carry {@code host};
 * {@link SignableRequest.Builder#uri} sets it.
 *
 * <p>Immutable and thread-safe.
 */
public final class SigV4Signer {

  private static final Set<String> IGNORED_HEADERS =
      Set.of("authorization", "connection", "expect", "user-agent", "x-amzn-trace-id");
  private static final Set<String> PRESIGN_PARAMS = Set.of(SigV4.X_AMZ_ALGORITHM,
      SigV4.X_AMZ_CREDENTIAL, SigV4.X_AMZ_DATE_PARAM, SigV4.X_AMZ_EXPIRES,
      SigV4.X_AMZ_SIGNED_HEADERS, SigV4.X_AMZ_SIGNATURE);

  private final SigningCredentials credentials;
  private final String region;
  private final String service;
  private final boolean contentSha256Header;

  /**
   * A signer for {@code service} (signing name: s3, sts, iam, compute, ...) in {@code region}. It
   * sends x-amz-content-sha256 for s3 only; see {@link #withContentSha256Header(boolean)}.
   */
  public SigV4Signer(SigningCredentials credentials, String region, String service) {
    this(credentials, region, service, "s3".equals(service));
  }

  private SigV4Signer(
      SigningCredentials credentials, String region, String service, boolean contentSha256Header) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.region = Objects.requireNonNull(region, "region");
    this.service = Objects.requireNonNull(service, "service");
    this.contentSha256Header = contentSha256Header;
  }

  /** A copy that does (or does not) send and sign x-amz-content-sha256. S3 requires it. */
  public SigV4Signer withContentSha256Header(boolean send) {
    return new SigV4Signer(credentials, region, service, send);
  }

  /** Signs a request whose whole body is {@code body} (empty array for none). */
  public SigningResult sign(SignableRequest request, byte[] body, Instant time) {
    return sign(request, Hashes.sha256Hex(body), time);
  }

  /**
   * Signs with the Authorization header.
   *
   * @param payloadHash the body's SHA-256 hex, or a {@link PayloadHashes} marker such as {@code
   *     UNSIGNED-PAYLOAD} or {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} (which requires the content
   *     sha256 header, so S3)
   * @param time the signing time; the server accepts {@link SigV4Verifier#MAX_CLOCK_SKEW} of skew
   */
  public SigningResult sign(SignableRequest request, String payloadHash, Instant time) {
    Objects.requireNonNull(payloadHash, "payloadHash");
    if (!contentSha256Header && !Hashes.isSha256Hex(payloadHash)) {
      throw new IllegalArgumentException(
          "a payload marker needs the x-amz-content-sha256 header; enable it first");
    }
    CredentialScope scope = CredentialScope.of(time, region, service);
    String amzDate = AmzDates.format(time);

    Map<String, String> added = new LinkedHashMap<>();
    added.put(SigV4.X_AMZ_DATE, amzDate);
    if (contentSha256Header) {
      added.put(SigV4.X_AMZ_CONTENT_SHA256, payloadHash);
    }
    SignableRequest.Builder toSign = request.toBuilder();
    added.forEach((name, value) -> toSign.removeHeader(name).header(name, value));
    SignableRequest withDate = toSign.build();

    List<String> signedHeaders = signableHeaderNames(withDate);
    CanonicalRequest canonical = CanonicalRequest.of(
        withDate, scope.profile(), signedHeaders, payloadHash, false);
    byte[] signingKey = SigV4.signingKey(credentials.secretKey(), scope);
    String signature = SigV4.signature(signingKey, SigV4.stringToSign(amzDate, scope, canonical));

    added.put(SigV4.AUTHORIZATION, SigV4.ALGORITHM
        + " Credential=" + credentials.accessKeyId() + "/" + scope.format()
        + ", SignedHeaders=" + String.join(";", signedHeaders)
        + ", Signature=" + signature);
    return new SigningResult(added, signedHeaders, signature, scope, amzDate, payloadHash,
        signingKey);
  }

  /**
   * Presigns: returns the request's raw query followed by the X-Amz-* authentication parameters,
   * ready to append to the path after {@code ?}.
   *
   * <p>For S3 the payload is not signed ({@code UNSIGNED-PAYLOAD}): whoever holds the URL may send
   * any body. For other services the URL is signed for an empty body, as AWS clients do (a
   * presigned STS call, say), and a request with a body will not verify.
   *
   * @param expiresIn between one second and seven days
   */
  public String presign(SignableRequest request, Duration expiresIn, Instant time) {
    long seconds = expiresIn.getSeconds();
    if (expiresIn.getNano() != 0 || seconds < 1
        || seconds > SigV4Verifier.MAX_PRESIGN_EXPIRY.getSeconds()) {
      throw new IllegalArgumentException("expiresIn must be whole seconds, 1s to 7 days");
    }
    for (QueryParameters.Raw param : QueryParameters.parse(request.rawQuery()).all()) {
      if (PRESIGN_PARAMS.contains(param.decodedName())) {
        throw new IllegalArgumentException("the request is already presigned");
      }
    }
    CredentialScope scope = CredentialScope.of(time, region, service);
    String amzDate = AmzDates.format(time);
    List<String> signedHeaders = signableHeaderNames(request);

    StringBuilder query = new StringBuilder(request.rawQuery());
    appendParam(query, SigV4.X_AMZ_ALGORITHM, SigV4.ALGORITHM);
    appendParam(query, SigV4.X_AMZ_CREDENTIAL, credentials.accessKeyId() + "/" + scope.format());
    appendParam(query, SigV4.X_AMZ_DATE_PARAM, amzDate);
    appendParam(query, SigV4.X_AMZ_EXPIRES, Long.toString(seconds));
    appendParam(query, SigV4.X_AMZ_SIGNED_HEADERS, String.join(";", signedHeaders));

    SignableRequest withParams = request.toBuilder().rawQuery(query.toString()).build();
    String payloadHash = scope.profile() == CanonicalizationProfile.S3
        ? PayloadHashes.UNSIGNED_PAYLOAD : PayloadHashes.EMPTY_SHA256;
    CanonicalRequest canonical =
        CanonicalRequest.of(withParams, scope.profile(), signedHeaders, payloadHash, true);
    byte[] signingKey = SigV4.signingKey(credentials.secretKey(), scope);
    appendParam(query, SigV4.X_AMZ_SIGNATURE,
        SigV4.signature(signingKey, SigV4.stringToSign(amzDate, scope, canonical)));
    return query.toString();
  }

  private static List<String> signableHeaderNames(SignableRequest request) {
    if (request.headerValues(SigV4.HOST).isEmpty()) {
      throw new IllegalArgumentException(
          "the request has no host header; build it with SignableRequest.Builder.uri(...)");
    }
    List<String> names = new ArrayList<>();
    for (String name : request.headers().keySet()) {
      if (!IGNORED_HEADERS.contains(name)) {
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

  private static void appendParam(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(AwsUriEncoding.encode(name)).append('=').append(AwsUriEncoding.encode(value));
  }

  @Override
  public String toString() {
    return "SigV4Signer[accessKeyId=" + credentials.accessKeyId() + ", region=" + region
        + ", service=" + service + "]";
  }
}

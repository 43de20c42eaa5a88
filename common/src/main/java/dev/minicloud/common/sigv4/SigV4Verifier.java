package dev.minicloud.common.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies SigV4 requests, in the Authorization header form or the presigned query form.
 *
 * <p>Checks, in order: which form (none means anonymous, both is refused); the form's syntax and
 * algorithm; the request time against the clock; that {@code host} and every {@code x-amz-*}
 * header sent are signed; the access key; the signature, compared in constant time. It does not
 * read the body: the payload hash is taken as claimed and the server checks the body against it
 * (and verifies aws-chunked chunk signatures) while streaming.
 *
 * <p>Thread-safe; one instance serves the whole server.
 */
public final class SigV4Verifier {

  /**
   * How far a header-signed request's time may be from the server clock, either way, and how far
   * in the future a presigned URL's X-Amz-Date may be. Fifteen minutes, as on AWS: it bounds how
   * long a captured request can be replayed while tolerating ordinary clock drift.
   */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  /** The longest X-Amz-Expires accepted: seven days, as on AWS. */
  public static final Duration MAX_PRESIGN_EXPIRY =
      Duration.ofSeconds(AuthorizationParser.MAX_EXPIRES_SECONDS);

  private final Clock clock;
  private final SecretResolver secrets;
  private final SigningKeyCache signingKeys = new SigningKeyCache();

  public SigV4Verifier(Clock clock, SecretResolver secrets) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * Verifies a request whose payload hash is in its x-amz-content-sha256 header, or which has no
   * body (a request without that header is then signed over the empty body's hash). S3 requests
   * signed in the header must carry it; S3 presigned URLs sign {@code UNSIGNED-PAYLOAD}.
   *
   * @throws SigV4Exception when the request is not authentic
   */
  public VerifiedRequest verify(SignableRequest request) {
    return verifyWith(request, null);
  }

  /**
   * Verifies a request whose body the caller has buffered, for services whose clients do not send
   * x-amz-content-sha256 (STS, the JSON APIs). When the header (or, presigned, the
   * X-Amz-Content-Sha256 parameter) is present it still wins, as it is what the client signed; the
   * caller then checks the body against it. Presigned S3 URLs ignore {@code bodySha256}.
   *
   * @param bodySha256 lower-case hex SHA-256 of the body bytes as received
   * @throws SigV4Exception when the request is not authentic
   */
  public VerifiedRequest verify(SignableRequest request, String bodySha256) {
    Objects.requireNonNull(bodySha256, "bodySha256");
    return verifyWith(request, bodySha256);
  }

  private VerifiedRequest verifyWith(SignableRequest request, String bodySha256) {
    SignatureClaim claim = readClaim(request, bodySha256);
    Instant expiresAt = checkTime(claim);
    checkSignedHeaders(request, claim);
    String secret = secrets.secretKey(claim.accessKeyId()).orElseThrow(() -> failure(
        AuthFailure.INVALID_ACCESS_KEY_ID, claim, null, null));

    CanonicalRequest canonical = CanonicalRequest.of(request, claim.scope().profile(),
        claim.signedHeaders(), claim.payloadHash(), claim.presigned());
    String amzDate = AmzDates.format(claim.requestTime());
    String stringToSign = SigV4.stringToSign(amzDate, claim.scope(), canonical);
    byte[] signingKey = signingKeys.signingKey(claim.accessKeyId(), secret, claim.scope());
    String expected = SigV4.signature(signingKey, stringToSign);
    if (!Hashes.constantTimeEquals(expected, claim.signature())) {
      throw failure(AuthFailure.SIGNATURE_DOES_NOT_MATCH, claim, canonical.text(), stringToSign);
    }
    return new VerifiedRequest(claim.accessKeyId(), claim.scope(), claim.requestTime(), amzDate,
        claim.signedHeaders(), claim.payloadHash(), claim.presigned(), claim.signature(),
        signingKey, expiresAt);
  }

  private static SignatureClaim readClaim(SignableRequest request, String bodySha256) {
    List<String> authorization = request.headerValues(SigV4.AUTHORIZATION);
    QueryParameters query = QueryParameters.parse(request.rawQuery());
    boolean presigned = query.contains(SigV4.X_AMZ_ALGORITHM);
    if (!authorization.isEmpty() && presigned) {
      throw new SigV4Exception(AuthFailure.MULTIPLE_AUTH_MECHANISMS);
    }
    if (authorization.size() > 1) {
      throw new SigV4Exception(AuthFailure.AUTHORIZATION_HEADER_MALFORMED,
          "Only one Authorization header is allowed");
    }
    if (!authorization.isEmpty()) {
      return AuthorizationParser.fromHeader(request, authorization.get(0), bodySha256);
    }
    if (presigned) {
      return AuthorizationParser.fromQuery(query, bodySha256);
    }
    if (query.contains("AWSAccessKeyId") && query.contains("Signature")) {
      // A SigV2 presigned URL: say so rather than treating it as anonymous.
      throw new SigV4Exception(AuthFailure.UNSUPPORTED_ALGORITHM);
    }
    if (query.contains(SigV4.X_AMZ_CREDENTIAL) || query.contains(SigV4.X_AMZ_SIGNATURE)) {
      throw new SigV4Exception(AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
          "Query-string authentication requires the X-Amz-Algorithm parameter");
    }
    throw new SigV4Exception(AuthFailure.MISSING_AUTHENTICATION);
  }

  /** Returns the expiry of a presigned request (null for the header form). */
  private Instant checkTime(SignatureClaim claim) {
    Instant now = clock.instant();
    Instant signedAt = claim.requestTime();
    if (!claim.presigned()) {
      if (Duration.between(signedAt, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
        throw failure(AuthFailure.REQUEST_TIME_TOO_SKEWED, claim, null, null);
      }
      return null;
    }
    if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw failure(AuthFailure.REQUEST_NOT_YET_VALID, claim, null, null);
    }
    Instant expiresAt = signedAt.plusSeconds(claim.expiresSeconds());
    if (now.isAfter(expiresAt)) {
      throw failure(AuthFailure.REQUEST_EXPIRED, claim, null, null);
    }
    return expiresAt;
  }

  /**
   * {@code host} must be signed (with virtual-hosted buckets it names the bucket), and so must
   * every {@code x-amz-*} header sent, or a man in the middle could add one (a storage class, an
   * ACL, a copy source) to a signed request. AWS S3 enforces the same.
   */
  private static void checkSignedHeaders(SignableRequest request, SignatureClaim claim) {
    if (!claim.signedHeaders().contains(SigV4.HOST)) {
      throw new SigV4Exception(AuthFailure.HEADERS_NOT_SIGNED, "The host header must be signed",
          claim.accessKeyId(), claim.requestTime(), null, null);
    }
    List<String> unsigned = new ArrayList<>();
    for (String name : request.headers().keySet()) {
      if (name.startsWith("x-amz-") && !claim.signedHeaders().contains(name)) {
        unsigned.add(name);
      }
    }
    if (!unsigned.isEmpty()) {
      throw new SigV4Exception(AuthFailure.HEADERS_NOT_SIGNED,
          AuthFailure.HEADERS_NOT_SIGNED.defaultMessage() + ": " + String.join(", ", unsigned),
          claim.accessKeyId(), claim.requestTime(), null, null);
    }
  }

  private static SigV4Exception failure(
      AuthFailure failure, SignatureClaim claim, String canonicalRequest, String stringToSign) {
    return new SigV4Exception(failure, failure.defaultMessage(), claim.accessKeyId(),
        claim.requestTime(), canonicalRequest, stringToSign);
  }
}

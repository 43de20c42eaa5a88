package dev.minicloud.common.sigv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigV4VerifierTest {

  static final String AKID = "AKIAMINICLOUDTEST001";
  static final String SECRET = "s3cr3t/K7MDENG+bPxRfiCYSECRETSECRETKEY0";
  static final Instant T = Instant.parse("2024-03-10T11:22:33Z");
  static final URI OBJECT = URI.create("http://127.0.0.1:9000/bucket/photos/a%20b.jpg?versionId=3");

  private final SigV4Signer s3 = new SigV4Signer(new SigningCredentials(AKID, SECRET), "us-east-1", "s3");
  private String lastSignature;

  private static SigV4Verifier verifierAt(Instant now) {
    return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC),
        id -> id.equals(AKID) ? Optional.of(SECRET) : Optional.empty());
  }

  private static SignableRequest.Builder unsigned(String method, URI uri) {
    return SignableRequest.builder(method).uri(uri).header("x-amz-meta-color", "blue");
  }

  /** The request as sent: unsigned headers plus what the signer returned. */
  private SignableRequest signedWire(SigV4Signer signer, SignableRequest request, String payload,
      Instant time) {
    SigningResult result = signer.sign(request, payload, time);
    lastSignature = result.signature();
    SignableRequest.Builder wire = request.toBuilder();
    result.headers().forEach((name, value) -> wire.removeHeader(name).header(name, value));
    return wire.build();
  }

  private SignableRequest signedGet() {
    return signedWire(s3, unsigned("GET", OBJECT).build(), PayloadHashes.EMPTY_SHA256, T);
  }

  private SignableRequest presigned(URI uri, Duration expires, Instant time) {
    SignableRequest request = SignableRequest.builder("GET").uri(uri).build();
    String query = s3.presign(request, expires, time);
    lastSignature = QueryParameters.parse(query).first("X-Amz-Signature").orElseThrow();
    return request.toBuilder().rawQuery(query).build();
  }

  private AuthFailure failureOf(SignableRequest request, Instant now) {
    SigV4Exception e = assertThrows(SigV4Exception.class, () -> verifierAt(now).verify(request));
    assertSafe(e);
    return e.failure();
  }

  /** No message ever shows the secret or a signature. */
  private void assertSafe(SigV4Exception e) {
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    if (lastSignature != null) {
      assertFalse(e.getMessage().toLowerCase(Locale.ROOT).contains(lastSignature), e.getMessage());
    }
  }

  @AfterEach
  void forget() {
    lastSignature = null;
  }

  // ---------------------------------------------------------------- accepted

  @Test
  void acceptsAHeaderSignedRequestAndExposesWhatTheServerNeeds() {
    VerifiedRequest v = verifierAt(T.plusSeconds(30)).verify(signedGet());
    assertEquals(AKID, v.accessKeyId());
    assertEquals("20240310", v.date());
    assertEquals("us-east-1", v.region());
    assertEquals("s3", v.service());
    assertEquals(T, v.requestTime());
    assertEquals("20240310T112233Z", v.amzDate());
    assertEquals(List.of("host", "x-amz-content-sha256", "x-amz-date", "x-amz-meta-color"),
        v.signedHeaders());
    assertEquals(PayloadHashes.EMPTY_SHA256, v.payloadHash());
    assertFalse(v.presigned());
    assertEquals(lastSignature, v.seedSignature());
    assertArrayEquals(SigV4.signingKey(SECRET, v.scope()), v.signingKey());
    assertFalse(v.toString().contains(lastSignature));
  }

  @Test
  void acceptsAnyRegion() {
    SigV4Signer moon = new SigV4Signer(new SigningCredentials(AKID, SECRET), "moon-base-1", "s3");
    SignableRequest wire = signedWire(moon, unsigned("GET", OBJECT).build(),
        PayloadHashes.EMPTY_SHA256, T);
    assertEquals("moon-base-1", verifierAt(T).verify(wire).region());
  }

  @Test
  void toleratesAnAuthorizationHeaderWithoutSpacesAfterCommas() {
    SignableRequest wire = signedGet();
    String compact = wire.firstHeader("authorization").orElseThrow().replace(", ", ",");
    SignableRequest sent = wire.toBuilder().removeHeader("authorization")
        .header("Authorization", compact).build();
    assertEquals(AKID, verifierAt(T).verify(sent).accessKeyId());
  }

  @Test
  void acceptsAnUpperCaseHexSignature() {
    SignableRequest wire = signedGet();
    String auth = wire.firstHeader("authorization").orElseThrow();
    SignableRequest sent = wire.toBuilder().removeHeader("authorization")
        .header("authorization", auth.replace(lastSignature, lastSignature.toUpperCase(Locale.ROOT)))
        .build();
    assertEquals(lastSignature, verifierAt(T).verify(sent).seedSignature());
  }

  @Test
  void clockSkewOfExactlyFifteenMinutesIsAcceptedEitherWay() {
    SignableRequest wire = signedGet();
    verifierAt(T.plus(SigV4Verifier.MAX_CLOCK_SKEW)).verify(wire);
    verifierAt(T.minus(SigV4Verifier.MAX_CLOCK_SKEW)).verify(wire);
  }

  @Test
  void aBufferedBodyHashIsUsedWhenTheClientSendsNoContentSha256() {
    SigV4Signer sts = new SigV4Signer(new SigningCredentials(AKID, SECRET), "us-east-1", "sts");
    byte[] form = "Action=GetCallerIdentity&Version=2011-06-15".getBytes();
    SignableRequest wire = signedWire(sts, SignableRequest.builder("POST")
        .uri(URI.create("http://localhost:9000/"))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build(),
        Hashes.sha256Hex(form), T);
    assertTrue(wire.firstHeader("x-amz-content-sha256").isEmpty());

    VerifiedRequest v = verifierAt(T).verify(wire, Hashes.sha256Hex(form));
    assertEquals("sts", v.service());
    assertEquals(Hashes.sha256Hex(form), v.payloadHash());
    SigV4Exception e = assertThrows(SigV4Exception.class,
        () -> verifierAt(T).verify(wire, Hashes.sha256Hex("Action=Other")));
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, e.failure());
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(wire, T),
        "without a body hash the body is taken to be empty");
  }

  @Test
  void usesTheDateHeaderWhenThereIsNoXAmzDate() {
    SignableRequest request = SignableRequest.builder("GET").rawPath("/compute/v1/instances")
        .header("Host", "localhost:9000").header("Date", "Sun, 10 Mar 2024 11:22:33 GMT").build();
    CredentialScope scope = new CredentialScope("20240310", "us-east-1", "compute");
    List<String> signed = List.of("date", "host");
    String signature = SigV4.signature(SigV4.signingKey(SECRET, scope),
        SigV4.stringToSign("20240310T112233Z", scope, CanonicalRequest.of(request,
            CanonicalizationProfile.STANDARD, signed, PayloadHashes.EMPTY_SHA256, false)));
    SignableRequest wire = request.toBuilder().header("Authorization", "AWS4-HMAC-SHA256 "
        + "Credential=" + AKID + "/" + scope.format() + ", SignedHeaders=date;host, Signature="
        + signature).build();
    assertEquals(T, verifierAt(T).verify(wire).requestTime());
  }

  @Test
  void acceptsAPresignedUrlUntilItExpires() {
    SignableRequest wire = presigned(OBJECT, Duration.ofHours(1), T);
    VerifiedRequest v = verifierAt(T.plus(Duration.ofHours(1))).verify(wire);
    assertTrue(v.presigned());
    assertEquals(PayloadHashes.UNSIGNED_PAYLOAD, v.payloadHash());
    assertEquals(Optional.of(T.plus(Duration.ofHours(1))), v.expiresAt());
    assertEquals(List.of("host"), v.signedHeaders());
  }

  @Test
  void aPresignedUrlMayBeUsedMuchLaterThanTheSkewAllows() {
    SignableRequest wire = presigned(OBJECT, Duration.ofDays(7), T);
    verifierAt(T.plus(Duration.ofDays(6))).verify(wire);
  }

  // ---------------------------------------------------------------- tampering

  @Test
  void aChangedSignedHeaderBreaksTheSignature() {
    SignableRequest tampered = signedGet().toBuilder().removeHeader("x-amz-meta-color")
        .header("x-amz-meta-color", "red").build();
    SigV4Exception e = assertThrows(SigV4Exception.class, () -> verifierAt(T).verify(tampered));
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, e.failure());
    assertSafe(e);
    assertTrue(e.canonicalRequest().orElseThrow().contains("x-amz-meta-color:red"));
    assertTrue(e.stringToSign().orElseThrow().startsWith("AWS4-HMAC-SHA256\n20240310T112233Z\n"));
    assertEquals(Optional.of(AKID), e.accessKeyId());
  }

  @Test
  void aChangedPathBreaksTheSignature() {
    SignableRequest tampered = signedGet().toBuilder().rawPath("/bucket/photos/a%20c.jpg").build();
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(tampered, T));
  }

  @Test
  void aChangedOrAddedQueryParameterBreaksTheSignature() {
    SignableRequest wire = signedGet();
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
        failureOf(wire.toBuilder().rawQuery("versionId=4").build(), T));
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
        failureOf(wire.toBuilder().rawQuery("versionId=3&acl").build(), T));
  }

  @Test
  void aChangedMethodBreaksTheSignature() {
    SignableRequest wire = signedGet();
    SignableRequest delete = SignableRequest.builder("DELETE").rawPath(wire.rawPath())
        .rawQuery(wire.rawQuery()).headers(wire.headers()).build();
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(delete, T));
  }

  @Test
  void aClaimedPayloadHashOtherThanTheSignedOneBreaksTheSignature() {
    SignableRequest tampered = signedGet().toBuilder().removeHeader("x-amz-content-sha256")
        .header("x-amz-content-sha256", PayloadHashes.UNSIGNED_PAYLOAD).build();
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(tampered, T));
  }

  @Test
  void aWrongSecretBreaksTheSignature() {
    SigV4Signer wrong = new SigV4Signer(new SigningCredentials(AKID, SECRET + "x"), "us-east-1",
        "s3");
    SignableRequest wire = signedWire(wrong, unsigned("GET", OBJECT).build(),
        PayloadHashes.EMPTY_SHA256, T);
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(wire, T));
  }

  @Test
  void aSignatureForAnotherServiceDoesNotVerify() {
    SignableRequest wire = signedGet();
    String auth = wire.firstHeader("authorization").orElseThrow().replace("/s3/", "/compute/");
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(wire.toBuilder()
        .removeHeader("authorization").header("authorization", auth).build(), T));
  }

  @Test
  void aTamperedPresignedUrlDoesNotVerify() {
    SignableRequest wire = presigned(OBJECT, Duration.ofHours(1), T);
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(wire.toBuilder()
        .rawQuery(wire.rawQuery().replace("versionId=3", "versionId=4")).build(), T));
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(wire.toBuilder()
        .rawQuery(wire.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=7200")).build(), T));
    assertEquals(AuthFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(wire.toBuilder()
        .removeHeader("host").header("host", "other-bucket.localhost:9000").build(), T));
  }

  // ---------------------------------------------------------------- keys and time

  @Test
  void anUnknownAccessKeyIsRefused() {
    SigV4Signer stranger = new SigV4Signer(new SigningCredentials("AKIAUNKNOWN000000000", SECRET),
        "us-east-1", "s3");
    SignableRequest wire = signedWire(stranger, unsigned("GET", OBJECT).build(),
        PayloadHashes.EMPTY_SHA256, T);
    SigV4Exception e = assertThrows(SigV4Exception.class, () -> verifierAt(T).verify(wire));
    assertEquals(AuthFailure.INVALID_ACCESS_KEY_ID, e.failure());
    assertEquals(Optional.of("AKIAUNKNOWN000000000"), e.accessKeyId());
  }

  @Test
  void sixteenMinutesOfSkewEitherWayIsTooMuch() {
    SignableRequest wire = signedGet();
    assertEquals(AuthFailure.REQUEST_TIME_TOO_SKEWED, failureOf(wire, T.plusSeconds(16 * 60)));
    assertEquals(AuthFailure.REQUEST_TIME_TOO_SKEWED, failureOf(wire, T.minusSeconds(16 * 60)));
    SigV4Exception e = assertThrows(SigV4Exception.class,
        () -> verifierAt(T.plusSeconds(16 * 60)).verify(wire));
    assertEquals(Optional.of(T), e.requestTime(), "S3 reports RequestTime with this error");
  }

  @Test
  void aPresignedUrlPastItsExpiryHasExpired() {
    SignableRequest wire = presigned(OBJECT, Duration.ofMinutes(5), T);
    SigV4Exception e = assertThrows(SigV4Exception.class,
        () -> verifierAt(T.plusSeconds(301)).verify(wire));
    assertEquals(AuthFailure.REQUEST_EXPIRED, e.failure());
    assertEquals("Request has expired", e.getMessage());
  }

  @Test
  void aPresignedUrlFromTheFutureIsNotYetValid() {
    SignableRequest wire = presigned(OBJECT, Duration.ofHours(1), T);
    assertEquals(AuthFailure.REQUEST_NOT_YET_VALID, failureOf(wire, T.minusSeconds(16 * 60)));
    verifierAt(T.minusSeconds(14 * 60)).verify(wire);
  }

  // ---------------------------------------------------------------- malformed presigned URLs

  @ParameterizedTest
  @ValueSource(strings = {"604801", "0", "-1", "1.5", "abc", "", "99999999999999999999"})
  void anInvalidExpiresIsAQueryParametersError(String expires) {
    SignableRequest wire = presigned(OBJECT, Duration.ofSeconds(600), T);
    SignableRequest bad = wire.toBuilder()
        .rawQuery(wire.rawQuery().replace("X-Amz-Expires=600", "X-Amz-Expires=" + expires)).build();
    assertEquals(AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR, failureOf(bad, T));
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
      "X-Amz-SignedHeaders", "X-Amz-Signature"})
  void aMissingPresignParameterIsAQueryParametersError(String name) {
    SignableRequest wire = presigned(OBJECT, Duration.ofSeconds(600), T);
    String query = String.join("&", java.util.Arrays.stream(wire.rawQuery().split("&"))
        .filter(p -> !p.startsWith(name + "=")).toList());
    assertEquals(AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
        failureOf(wire.toBuilder().rawQuery(query).build(), T));
  }

  @Test
  void aRepeatedPresignParameterIsAQueryParametersError() {
    SignableRequest wire = presigned(OBJECT, Duration.ofSeconds(600), T);
    assertEquals(AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR, failureOf(wire.toBuilder()
        .rawQuery(wire.rawQuery() + "&X-Amz-Date=20240310T112233Z").build(), T));
  }

  @Test
  void presignParametersWithoutTheAlgorithmAreAnError() {
    SignableRequest wire = presigned(OBJECT, Duration.ofSeconds(600), T);
    SignableRequest bad = wire.toBuilder()
        .rawQuery(wire.rawQuery().replace("X-Amz-Algorithm=AWS4-HMAC-SHA256&", "")).build();
    assertEquals(AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR, failureOf(bad, T));
  }

  @Test
  void aBadPresignDateIsAQueryParametersError() {
    SignableRequest wire = presigned(OBJECT, Duration.ofSeconds(600), T);
    SignableRequest bad = wire.toBuilder()
        .rawQuery(wire.rawQuery().replace("X-Amz-Date=20240310T112233Z", "X-Amz-Date=yesterday"))
        .build();
    assertEquals(AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR, failureOf(bad, T));
  }

  // ---------------------------------------------------------------- which mechanism

  @Test
  void aRequestWithoutAuthenticationIsAnonymous() {
    SignableRequest anonymous = SignableRequest.builder("GET").uri(OBJECT).build();
    assertEquals(AuthFailure.MISSING_AUTHENTICATION, failureOf(anonymous, T));
  }

  @Test
  void headerAndQueryAuthenticationTogetherAreRefused() {
    SignableRequest wire = presigned(OBJECT, Duration.ofSeconds(600), T);
    SignableRequest both = wire.toBuilder()
        .header("Authorization", signedGet().firstHeader("authorization").orElseThrow()).build();
    assertEquals(AuthFailure.MULTIPLE_AUTH_MECHANISMS, failureOf(both, T));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=",
      "AWS4-ECDSA-P256-SHA256 Credential=AKID/20240310/s3/aws4_request, SignedHeaders=host, "
          + "Signature=3045",
      "AWS4-HMAC-SHA512 Credential=x"})
  void otherAlgorithmsAreUnsupported(String authorization) {
    SignableRequest request = SignableRequest.builder("GET").uri(OBJECT)
        .header("x-amz-date", "20240310T112233Z").header("Authorization", authorization).build();
    assertEquals(AuthFailure.UNSUPPORTED_ALGORITHM, failureOf(request, T));
  }

  @Test
  void presignedUrlsOfOtherAlgorithmsAreUnsupported() {
    SignableRequest v2 = SignableRequest.builder("GET").uri(URI.create(
        "http://localhost:9000/b/k?AWSAccessKeyId=AKID&Expires=1710070000&Signature=abc%3D")).build();
    assertEquals(AuthFailure.UNSUPPORTED_ALGORITHM, failureOf(v2, T));
    SignableRequest wire = presigned(OBJECT, Duration.ofSeconds(600), T);
    SignableRequest sigv4a = wire.toBuilder().rawQuery(wire.rawQuery()
        .replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256"))
        .build();
    assertEquals(AuthFailure.UNSUPPORTED_ALGORITHM, failureOf(sigv4a, T));
  }

  private static final String SIG =
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String CRED = "Credential=" + AKID + "/20240310/us-east-1/s3/aws4_request";

  @ParameterizedTest
  @ValueSource(strings = {
      "garbage",
      "Bearer abc",
      "AWS4-HMAC-SHA256",
      "AWS4-HMAC-SHA256 ",
      "AWS4-HMAC-SHA256 garbage",
      "AWS4-HMAC-SHA256 " + CRED,
      "AWS4-HMAC-SHA256 " + CRED + ", SignedHeaders=host;x-amz-date",
      "AWS4-HMAC-SHA256 " + CRED + ", SignedHeaders=host, Signature=" + SIG + ", Signature=" + SIG,
      "AWS4-HMAC-SHA256 " + CRED + ", SignedHeaders=host, Signature=" + SIG + ", Extra=1",
      "AWS4-HMAC-SHA256 " + CRED + ", SignedHeaders=host, Signature=xyz",
      "AWS4-HMAC-SHA256 " + CRED + ", SignedHeaders=host;;x-amz-date, Signature=" + SIG,
      "AWS4-HMAC-SHA256 " + CRED + ", SignedHeaders=host;host, Signature=" + SIG,
      "AWS4-HMAC-SHA256 " + CRED + ", SignedHeaders=, Signature=" + SIG,
      "AWS4-HMAC-SHA256 Credential=" + AKID + "/20240310/us-east-1/s3, SignedHeaders=host, "
          + "Signature=" + SIG,
      "AWS4-HMAC-SHA256 Credential=" + AKID + "/2024-03-10/us-east-1/s3/aws4_request, "
          + "SignedHeaders=host, Signature=" + SIG,
      "AWS4-HMAC-SHA256 Credential=" + AKID + "/20240310/us-east-1/s3/aws5_request, "
          + "SignedHeaders=host, Signature=" + SIG,
      "AWS4-HMAC-SHA256 Credential=/20240310/us-east-1/s3/aws4_request, "
          + "SignedHeaders=host, Signature=" + SIG,
      "AWS4-HMAC-SHA256 Credential=" + AKID + "/20240310//s3/aws4_request, "
          + "SignedHeaders=host, Signature=" + SIG,
      // the scope is for another day than x-amz-date
      "AWS4-HMAC-SHA256 Credential=" + AKID + "/20240309/us-east-1/s3/aws4_request, "
          + "SignedHeaders=host, Signature=" + SIG})
  void aMalformedAuthorizationHeaderIsRefused(String authorization) {
    SignableRequest request = SignableRequest.builder("GET").uri(OBJECT)
        .header("x-amz-date", "20240310T112233Z")
        .header("x-amz-content-sha256", PayloadHashes.EMPTY_SHA256)
        .header("Authorization", authorization).build();
    assertEquals(AuthFailure.AUTHORIZATION_HEADER_MALFORMED, failureOf(request, T));
  }

  @Test
  void twoAuthorizationHeadersAreMalformed() {
    SignableRequest wire = signedGet();
    SignableRequest twice = wire.toBuilder()
        .header("authorization", wire.firstHeader("authorization").orElseThrow()).build();
    assertEquals(AuthFailure.AUTHORIZATION_HEADER_MALFORMED, failureOf(twice, T));
  }

  // ---------------------------------------------------------------- dates and payload

  @ParameterizedTest
  @ValueSource(strings = {"", "20240310", "2024-03-10T11:22:33Z", "20240310T112233", "20240230T112233Z"})
  void anUnreadableXAmzDateIsAMissingDate(String amzDate) {
    SignableRequest wire = signedGet();
    SignableRequest bad = wire.toBuilder().removeHeader("x-amz-date")
        .header("x-amz-date", amzDate).build();
    assertEquals(AuthFailure.MISSING_DATE, failureOf(bad, T));
  }

  @Test
  void noDateAtAllIsAMissingDate() {
    SignableRequest bad = signedGet().toBuilder().removeHeader("x-amz-date").build();
    assertEquals(AuthFailure.MISSING_DATE, failureOf(bad, T));
  }

  @Test
  void anS3RequestWithoutContentSha256IsRefused() {
    SignableRequest bad = signedGet().toBuilder().removeHeader("x-amz-content-sha256").build();
    assertEquals(AuthFailure.MISSING_CONTENT_SHA256, failureOf(bad, T));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "UNSIGNED", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85"})
  void anInvalidContentSha256IsRefused(String value) {
    SignableRequest bad = signedGet().toBuilder().removeHeader("x-amz-content-sha256")
        .header("x-amz-content-sha256", value).build();
    assertEquals(AuthFailure.INVALID_PAYLOAD_HASH, failureOf(bad, T));
  }

  @Test
  void streamingMarkersAreTakenAsClaimedForTheServerToCheck() {
    for (String marker : List.of(PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD,
        PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER,
        PayloadHashes.STREAMING_UNSIGNED_PAYLOAD_TRAILER, PayloadHashes.UNSIGNED_PAYLOAD)) {
      SignableRequest wire = signedWire(s3, unsigned("PUT", OBJECT)
          .header("x-amz-decoded-content-length", "66560").build(), marker, T);
      assertEquals(marker, verifierAt(T).verify(wire).payloadHash());
    }
  }

  // ---------------------------------------------------------------- unsigned headers

  @Test
  void anUnsignedAmzHeaderIsRefused() {
    SignableRequest injected = signedGet().toBuilder()
        .header("x-amz-storage-class", "GLACIER").build();
    SigV4Exception e = assertThrows(SigV4Exception.class, () -> verifierAt(T).verify(injected));
    assertEquals(AuthFailure.HEADERS_NOT_SIGNED, e.failure());
    assertTrue(e.getMessage().contains("x-amz-storage-class"), e.getMessage());
  }

  @Test
  void unsignedOrdinaryHeadersAreFine() {
    SignableRequest wire = signedGet().toBuilder().header("User-Agent", "aws-cli/2")
        .header("X-Amzn-Trace-Id", "Root=1").header("Accept-Encoding", "identity").build();
    verifierAt(T).verify(wire);
  }

  @Test
  void theHostHeaderMustBeSigned() {
    SignableRequest request = SignableRequest.builder("GET").rawPath("/compute/v1/instances")
        .header("Host", "localhost:9000").header("x-amz-date", "20240310T112233Z").build();
    CredentialScope scope = new CredentialScope("20240310", "us-east-1", "compute");
    String signature = SigV4.signature(SigV4.signingKey(SECRET, scope),
        SigV4.stringToSign("20240310T112233Z", scope, CanonicalRequest.of(request,
            CanonicalizationProfile.STANDARD, List.of("x-amz-date"), PayloadHashes.EMPTY_SHA256,
            false)));
    SignableRequest wire = request.toBuilder().header("Authorization", "AWS4-HMAC-SHA256 "
        + "Credential=" + AKID + "/" + scope.format() + ", SignedHeaders=x-amz-date, Signature="
        + signature).build();
    assertEquals(AuthFailure.HEADERS_NOT_SIGNED, failureOf(wire, T));
  }

  @Test
  void everyFailureHasASafeDefaultMessage() {
    for (AuthFailure failure : AuthFailure.values()) {
      SigV4Exception e = new SigV4Exception(failure);
      assertEquals(failure.defaultMessage(), e.getMessage());
      assertFalse(e.getMessage().isBlank());
      assertEquals(0, e.getStackTrace().length, "expected outcomes carry no stack trace");
    }
  }
}

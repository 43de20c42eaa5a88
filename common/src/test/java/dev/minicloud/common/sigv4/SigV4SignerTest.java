package dev.minicloud.common.sigv4;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {

  static final SigningCredentials KEY =
      new SigningCredentials("AKIAMINICLOUDTEST002", "another/secret+key0000000000000000000000");
  static final Instant T = Instant.parse("2025-01-02T03:04:05Z");
  final SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(T, ZoneOffset.UTC),
      id -> id.equals(KEY.accessKeyId()) ? Optional.of(KEY.secretKey()) : Optional.empty());

  private static SignableRequest sent(SignableRequest request, SigningResult signed) {
    SignableRequest.Builder wire = request.toBuilder();
    signed.headers().forEach((name, value) -> wire.removeHeader(name).header(name, value));
    return wire.build();
  }

  @Test
  void s3SigningAddsDateContentHashAndAuthorization() {
    SignableRequest request = SignableRequest.builder("PUT")
        .uri(URI.create("http://localhost:9000/bucket/dir/file name.txt".replace(" ", "%20")))
        .header("Content-Type", "text/plain").header("User-Agent", "minicloud-sdk/0.1")
        .header("x-amz-date", "19990101T000000Z") // stale, replaced
        .build();
    SigningResult signed = new SigV4Signer(KEY, "us-east-1", "s3")
        .sign(request, "hello".getBytes(), T);
    assertEquals(List.of("x-amz-date", "x-amz-content-sha256", "authorization"),
        List.copyOf(signed.headers().keySet()));
    assertEquals("20250102T030405Z", signed.amzDate());
    assertEquals(Hashes.sha256Hex("hello"), signed.headers().get("x-amz-content-sha256"));
    assertEquals(List.of("content-type", "host", "x-amz-content-sha256", "x-amz-date"),
        signed.signedHeaders(), "user-agent is not signed");
    assertTrue(signed.authorization().startsWith("AWS4-HMAC-SHA256 Credential=AKIAMINICLOUDTEST002"
        + "/20250102/us-east-1/s3/aws4_request, SignedHeaders=content-type;host;"));
    assertTrue(signed.authorization().endsWith(", Signature=" + signed.signature()));

    VerifiedRequest verified = verifier.verify(sent(request, signed));
    assertEquals(signed.signature(), verified.seedSignature());
  }

  @Test
  void otherServicesSignWithoutTheContentHashHeaderUnlessAsked() {
    SignableRequest request = SignableRequest.builder("POST")
        .uri(URI.create("http://localhost:9000/compute/v1/instances"))
        .header("Content-Type", "application/json").build();
    byte[] body = "{\"type\":\"small\"}".getBytes();
    SigV4Signer compute = new SigV4Signer(KEY, "us-east-1", "compute");

    SigningResult plain = compute.sign(request, body, T);
    assertFalse(plain.headers().containsKey("x-amz-content-sha256"));
    assertEquals("compute", verifier.verify(sent(request, plain), Hashes.sha256Hex(body)).service());

    SigningResult withHash = compute.withContentSha256Header(true).sign(request, body, T);
    assertEquals(Hashes.sha256Hex(body), withHash.headers().get("x-amz-content-sha256"));
    assertEquals(Hashes.sha256Hex(body), verifier.verify(sent(request, withHash)).payloadHash());
  }

  @Test
  void aPayloadMarkerNeedsTheContentHashHeader() {
    SignableRequest request = SignableRequest.builder("GET").uri(URI.create("http://h/")).build();
    assertThrows(IllegalArgumentException.class, () -> new SigV4Signer(KEY, "us-east-1", "sts")
        .sign(request, PayloadHashes.UNSIGNED_PAYLOAD, T));
  }

  @Test
  void signingNeedsAHostHeader() {
    SignableRequest noHost = SignableRequest.builder("GET").rawPath("/").build();
    SigV4Signer signer = new SigV4Signer(KEY, "us-east-1", "s3");
    assertThrows(IllegalArgumentException.class, () -> signer.sign(noHost, new byte[0], T));
    assertThrows(IllegalArgumentException.class,
        () -> signer.presign(noHost, Duration.ofMinutes(1), T));
  }

  @Test
  void presignKeepsTheQueryAndVerifiesForBothProfiles() {
    for (String service : List.of("s3", "sts")) {
      SignableRequest request = SignableRequest.builder("GET")
          .uri(URI.create("http://localhost:9000/b/k%2Bey?response-content-type=text%2Fplain"))
          .build();
      String query = new SigV4Signer(KEY, "eu-west-3", service)
          .presign(request, Duration.ofMinutes(10), T);
      assertTrue(query.startsWith("response-content-type=text%2Fplain&X-Amz-Algorithm="), query);
      VerifiedRequest verified = verifier.verify(request.toBuilder().rawQuery(query).build());
      assertTrue(verified.presigned());
      assertEquals(service, verified.service());
      assertEquals(service.equals("s3") ? PayloadHashes.UNSIGNED_PAYLOAD
          : PayloadHashes.EMPTY_SHA256, verified.payloadHash());
      assertEquals(Optional.of(T.plusSeconds(600)), verified.expiresAt());
    }
  }

  @Test
  void presignRefusesBadExpiriesAndAlreadyPresignedRequests() {
    SigV4Signer signer = new SigV4Signer(KEY, "us-east-1", "s3");
    SignableRequest request = SignableRequest.builder("GET").uri(URI.create("http://h/k")).build();
    for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(1500), Duration.ofDays(7).plusSeconds(1))) {
      assertThrows(IllegalArgumentException.class, () -> signer.presign(request, bad, T), bad::toString);
    }
    signer.presign(request, Duration.ofDays(7), T);
    String query = signer.presign(request, Duration.ofSeconds(1), T);
    SignableRequest presigned = request.toBuilder().rawQuery(query).build();
    assertThrows(IllegalArgumentException.class,
        () -> signer.presign(presigned, Duration.ofSeconds(1), T));
  }

  @Test
  void secretsNeverShowInToString() {
    SigV4Signer signer = new SigV4Signer(KEY, "us-east-1", "s3");
    assertFalse(KEY.toString().contains(KEY.secretKey()));
    assertFalse(signer.toString().contains(KEY.secretKey()));
    SigningResult signed = signer.sign(
        SignableRequest.builder("GET").uri(URI.create("http://h/")).build(), new byte[0], T);
    assertFalse(signed.toString().contains(signed.signature()));
  }

  @Test
  void credentialsMustBeUsable() {
    assertThrows(IllegalArgumentException.class, () -> new SigningCredentials("", "s"));
    assertThrows(IllegalArgumentException.class, () -> new SigningCredentials("A/B", "s"));
    assertThrows(NullPointerException.class, () -> new SigningCredentials("A", null));
  }
}

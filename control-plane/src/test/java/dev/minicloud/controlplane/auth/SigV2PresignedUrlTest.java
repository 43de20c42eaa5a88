package dev.minicloud.controlplane.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.sigv4.AuthFailure;
import dev.minicloud.common.sigv4.SecretResolver;
import dev.minicloud.common.sigv4.SigV4Exception;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** S3's SigV2 query-string authentication, against AWS's documented example and its failure modes. */
class SigV2PresignedUrlTest {

  private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  private static final SecretResolver SECRETS = id -> KEY_ID.equals(id)
      ? Optional.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") : Optional.empty();
  private static final Clock BEFORE_EXPIRY = Clock.fixed(Instant.ofEpochSecond(1175139000L), ZoneOffset.UTC);

  /** AWS's example: GET johnsmith.s3.amazonaws.com/photos/puppy.jpg, Expires=1175139620. */
  private static final String DOCUMENTED_QUERY = "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1175139620"
      + "&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D";

  @Test
  void verifiesAwsDocumentedVirtualHostedExample() {
    var query = SigV2PresignedUrl.parseQuery(DOCUMENTED_QUERY);
    assertTrue(SigV2PresignedUrl.isPresent(query));
    var verified = SigV2PresignedUrl.verify("GET", "/photos/puppy.jpg", query, Map.of(),
        "johnsmith.s3.amazonaws.com", SECRETS, BEFORE_EXPIRY);
    assertEquals(KEY_ID, verified.accessKeyId());
  }

  @Test
  void verifiesTheSameUrlPathStyle() {
    var verified = SigV2PresignedUrl.verify("GET", "/johnsmith/photos/puppy.jpg",
        SigV2PresignedUrl.parseQuery(DOCUMENTED_QUERY), Map.of(), "127.0.0.1:9000", SECRETS, BEFORE_EXPIRY);
    assertEquals(KEY_ID, verified.accessKeyId());
  }

  @Test
  void rejectsAnotherPathMethodOrContentType() {
    var query = SigV2PresignedUrl.parseQuery(DOCUMENTED_QUERY);
    assertFailure(AuthFailure.SIGNATURE_DOES_NOT_MATCH, () -> SigV2PresignedUrl.verify("GET",
        "/johnsmith/photos/kitten.jpg", query, Map.of(), "127.0.0.1", SECRETS, BEFORE_EXPIRY));
    assertFailure(AuthFailure.SIGNATURE_DOES_NOT_MATCH, () -> SigV2PresignedUrl.verify("PUT",
        "/johnsmith/photos/puppy.jpg", query, Map.of(), "127.0.0.1", SECRETS, BEFORE_EXPIRY));
    assertFailure(AuthFailure.SIGNATURE_DOES_NOT_MATCH, () -> SigV2PresignedUrl.verify("GET",
        "/johnsmith/photos/puppy.jpg", query, Map.of("content-type", List.of("text/html")), "127.0.0.1",
        SECRETS, BEFORE_EXPIRY));
    assertFailure(AuthFailure.SIGNATURE_DOES_NOT_MATCH, () -> SigV2PresignedUrl.verify("GET",
        "/johnsmith/photos/puppy.jpg", SigV2PresignedUrl.parseQuery(DOCUMENTED_QUERY + "&versionId=1"), Map.of(),
        "127.0.0.1", SECRETS, BEFORE_EXPIRY));
  }

  @Test
  void rejectsExpiredUnknownKeyAndMalformedParameters() {
    Clock after = Clock.fixed(Instant.ofEpochSecond(1175139621L), ZoneOffset.UTC);
    assertFailure(AuthFailure.REQUEST_EXPIRED, () -> SigV2PresignedUrl.verify("GET", "/johnsmith/photos/puppy.jpg",
        SigV2PresignedUrl.parseQuery(DOCUMENTED_QUERY), Map.of(), "127.0.0.1", SECRETS, after));
    assertFailure(AuthFailure.INVALID_ACCESS_KEY_ID, () -> SigV2PresignedUrl.verify("GET", "/b/k",
        SigV2PresignedUrl.parseQuery(DOCUMENTED_QUERY.replace("AKIAIOSFODNN7EXAMPLE", "AKIAUNKNOWN000000000")),
        Map.of(), "127.0.0.1", SECRETS, BEFORE_EXPIRY));
    assertFailure(AuthFailure.AUTHORIZATION_QUERY_PARAMETERS_ERROR, () -> SigV2PresignedUrl.verify("GET", "/b/k",
        SigV2PresignedUrl.parseQuery("AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=soon&Signature=x"), Map.of(),
        "127.0.0.1", SECRETS, BEFORE_EXPIRY));
    assertFailure(AuthFailure.SIGNATURE_DOES_NOT_MATCH, () -> SigV2PresignedUrl.verify("GET", "/b/k",
        SigV2PresignedUrl.parseQuery("AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1175139620&Signature=%%%"),
        Map.of(), "127.0.0.1", SECRETS, BEFORE_EXPIRY));
  }

  @Test
  void sigV4ParametersAreNotMistakenForSigV2() {
    assertFalse(SigV2PresignedUrl.isPresent(SigV2PresignedUrl.parseQuery(
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&AWSAccessKeyId=x&Signature=y")));
    assertFalse(SigV2PresignedUrl.isPresent(SigV2PresignedUrl.parseQuery("prefix=a")));
  }

  private static void assertFailure(AuthFailure expected, org.junit.jupiter.api.function.Executable call) {
    assertEquals(expected, assertThrows(SigV4Exception.class, call).failure());
  }
}

package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.testing.SignedHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The AWS SDK for Java v2 S3 client, default settings, against the real platform on loopback. */
class S3SdkIT {

  @TempDir
  static Path data;

  static InProcessPlatform platform;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    s3 = platform.s3();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    platform.close();
  }

  @Test
  void bucketLifecycle() {
    s3.createBucket(b -> b.bucket("lifecycle"));
    s3.headBucket(b -> b.bucket("lifecycle"));
    assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("lifecycle")));
    assertThrows(BucketAlreadyOwnedByYouException.class, () -> s3.createBucket(b -> b.bucket("lifecycle")));
    assertEquals("", s3.getBucketLocation(b -> b.bucket("lifecycle")).locationConstraintAsString() == null
        ? "" : s3.getBucketLocation(b -> b.bucket("lifecycle")).locationConstraintAsString());

    s3.putObject(b -> b.bucket("lifecycle").key("k"), RequestBody.fromString("x"));
    S3Exception notEmpty = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket("lifecycle")));
    assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode());
    s3.deleteObject(b -> b.bucket("lifecycle").key("k"));
    s3.deleteBucket(b -> b.bucket("lifecycle"));
    assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("lifecycle")));
  }

  @Test
  void invalidBucketNamesAreRejected() {
    // Sent raw: the SDK refuses some of these names itself before sending.
    SignedHttp http = new SignedHttp(platform.endpoint(), platform.root, java.time.Clock.systemUTC());
    for (String name : List.of("ab", "UPPER", "bad..dots", "203.0.113.7", "admin", "-leading", "x".repeat(64))) {
      var response = http.send("PUT", "s3", "/" + name, new byte[0], Map.of());
      assertEquals(400, response.statusCode(), name);
      assertTrue(response.body().contains("<Code>InvalidBucketName</Code>"), name + ": " + response.body());
    }
  }

  @Test
  void putGetHeadWithMetadataRangesAndChecksums() throws Exception {
    s3.createBucket(b -> b.bucket("objects"));
    byte[] body = new byte[300_000];
    new Random(7).nextBytes(body);
    var put = s3.putObject(b -> b.bucket("objects").key("dir/blob.bin").contentType("application/x-test")
        .metadata(Map.of("color", "blue")).cacheControl("max-age=60"), RequestBody.fromBytes(body));
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    assertEquals("\"" + md5 + "\"", put.eTag());

    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("objects").key("dir/blob.bin")
        .checksumMode(ChecksumMode.ENABLED));
    assertArrayEquals(body, got.asByteArray());
    assertEquals("application/x-test", got.response().contentType());
    assertEquals("blue", got.response().metadata().get("color"));
    assertEquals("max-age=60", got.response().cacheControl());
    assertTrue(got.response().checksumCRC32() != null, "the SDK's default CRC32 is stored and returned");

    ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(b -> b.bucket("objects").key("dir/blob.bin")
        .range("bytes=1000-1999"));
    assertArrayEquals(java.util.Arrays.copyOfRange(body, 1000, 2000), range.asByteArray());
    assertEquals("bytes 1000-1999/300000", range.response().contentRange());

    HeadObjectResponse head = s3.headObject(b -> b.bucket("objects").key("dir/blob.bin"));
    assertEquals(300_000L, head.contentLength());
    assertEquals(put.eTag(), head.eTag());

    S3Exception unsatisfiable = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket("objects")
        .key("dir/blob.bin").range("bytes=300000-")));
    assertEquals(416, unsatisfiable.statusCode());

    assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket("objects").key("missing")));
    s3.deleteObject(b -> b.bucket("objects").key("dir/blob.bin"));
    assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket("objects").key("dir/blob.bin")));
  }

  @Test
  void keysAreBytesNotPaths() {
    s3.createBucket(b -> b.bucket("odd-keys"));
    List<String> keys = List.of("../escape", "a//b", "with space", "100%", "plus+sign", "ünïcødé/ключ",
        "trailing/", "new\nline", "?query&=", "#hash");
    for (String key : keys) {
      s3.putObject(b -> b.bucket("odd-keys").key(key), RequestBody.fromString("value of " + key));
    }
    for (String key : keys) {
      assertEquals("value of " + key, s3.getObjectAsBytes(b -> b.bucket("odd-keys").key(key)).asUtf8String(), key);
    }
    List<String> listed = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket("odd-keys")).contents().forEach(o -> listed.add(o.key()));
    List<String> expected = new ArrayList<>(keys);
    expected.sort((x, y) -> java.util.Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
        y.getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, listed);
  }

  @Test
  void listObjectsV2PagesPrefixesAndDelimiters() {
    s3.createBucket(b -> b.bucket("listing"));
    for (String key : List.of("a/1", "a/2", "b/1", "c", "d", "e")) {
      s3.putObject(b -> b.bucket("listing").key(key), RequestBody.fromString(key));
    }
    ListObjectsV2Response rolled = s3.listObjectsV2(b -> b.bucket("listing").delimiter("/"));
    assertEquals(List.of("a/", "b/"), rolled.commonPrefixes().stream().map(p -> p.prefix()).toList());
    assertEquals(List.of("c", "d", "e"), rolled.contents().stream().map(S3Object::key).toList());

    ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket("listing").maxKeys(3));
    assertTrue(first.isTruncated());
    ListObjectsV2Response second = s3.listObjectsV2(b -> b.bucket("listing").maxKeys(3)
        .continuationToken(first.nextContinuationToken()));
    assertEquals(List.of("c", "d", "e"), second.contents().stream().map(S3Object::key).toList());
    assertFalse(second.isTruncated(), "exactly max-keys remained: not truncated");
    assertTrue(second.nextContinuationToken() == null);

    assertEquals(List.of("a/1", "a/2"), s3.listObjectsV2(b -> b.bucket("listing").prefix("a/")).contents().stream()
        .map(S3Object::key).toList());
    assertEquals(List.of("d", "e"), s3.listObjectsV2(b -> b.bucket("listing").startAfter("c")).contents().stream()
        .map(S3Object::key).toList());
    assertEquals(6, s3.listObjects(b -> b.bucket("listing")).contents().size());
  }

  @Test
  void aWrongSecretIsSignatureDoesNotMatch() {
    try (S3Client wrong = platform.s3(platform.root.accessKeyId(), "x".repeat(40))) {
      S3Exception e = assertThrows(S3Exception.class, wrong::listBuckets);
      assertEquals(403, e.statusCode());
      assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
    }
  }
}

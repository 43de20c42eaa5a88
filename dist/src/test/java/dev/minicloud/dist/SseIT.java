package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.testing.SignedHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Server-side encryption (SSE-S3) with the AWS SDK for Java v2: the per-request header, the bucket
 * default, ranged and part reads, multipart, copies in every direction, the errors, and what the
 * storage nodes hold on disk.
 */
class SseIT {

  private static final int MIB = 1024 * 1024;
  private static final String AES256 = "AES256";

  @TempDir
  static Path data;

  static InProcessPlatform platform;
  static S3Client s3;
  static SignedHttp raw;

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    s3 = platform.s3();
    raw = new SignedHttp(platform.endpoint(), platform.root, Clock.systemUTC());
    s3.createBucket(b -> b.bucket("sse"));
  }

  @AfterAll
  static void stop() {
    s3.close();
    platform.close();
  }

  @Test
  void aPutWithTheHeaderIsEncryptedAndEveryResponseSaysSo() {
    byte[] body = random(300_001, 1);
    var put = s3.putObject(b -> b.bucket("sse").key("enc").serverSideEncryption(ServerSideEncryption.AES256),
        RequestBody.fromBytes(body));
    assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());
    assertEquals("\"" + md5(body) + "\"", put.eTag(), "the ETag is the MD5 of the plaintext, as on S3");

    var head = s3.headObject(b -> b.bucket("sse").key("enc"));
    assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption());
    assertEquals(body.length, head.contentLength());
    var get = s3.getObjectAsBytes(b -> b.bucket("sse").key("enc"));
    assertArrayEquals(body, get.asByteArray());
    assertEquals(ServerSideEncryption.AES256, get.response().serverSideEncryption());

    var empty = s3.putObject(b -> b.bucket("sse").key("empty-enc").serverSideEncryption(AES256), RequestBody.empty());
    assertEquals(ServerSideEncryption.AES256, empty.serverSideEncryption());
    var emptyBack = s3.getObjectAsBytes(b -> b.bucket("sse").key("empty-enc"));
    assertEquals(0, emptyBack.asByteArray().length);
    assertEquals(ServerSideEncryption.AES256, emptyBack.response().serverSideEncryption());

    var plain = s3.putObject(b -> b.bucket("sse").key("plain"), RequestBody.fromString("plain"));
    assertNull(plain.serverSideEncryption());
    assertNull(s3.headObject(b -> b.bucket("sse").key("plain")).serverSideEncryption());

    var listed = s3.listObjectsV2(b -> b.bucket("sse").prefix("enc")).contents();
    assertEquals(1, listed.size());
    assertEquals(body.length, listed.get(0).size(), "listings are unaffected");
    assertEquals(put.eTag(), listed.get(0).eTag());
  }

  @Test
  void anyRangeOfAnEncryptedObjectDecrypts() {
    byte[] body = random(300_000, 2);
    s3.putObject(b -> b.bucket("sse").key("ranged").serverSideEncryption(AES256), RequestBody.fromBytes(body));
    long[][] ranges = {{0, 0}, {1, 16}, {15, 17}, {16, 31}, {65_535, 65_537}, {100_003, 299_999}, {299_999, 299_999}};
    for (long[] r : ranges) {
      var got = s3.getObjectAsBytes(b -> b.bucket("sse").key("ranged").range("bytes=" + r[0] + "-" + r[1]));
      assertArrayEquals(Arrays.copyOfRange(body, (int) r[0], (int) r[1] + 1), got.asByteArray(),
          "bytes " + r[0] + "-" + r[1]);
      assertEquals("bytes " + r[0] + "-" + r[1] + "/300000", got.response().contentRange());
      assertEquals(ServerSideEncryption.AES256, got.response().serverSideEncryption());
    }
    assertArrayEquals(Arrays.copyOfRange(body, 299_993, 300_000),
        s3.getObjectAsBytes(b -> b.bucket("sse").key("ranged").range("bytes=-7")).asByteArray(), "suffix range");
  }

  @Test
  void theBucketDefaultEncryptsNewObjectsUntilItIsDeleted() {
    s3.createBucket(b -> b.bucket("sse-default"));
    S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketEncryption(b -> b.bucket("sse-default")));
    assertEquals(404, none.statusCode());
    assertEquals("ServerSideEncryptionConfigurationNotFoundError", none.awsErrorDetails().errorCode());
    s3.putObject(b -> b.bucket("sse-default").key("before"), RequestBody.fromString("before"));

    s3.putBucketEncryption(b -> b.bucket("sse-default").serverSideEncryptionConfiguration(c -> c.rules(
        ServerSideEncryptionRule.builder().bucketKeyEnabled(true)
            .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)).build())));
    ServerSideEncryptionRule rule = s3.getBucketEncryption(b -> b.bucket("sse-default"))
        .serverSideEncryptionConfiguration().rules().get(0);
    assertEquals(ServerSideEncryption.AES256, rule.applyServerSideEncryptionByDefault().sseAlgorithm());
    assertEquals(true, rule.bucketKeyEnabled());

    var put = s3.putObject(b -> b.bucket("sse-default").key("after"), RequestBody.fromString("after"));
    assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption(), "no header: the bucket default applies");
    assertNull(s3.headObject(b -> b.bucket("sse-default").key("before")).serverSideEncryption(),
        "objects already stored keep their encryption");
    var created = s3.createMultipartUpload(b -> b.bucket("sse-default").key("mp"));
    assertEquals(ServerSideEncryption.AES256, created.serverSideEncryption());
    s3.abortMultipartUpload(b -> b.bucket("sse-default").key("mp").uploadId(created.uploadId()));
    var copied = s3.copyObject(b -> b.sourceBucket("sse").sourceKey("plain").destinationBucket("sse-default")
        .destinationKey("copied"));
    assertEquals(ServerSideEncryption.AES256, copied.serverSideEncryption(), "copies take the target's default");

    s3.deleteBucketEncryption(b -> b.bucket("sse-default"));
    assertEquals(404, assertThrows(S3Exception.class, () -> s3.getBucketEncryption(b -> b.bucket("sse-default")))
        .statusCode());
    assertNull(s3.putObject(b -> b.bucket("sse-default").key("later"), RequestBody.fromString("later"))
        .serverSideEncryption());
    var after = s3.getObjectAsBytes(b -> b.bucket("sse-default").key("after"));
    assertEquals("after", after.asUtf8String());
    assertEquals(ServerSideEncryption.AES256, after.response().serverSideEncryption());
  }

  @Test
  void awsDenyUnencryptedUploadsBucketPolicyWorks() {
    s3.createBucket(b -> b.bucket("sse-enforced"));
    // The bucket policy AWS documents for requiring SSE on every upload.
    s3.putBucketPolicy(b -> b.bucket("sse-enforced").policy("""
        {"Version":"2012-10-17","Statement":[{"Sid":"DenyUnencryptedObjectUploads","Effect":"Deny","Principal":"*",
          "Action":"s3:PutObject","Resource":"arn:aws:s3:::sse-enforced/*",
          "Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"AES256"}}}]}"""));
    assertError(403, "AccessDenied", () -> s3.putObject(b -> b.bucket("sse-enforced").key("plain"),
        RequestBody.fromString("plain")));
    assertEquals(ServerSideEncryption.AES256, s3.putObject(b -> b.bucket("sse-enforced").key("sealed")
        .serverSideEncryption(AES256), RequestBody.fromString("sealed")).serverSideEncryption());
  }

  @Test
  void multipartUploadsAreEncryptedPartByPart() {
    byte[] part1 = random(5 * MIB, 3);
    byte[] part2 = random(MIB + 3, 4);
    byte[] whole = concat(part1, part2);
    var created = s3.createMultipartUpload(b -> b.bucket("sse").key("mp").serverSideEncryption(AES256)
        .checksumAlgorithm(ChecksumAlgorithm.CRC32));
    assertEquals(ServerSideEncryption.AES256, created.serverSideEncryption());
    String id = created.uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    int n = 1;
    for (byte[] part : List.of(part1, part2)) {
      int number = n++;
      var uploaded = s3.uploadPart(b -> b.bucket("sse").key("mp").uploadId(id).partNumber(number)
          .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(part));
      assertEquals(ServerSideEncryption.AES256, uploaded.serverSideEncryption());
      assertEquals("\"" + md5(part) + "\"", uploaded.eTag());
      parts.add(CompletedPart.builder().partNumber(number).eTag(uploaded.eTag()).checksumCRC32(uploaded.checksumCRC32())
          .build());
    }
    var completed = s3.completeMultipartUpload(b -> b.bucket("sse").key("mp").uploadId(id)
        .multipartUpload(m -> m.parts(parts)));
    assertEquals(ServerSideEncryption.AES256, completed.serverSideEncryption());
    assertTrue(completed.eTag().endsWith("-2\""));

    var got = s3.getObjectAsBytes(b -> b.bucket("sse").key("mp"));
    assertArrayEquals(whole, got.asByteArray());
    assertEquals(ServerSideEncryption.AES256, got.response().serverSideEncryption());
    int from = 5 * MIB - 10;
    assertArrayEquals(Arrays.copyOfRange(whole, from, from + 25), s3.getObjectAsBytes(b -> b.bucket("sse").key("mp")
        .range("bytes=" + from + "-" + (from + 24))).asByteArray(), "a range across the part boundary");
    assertArrayEquals(part2, s3.getObjectAsBytes(b -> b.bucket("sse").key("mp").partNumber(2)).asByteArray());
  }

  @Test
  void uploadPartCopyReadsAnEncryptedSourceIntoPlainAndEncryptedUploads() {
    byte[] source = random(6 * MIB, 5);
    s3.putObject(b -> b.bucket("sse").key("pc-source").serverSideEncryption(AES256), RequestBody.fromBytes(source));
    for (boolean encrypted : new boolean[] {false, true}) {
      String key = encrypted ? "pc-encrypted" : "pc-plain";
      var created = s3.createMultipartUpload(b -> {
        b.bucket("sse").key(key);
        if (encrypted) {
          b.serverSideEncryption(AES256);
        }
      });
      String id = created.uploadId();
      var first = s3.uploadPartCopy(b -> b.sourceBucket("sse").sourceKey("pc-source").destinationBucket("sse")
          .destinationKey(key).uploadId(id).partNumber(1).copySourceRange("bytes=0-" + (5 * MIB - 1)));
      var second = s3.uploadPartCopy(b -> b.sourceBucket("sse").sourceKey("pc-source").destinationBucket("sse")
          .destinationKey(key).uploadId(id).partNumber(2).copySourceRange("bytes=" + (5 * MIB + 7) + "-" + (6 * MIB - 1)));
      assertEquals(encrypted ? ServerSideEncryption.AES256 : null, first.serverSideEncryption(), key);
      assertEquals("\"" + md5(Arrays.copyOfRange(source, 0, 5 * MIB)) + "\"", first.copyPartResult().eTag(), key);
      s3.completeMultipartUpload(b -> b.bucket("sse").key(key).uploadId(id).multipartUpload(m -> m.parts(
          CompletedPart.builder().partNumber(1).eTag(first.copyPartResult().eTag()).build(),
          CompletedPart.builder().partNumber(2).eTag(second.copyPartResult().eTag()).build())));
      var got = s3.getObjectAsBytes(b -> b.bucket("sse").key(key));
      assertArrayEquals(concat(Arrays.copyOfRange(source, 0, 5 * MIB), Arrays.copyOfRange(source, 5 * MIB + 7, 6 * MIB)),
          got.asByteArray(), key);
      assertEquals(encrypted ? ServerSideEncryption.AES256 : null, got.response().serverSideEncryption(), key);
    }
  }

  @Test
  void copyObjectWorksInEveryDirection() {
    byte[] body = random(200_000, 6);
    s3.putObject(b -> b.bucket("sse").key("c-enc").serverSideEncryption(AES256), RequestBody.fromBytes(body));
    s3.putObject(b -> b.bucket("sse").key("c-plain"), RequestBody.fromBytes(body));
    String etag = "\"" + md5(body) + "\"";
    record Case(String from, String to, boolean encrypt) {}
    for (Case c : List.of(new Case("c-enc", "enc-to-plain", false), new Case("c-plain", "plain-to-enc", true),
        new Case("c-enc", "enc-to-enc", true), new Case("c-plain", "plain-to-plain", false))) {
      var copied = s3.copyObject(b -> {
        b.sourceBucket("sse").sourceKey(c.from()).destinationBucket("sse").destinationKey(c.to());
        if (c.encrypt()) {
          b.serverSideEncryption(AES256);
        }
      });
      assertEquals(c.encrypt() ? ServerSideEncryption.AES256 : null, copied.serverSideEncryption(), c.to());
      assertEquals(etag, copied.copyObjectResult().eTag(), c.to());
      var got = s3.getObjectAsBytes(b -> b.bucket("sse").key(c.to()));
      assertArrayEquals(body, got.asByteArray(), c.to());
      assertEquals(c.encrypt() ? ServerSideEncryption.AES256 : null, got.response().serverSideEncryption(), c.to());
    }

    // Onto itself: naming an encryption is a change S3 accepts, and it re-encrypts the bytes in place.
    s3.putObject(b -> b.bucket("sse").key("c-self"), RequestBody.fromBytes(body));
    var self = s3.copyObject(b -> b.sourceBucket("sse").sourceKey("c-self").destinationBucket("sse")
        .destinationKey("c-self").serverSideEncryption(AES256));
    assertEquals(ServerSideEncryption.AES256, self.serverSideEncryption());
    assertArrayEquals(body, s3.getObjectAsBytes(b -> b.bucket("sse").key("c-self")).asByteArray());
    // ...and a metadata change without a header makes it take the bucket's default again (none here).
    s3.copyObject(b -> b.sourceBucket("sse").sourceKey("c-self").destinationBucket("sse").destinationKey("c-self")
        .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("x", "1")));
    var plainAgain = s3.getObjectAsBytes(b -> b.bucket("sse").key("c-self"));
    assertArrayEquals(body, plainAgain.asByteArray());
    assertNull(plainAgain.response().serverSideEncryption());
    assertEquals("1", plainAgain.response().metadata().get("x"));
  }

  @Test
  void storageNodesNeverHoldThePlaintextOfAnEncryptedObject() throws IOException {
    String tag = UUID.randomUUID().toString();
    byte[] secret = canary("SSE-SECRET " + tag, 6 * MIB + 1234);
    byte[] control = canary("SSE-CONTROL " + tag, 300_000);
    s3.putObject(b -> b.bucket("sse").key("secret-single").serverSideEncryption(AES256), RequestBody.fromBytes(secret));
    var created = s3.createMultipartUpload(b -> b.bucket("sse").key("secret-multi").serverSideEncryption(AES256));
    var p1 = s3.uploadPart(b -> b.bucket("sse").key("secret-multi").uploadId(created.uploadId()).partNumber(1),
        RequestBody.fromBytes(Arrays.copyOfRange(secret, 0, 5 * MIB)));
    var p2 = s3.uploadPart(b -> b.bucket("sse").key("secret-multi").uploadId(created.uploadId()).partNumber(2),
        RequestBody.fromBytes(Arrays.copyOfRange(secret, 5 * MIB, secret.length)));
    s3.completeMultipartUpload(b -> b.bucket("sse").key("secret-multi").uploadId(created.uploadId())
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(),
            CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build())));
    s3.copyObject(b -> b.sourceBucket("sse").sourceKey("secret-multi").destinationBucket("sse")
        .destinationKey("secret-copy").serverSideEncryption(AES256));
    s3.putObject(b -> b.bucket("sse").key("control"), RequestBody.fromBytes(control));
    assertArrayEquals(secret, s3.getObjectAsBytes(b -> b.bucket("sse").key("secret-copy")).asByteArray());

    // Needles: the first line, one from the middle, and the last full line of each canary.
    List<byte[]> secretNeedles = needles(secret);
    List<byte[]> controlNeedles = needles(control);
    Path storage = data.resolve("storage");
    boolean controlFound = false;
    long storedBytes = 0;
    List<Path> scanned = new ArrayList<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        scanned.add(file);
        for (byte[] needle : secretNeedles) {
          assertFalse(ByteSearch.contains(bytes, needle), "plaintext of an encrypted object in " + file);
        }
        if (file.startsWith(storage)) {
          storedBytes += bytes.length;
          controlFound |= controlNeedles.stream().allMatch(n -> ByteSearch.contains(bytes, n));
        }
      }
    }
    assertTrue(controlFound, "the unencrypted control object is found in the storage directory, so the search works");
    assertTrue(storedBytes >= 3L * secret.length, "the encrypted copies are on disk (" + storedBytes + " bytes)");
    assertTrue(scanned.stream().anyMatch(p -> p.startsWith(data.resolve("metadata"))), "the metadata was scanned");
  }

  @Test
  void badEncryptionInputsAreClearS3Errors() {
    byte[] one = {1};
    assertError(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket("sse").key("bad").serverSideEncryption("AES128"),
        RequestBody.fromBytes(one)));
    assertError(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket("sse").key("bad").serverSideEncryption("aes256"),
        RequestBody.fromBytes(one)));
    assertError(501, "NotImplemented", () -> s3.putObject(b -> b.bucket("sse").key("bad")
        .serverSideEncryption(ServerSideEncryption.AWS_KMS), RequestBody.fromBytes(one)));
    assertError(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket("sse").key("bad").serverSideEncryption(AES256)
        .ssekmsKeyId("arn:aws:kms:us-east-1:111122223333:key/x"), RequestBody.fromBytes(one)));
    String customerKey = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    assertError(501, "NotImplemented", () -> s3.putObject(b -> b.bucket("sse").key("bad")
        .overrideConfiguration(o -> o.putHeader("x-amz-server-side-encryption-customer-algorithm", AES256)
            .putHeader("x-amz-server-side-encryption-customer-key", customerKey)), RequestBody.fromBytes(one)));
    assertError(400, "InvalidArgument", () -> s3.createMultipartUpload(b -> b.bucket("sse").key("bad")
        .serverSideEncryption("DES")));
    assertError(400, "InvalidArgument", () -> s3.copyObject(b -> b.sourceBucket("sse").sourceKey("plain")
        .destinationBucket("sse").destinationKey("bad").serverSideEncryption("DES")));
    assertFalse(s3.listObjectsV2(b -> b.bucket("sse").prefix("bad")).hasContents(), "nothing was stored");

    s3.putObject(b -> b.bucket("sse").key("read-me").serverSideEncryption(AES256), RequestBody.fromString("x"));
    assertError(400, "InvalidRequest", () -> s3.getObjectAsBytes(b -> b.bucket("sse").key("read-me")
        .overrideConfiguration(o -> o.putHeader("x-amz-server-side-encryption-customer-algorithm", AES256))));

    assertError(501, "NotImplemented", () -> s3.putBucketEncryption(b -> b.bucket("sse")
        .serverSideEncryptionConfiguration(c -> c.rules(ServerSideEncryptionRule.builder()
            .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)).build()))));
    assertError(404, "NoSuchBucket", () -> s3.getBucketEncryption(b -> b.bucket("no-such-sse-bucket")));
    assertRawError(400, "MalformedXML", "<ServerSideEncryptionConfiguration><Rule>");
    assertRawError(400, "MalformedXML", "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
        + "<SSEAlgorithm>AES128</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>"
        + "</ServerSideEncryptionConfiguration>");
    assertRawError(400, "MalformedXML", "<ServerSideEncryptionConfiguration/>");
    assertRawError(400, "InvalidArgument", "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
        + "<SSEAlgorithm>AES256</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault>"
        + "</Rule></ServerSideEncryptionConfiguration>");
    assertError(404, "ServerSideEncryptionConfigurationNotFoundError",
        () -> s3.getBucketEncryption(b -> b.bucket("sse")));
  }

  // ---- helpers ----

  private static void assertError(int status, String code, Runnable call) {
    S3Exception e = assertThrows(S3Exception.class, call::run);
    assertEquals(status, e.statusCode(), e.getMessage());
    assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
  }

  private static void assertRawError(int status, String code, String body) {
    HttpResponse<String> response = raw.send("PUT", "s3", "/sse?encryption", body.getBytes(StandardCharsets.UTF_8),
        Map.of("content-type", "application/xml"));
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
  }

  /** Distinctive text: numbered lines that all carry {@code label}. */
  private static byte[] canary(String label, int size) {
    StringBuilder text = new StringBuilder(size + 100);
    for (int line = 0; text.length() < size; line++) {
      text.append(label).append(" line ").append(String.format("%08d", line)).append('\n');
    }
    return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private static List<byte[]> needles(byte[] canary) {
    String text = new String(canary, StandardCharsets.US_ASCII);
    String[] lines = text.split("\n");
    return List.of(lines[0], lines[lines.length / 2], lines[lines.length - 2]).stream()
        .map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

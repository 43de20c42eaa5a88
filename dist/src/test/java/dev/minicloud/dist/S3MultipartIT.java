package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/** Multipart uploads with the AWS SDK for Java v2: by hand, and through S3TransferManager. */
class S3MultipartIT {

  private static final int MIB = 1024 * 1024;

  @TempDir
  static Path data;

  static InProcessPlatform platform;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    s3 = platform.s3();
    s3.createBucket(b -> b.bucket("multipart"));
  }

  @AfterAll
  static void stop() {
    s3.close();
    platform.close();
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void multipartByHandCompletesAsAManifestWithS3sEtag() throws Exception {
    String id = s3.createMultipartUpload(b -> b.bucket("multipart").key("big")).uploadId();
    byte[] one = random(5 * MIB, 1);
    byte[] two = random(1234, 2);
    UploadPartResponse p1 = s3.uploadPart(b -> b.bucket("multipart").key("big").uploadId(id).partNumber(1),
        RequestBody.fromBytes(one));
    UploadPartResponse p2 = s3.uploadPart(b -> b.bucket("multipart").key("big").uploadId(id).partNumber(2),
        RequestBody.fromBytes(two));
    assertEquals(2, s3.listParts(b -> b.bucket("multipart").key("big").uploadId(id)).parts().size());
    assertTrue(s3.listMultipartUploads(b -> b.bucket("multipart")).uploads().stream().anyMatch(u -> u.uploadId().equals(id)));

    var done = s3.completeMultipartUpload(b -> b.bucket("multipart").key("big").uploadId(id).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(p1.eTag()).checksumCRC32(p1.checksumCRC32()).build(),
        CompletedPart.builder().partNumber(2).eTag(p2.eTag()).checksumCRC32(p2.checksumCRC32()).build())));
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(MessageDigest.getInstance("MD5").digest(one));
    md5.update(MessageDigest.getInstance("MD5").digest(two));
    assertEquals("\"" + java.util.HexFormat.of().formatHex(md5.digest()) + "-2\"", done.eTag());

    byte[] whole = s3.getObjectAsBytes(b -> b.bucket("multipart").key("big")).asByteArray();
    byte[] expected = new byte[one.length + two.length];
    System.arraycopy(one, 0, expected, 0, one.length);
    System.arraycopy(two, 0, expected, one.length, two.length);
    assertArrayEquals(expected, whole);
    // A range across the part boundary reads from both parts' blobs.
    byte[] across = s3.getObjectAsBytes(b -> b.bucket("multipart").key("big").range("bytes=" + (5 * MIB - 10) + "-"
        + (5 * MIB + 9))).asByteArray();
    assertArrayEquals(java.util.Arrays.copyOfRange(expected, 5 * MIB - 10, 5 * MIB + 10), across);
    assertThrows(NoSuchUploadException.class, () -> s3.listParts(b -> b.bucket("multipart").key("big").uploadId(id)));
  }

  @Test
  void completionRejectsSmallPartsWrongOrderAndUnknownParts() {
    String id = s3.createMultipartUpload(b -> b.bucket("multipart").key("bad")).uploadId();
    UploadPartResponse p1 = s3.uploadPart(b -> b.bucket("multipart").key("bad").uploadId(id).partNumber(1),
        RequestBody.fromBytes(random(1024, 3)));
    UploadPartResponse p2 = s3.uploadPart(b -> b.bucket("multipart").key("bad").uploadId(id).partNumber(2),
        RequestBody.fromBytes(random(1024, 4)));
    S3Exception small = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket("multipart").key("bad")
        .uploadId(id).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(),
            CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build()))));
    assertEquals("EntityTooSmall", small.awsErrorDetails().errorCode());
    S3Exception order = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket("multipart").key("bad")
        .uploadId(id).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build(),
            CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build()))));
    assertEquals("InvalidPartOrder", order.awsErrorDetails().errorCode());
    S3Exception unknown = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket("multipart")
        .key("bad").uploadId(id).multipartUpload(m -> m.parts(
            CompletedPart.builder().partNumber(1).eTag("\"00000000000000000000000000000000\"").build()))));
    assertEquals("InvalidPart", unknown.awsErrorDetails().errorCode());

    s3.abortMultipartUpload(b -> b.bucket("multipart").key("bad").uploadId(id));
    assertThrows(NoSuchUploadException.class, () -> s3.listParts(b -> b.bucket("multipart").key("bad").uploadId(id)));
    S3Exception noObject = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("multipart").key("bad")));
    assertEquals(404, noObject.statusCode(), "nothing of an aborted upload is visible");
  }

  @Test
  void uploadPartCopyBuildsAPartFromARangeOfAnotherObject() {
    byte[] source = random(6 * MIB, 5);
    s3.putObject(b -> b.bucket("multipart").key("source"), RequestBody.fromBytes(source));
    String id = s3.createMultipartUpload(b -> b.bucket("multipart").key("copied")).uploadId();
    var c1 = s3.uploadPartCopy(b -> b.sourceBucket("multipart").sourceKey("source").destinationBucket("multipart")
        .destinationKey("copied").uploadId(id).partNumber(1).copySourceRange("bytes=0-" + (5 * MIB - 1)));
    var c2 = s3.uploadPartCopy(b -> b.sourceBucket("multipart").sourceKey("source").destinationBucket("multipart")
        .destinationKey("copied").uploadId(id).partNumber(2).copySourceRange("bytes=" + 5 * MIB + "-" + (6 * MIB - 1)));
    s3.completeMultipartUpload(b -> b.bucket("multipart").key("copied").uploadId(id).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(c1.copyPartResult().eTag()).build(),
        CompletedPart.builder().partNumber(2).eTag(c2.copyPartResult().eTag()).build())));
    assertArrayEquals(source, s3.getObjectAsBytes(b -> b.bucket("multipart").key("copied")).asByteArray());
  }

  @Test
  void transferManagerUploadsAndDownloadsInParts(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("twenty-mib.bin");
    Files.write(file, random(20 * MIB + 17, 6));
    try (S3AsyncClient async = S3AsyncClient.builder()
            .endpointOverride(URI.create(platform.endpoint()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .multipartEnabled(true)
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(platform.root.accessKeyId(), platform.root.secretKey())))
            .build();
        S3TransferManager tm = S3TransferManager.builder().s3Client(async).build()) {
      tm.uploadFile(u -> u.source(file).putObjectRequest(p -> p.bucket("multipart").key("tm/file.bin")))
          .completionFuture().join();
      Path back = tmp.resolve("back.bin");
      tm.downloadFile(d -> d.destination(back).getObjectRequest(g -> g.bucket("multipart").key("tm/file.bin")))
          .completionFuture().join();
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(back));
    }
    String etag = s3.headObject(b -> b.bucket("multipart").key("tm/file.bin")).eTag();
    assertTrue(etag.matches("\"[0-9a-f]{32}-\\d+\""), "a multipart ETag: " + etag);
    assertEquals(List.of("tm/file.bin"), s3.listObjectsV2(b -> b.bucket("multipart").prefix("tm/")).contents().stream()
        .map(o -> o.key()).toList());
  }
}

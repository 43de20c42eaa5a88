package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.sigv4.SigV4Signer;
import dev.minicloud.common.sigv4.SignableRequest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** CopyObject, DeleteObjects, tagging, conditional requests, presigned URLs and virtual-hosted addressing. */
class S3ObjectOpsIT {

  @TempDir
  static Path data;

  static InProcessPlatform platform;
  static S3Client s3;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    s3 = platform.s3();
    s3.createBucket(b -> b.bucket("ops"));
  }

  @AfterAll
  static void stop() {
    s3.close();
    platform.close();
  }

  @Test
  void copyObjectCopiesOrReplacesMetadataAndRefusesAPointlessSelfCopy() {
    s3.putObject(b -> b.bucket("ops").key("orig").contentType("text/plain").metadata(Map.of("a", "1")),
        RequestBody.fromString("copy me"));
    s3.copyObject(b -> b.sourceBucket("ops").sourceKey("orig").destinationBucket("ops").destinationKey("copy"));
    var copy = s3.getObjectAsBytes(b -> b.bucket("ops").key("copy"));
    assertEquals("copy me", copy.asUtf8String());
    assertEquals("1", copy.response().metadata().get("a"));
    assertEquals("text/plain", copy.response().contentType());

    s3.copyObject(b -> b.sourceBucket("ops").sourceKey("orig").destinationBucket("ops").destinationKey("orig")
        .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("b", "2")).contentType("text/csv"));
    var replaced = s3.headObject(b -> b.bucket("ops").key("orig"));
    assertEquals(Map.of("b", "2"), replaced.metadata());
    assertEquals("text/csv", replaced.contentType());
    assertEquals("copy me", s3.getObjectAsBytes(b -> b.bucket("ops").key("orig")).asUtf8String());

    S3Exception self = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket("ops")
        .sourceKey("orig").destinationBucket("ops").destinationKey("orig")));
    assertEquals("InvalidRequest", self.awsErrorDetails().errorCode());
    S3Exception missing = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket("ops")
        .sourceKey("nope").destinationBucket("ops").destinationKey("x")));
    assertEquals("NoSuchKey", missing.awsErrorDetails().errorCode());
    S3Exception condition = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket("ops")
        .sourceKey("orig").destinationBucket("ops").destinationKey("y").copySourceIfMatch("\"nomatch\"")));
    assertEquals(412, condition.statusCode());
  }

  @Test
  void storageClassesAreKeptReportedChangedByACopyOntoItselfAndRestorable() {
    s3.putObject(b -> b.bucket("ops").key("sc/ia").storageClass(StorageClass.STANDARD_IA), RequestBody.fromString("i"));
    s3.putObject(b -> b.bucket("ops").key("sc/std"), RequestBody.fromString("s"));
    assertEquals(StorageClass.STANDARD_IA, s3.headObject(b -> b.bucket("ops").key("sc/ia")).storageClass());
    assertEquals(null, s3.headObject(b -> b.bucket("ops").key("sc/std")).storageClass(), "S3 sends no header for STANDARD");
    assertEquals(Map.of("sc/ia", "STANDARD_IA", "sc/std", "STANDARD"), s3.listObjectsV2(b -> b.bucket("ops").prefix("sc/"))
        .contents().stream().collect(java.util.stream.Collectors.toMap(S3Object::key, S3Object::storageClassAsString)));

    // What `rclone settier` and `aws s3 cp --storage-class` do: a copy onto itself with another class.
    s3.copyObject(b -> b.sourceBucket("ops").sourceKey("sc/std").destinationBucket("ops").destinationKey("sc/std")
        .storageClass(StorageClass.GLACIER));
    var glacier = s3.getObjectAsBytes(b -> b.bucket("ops").key("sc/std"));
    assertEquals("GLACIER", glacier.response().storageClassAsString());
    assertEquals("s", glacier.asUtf8String(), "no archive tier: the object reads at once");
    // RestoreObject: an archived object is always "already restored" (200); other classes cannot be restored.
    assertEquals(200, s3.restoreObject(b -> b.bucket("ops").key("sc/std").restoreRequest(r -> r.days(2)))
        .sdkHttpResponse().statusCode());
    S3Exception notArchived = assertThrows(S3Exception.class, () -> s3.restoreObject(b -> b.bucket("ops")
        .key("sc/ia").restoreRequest(r -> r.days(2))));
    assertEquals(403, notArchived.statusCode());
    assertEquals("InvalidObjectState", notArchived.awsErrorDetails().errorCode());
    assertEquals("NoSuchKey", assertThrows(S3Exception.class, () -> s3.restoreObject(b -> b.bucket("ops")
        .key("sc/none").restoreRequest(r -> r.days(2)))).awsErrorDetails().errorCode());
    S3Exception same = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket("ops")
        .sourceKey("sc/std").destinationBucket("ops").destinationKey("sc/std").storageClass(StorageClass.GLACIER)));
    assertEquals("InvalidRequest", same.awsErrorDetails().errorCode());
    // A copy elsewhere takes the request's class, STANDARD without one, as on S3.
    s3.copyObject(b -> b.sourceBucket("ops").sourceKey("sc/ia").destinationBucket("ops").destinationKey("sc/copy"));
    assertEquals(null, s3.headObject(b -> b.bucket("ops").key("sc/copy")).storageClass());

    var upload = s3.createMultipartUpload(b -> b.bucket("ops").key("sc/mp").storageClass(StorageClass.ONEZONE_IA));
    assertEquals("ONEZONE_IA", s3.listMultipartUploads(b -> b.bucket("ops").prefix("sc/")).uploads().get(0)
        .storageClassAsString());
    var part = s3.uploadPart(b -> b.bucket("ops").key("sc/mp").uploadId(upload.uploadId()).partNumber(1),
        RequestBody.fromString("m"));
    s3.completeMultipartUpload(b -> b.bucket("ops").key("sc/mp").uploadId(upload.uploadId())
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())));
    assertEquals(StorageClass.ONEZONE_IA, s3.headObject(b -> b.bucket("ops").key("sc/mp")).storageClass());

    S3Exception invalid = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket("ops").key("sc/bad")
        .storageClass("COLD_STORAGE"), RequestBody.fromString("x")));
    assertEquals(400, invalid.statusCode());
    assertEquals("InvalidStorageClass", invalid.awsErrorDetails().errorCode());
    assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("ops").key("sc/bad")));
  }

  @Test
  void configurationsThatCannotBeSetReadAsNeverConfigured() {
    Map<String, Runnable> notFound = new java.util.LinkedHashMap<>();
    notFound.put("NoSuchCORSConfiguration", () -> s3.getBucketCors(b -> b.bucket("ops")));
    notFound.put("NoSuchLifecycleConfiguration", () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("ops")));
    notFound.put("NoSuchWebsiteConfiguration", () -> s3.getBucketWebsite(b -> b.bucket("ops")));
    notFound.put("ReplicationConfigurationNotFoundError", () -> s3.getBucketReplication(b -> b.bucket("ops")));
    notFound.put("ObjectLockConfigurationNotFoundError", () -> s3.getObjectLockConfiguration(b -> b.bucket("ops")));
    notFound.put("NoSuchPublicAccessBlockConfiguration", () -> s3.getPublicAccessBlock(b -> b.bucket("ops")));
    notFound.put("OwnershipControlsNotFoundError", () -> s3.getBucketOwnershipControls(b -> b.bucket("ops")));
    notFound.forEach((code, call) -> {
      S3Exception e = assertThrows(S3Exception.class, call::run, code);
      assertEquals(404, e.statusCode(), code);
      assertEquals(code, e.awsErrorDetails().errorCode());
    });
    assertEquals(null, s3.getBucketAccelerateConfiguration(b -> b.bucket("ops")).status());
    assertEquals("BucketOwner", s3.getBucketRequestPayment(b -> b.bucket("ops")).payerAsString());
    assertEquals(null, s3.getBucketLogging(b -> b.bucket("ops")).loggingEnabled());
    var notifications = s3.getBucketNotificationConfiguration(b -> b.bucket("ops"));
    assertTrue(notifications.queueConfigurations().isEmpty() && notifications.topicConfigurations().isEmpty()
        && notifications.lambdaFunctionConfigurations().isEmpty());

    // Deleting one that cannot exist is S3's 204 for a bucket without it.
    assertEquals(204, s3.deleteBucketCors(b -> b.bucket("ops")).sdkHttpResponse().statusCode());
    assertEquals(204, s3.deleteBucketLifecycle(b -> b.bucket("ops")).sdkHttpResponse().statusCode());
    assertEquals(204, s3.deleteBucketWebsite(b -> b.bucket("ops")).sdkHttpResponse().statusCode());
    assertEquals(204, s3.deleteBucketReplication(b -> b.bucket("ops")).sdkHttpResponse().statusCode());
    assertEquals(204, s3.deletePublicAccessBlock(b -> b.bucket("ops")).sdkHttpResponse().statusCode());
    assertEquals(204, s3.deleteBucketOwnershipControls(b -> b.bucket("ops")).sdkHttpResponse().statusCode());

    assertEquals("NoSuchBucket", assertThrows(S3Exception.class, () -> s3.getBucketCors(b -> b.bucket("no-such-ops")))
        .awsErrorDetails().errorCode());
    assertEquals("NoSuchBucket", assertThrows(S3Exception.class, () -> s3.deleteBucketCors(b -> b.bucket("no-such-ops")))
        .awsErrorDetails().errorCode());
    S3Exception put = assertThrows(S3Exception.class, () -> s3.putBucketCors(b -> b.bucket("ops")
        .corsConfiguration(c -> c.corsRules(software.amazon.awssdk.services.s3.model.CORSRule.builder()
            .allowedMethods("GET").allowedOrigins("*").build()))));
    assertEquals(501, put.statusCode(), "setting one is still NotImplemented");
  }

  @Test
  void getObjectAttributesAnswersWhatIsAskedAndPagesParts() {
    s3.putObject(b -> b.bucket("ops").key("attr/one").checksumAlgorithm(ChecksumAlgorithm.CRC32),
        RequestBody.fromString("attributes"));
    var head = s3.headObject(b -> b.bucket("ops").key("attr/one").checksumMode(ChecksumMode.ENABLED));
    var all = s3.getObjectAttributes(b -> b.bucket("ops").key("attr/one").objectAttributes(ObjectAttributes.E_TAG,
        ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_PARTS, ObjectAttributes.STORAGE_CLASS,
        ObjectAttributes.OBJECT_SIZE));
    assertEquals(head.eTag().replace("\"", ""), all.eTag());
    assertEquals(head.checksumCRC32(), all.checksum().checksumCRC32());
    assertEquals(10L, all.objectSize());
    assertEquals("STANDARD", all.storageClassAsString());
    assertEquals(null, all.objectParts(), "a single PUT has no parts");
    assertEquals(head.lastModified(), all.lastModified());
    var sizeOnly = s3.getObjectAttributes(b -> b.bucket("ops").key("attr/one").objectAttributes(ObjectAttributes.OBJECT_SIZE));
    assertEquals(null, sizeOnly.eTag());
    assertEquals(10L, sizeOnly.objectSize());

    var upload = s3.createMultipartUpload(b -> b.bucket("ops").key("attr/mp"));
    byte[] five = new byte[5 << 20];
    var p1 = s3.uploadPart(b -> b.bucket("ops").key("attr/mp").uploadId(upload.uploadId()).partNumber(1),
        RequestBody.fromBytes(five));
    var p2 = s3.uploadPart(b -> b.bucket("ops").key("attr/mp").uploadId(upload.uploadId()).partNumber(2),
        RequestBody.fromString("x"));
    s3.completeMultipartUpload(b -> b.bucket("ops").key("attr/mp").uploadId(upload.uploadId())
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(),
            CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build())));
    var first = s3.getObjectAttributes(b -> b.bucket("ops").key("attr/mp").objectAttributes(ObjectAttributes.OBJECT_PARTS)
        .maxParts(1)).objectParts();
    assertEquals(2, first.totalPartsCount());
    assertEquals(true, first.isTruncated());
    assertEquals(1, first.nextPartNumberMarker());
    assertEquals(List.of(5L << 20), first.parts().stream().map(ObjectPart::size).toList());
    var second = s3.getObjectAttributes(b -> b.bucket("ops").key("attr/mp").objectAttributes(ObjectAttributes.OBJECT_PARTS)
        .maxParts(1).partNumberMarker(1)).objectParts();
    assertEquals(false, second.isTruncated());
    assertEquals(2, second.parts().get(0).partNumber());
    assertEquals(1L, second.parts().get(0).size());

    S3Exception bogus = assertThrows(S3Exception.class, () -> s3.getObjectAttributes(b -> b.bucket("ops")
        .key("attr/one").objectAttributesWithStrings("Bogus")));
    assertEquals("InvalidArgument", bogus.awsErrorDetails().errorCode());
    assertEquals("NoSuchKey", assertThrows(S3Exception.class, () -> s3.getObjectAttributes(b -> b.bucket("ops")
        .key("attr/none").objectAttributes(ObjectAttributes.E_TAG))).awsErrorDetails().errorCode());
  }

  @Test
  void versioningCanBeSuspendedButNotEnabled() {
    s3.createBucket(b -> b.bucket("ops-versioning"));
    assertEquals(null, s3.getBucketVersioning(b -> b.bucket("ops-versioning")).status(), "never configured");
    s3.putBucketVersioning(b -> b.bucket("ops-versioning")
        .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    assertEquals(BucketVersioningStatus.SUSPENDED, s3.getBucketVersioning(b -> b.bucket("ops-versioning")).status());
    S3Exception enable = assertThrows(S3Exception.class, () -> s3.putBucketVersioning(b -> b.bucket("ops-versioning")
        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))));
    assertEquals(501, enable.statusCode());
    assertEquals(BucketVersioningStatus.SUSPENDED, s3.getBucketVersioning(b -> b.bucket("ops-versioning")).status());
    // A suspended bucket's objects are single versions with id null, as in every bucket here.
    s3.putObject(b -> b.bucket("ops-versioning").key("v"), RequestBody.fromString("1"));
    s3.putObject(b -> b.bucket("ops-versioning").key("v"), RequestBody.fromString("2"));
    var versions = s3.listObjectVersions(b -> b.bucket("ops-versioning")).versions();
    assertEquals(1, versions.size());
    assertEquals("null", versions.get(0).versionId());
    s3.deleteObject(b -> b.bucket("ops-versioning").key("v"));
    s3.deleteBucket(b -> b.bucket("ops-versioning"));
  }

  @Test
  void deleteObjectsReportsEachKey() {
    for (String key : List.of("d1", "d2")) {
      s3.putObject(b -> b.bucket("ops").key(key), RequestBody.fromString(key));
    }
    var result = s3.deleteObjects(b -> b.bucket("ops").delete(Delete.builder().objects(
        ObjectIdentifier.builder().key("d1").build(), ObjectIdentifier.builder().key("d2").build(),
        ObjectIdentifier.builder().key("never-existed").build()).build()));
    assertEquals(3, result.deleted().size());
    assertTrue(result.errors().isEmpty());
    assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("ops").key("d1")));
  }

  @Test
  void objectAndBucketTagging() {
    s3.putObject(b -> b.bucket("ops").key("tagged").tagging("team=blue&env=test"), RequestBody.fromString("t"));
    assertEquals(2, s3.getObjectTagging(b -> b.bucket("ops").key("tagged")).tagSet().size());
    s3.putObjectTagging(b -> b.bucket("ops").key("tagged").tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build())));
    assertEquals(List.of("k"), s3.getObjectTagging(b -> b.bucket("ops").key("tagged")).tagSet().stream()
        .map(Tag::key).toList());
    s3.deleteObjectTagging(b -> b.bucket("ops").key("tagged"));
    assertTrue(s3.getObjectTagging(b -> b.bucket("ops").key("tagged")).tagSet().isEmpty());

    S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketTagging(b -> b.bucket("ops")));
    assertEquals("NoSuchTagSet", none.awsErrorDetails().errorCode());
    s3.putBucketTagging(b -> b.bucket("ops").tagging(t -> t.tagSet(Tag.builder().key("cost").value("lab").build())));
    assertEquals("lab", s3.getBucketTagging(b -> b.bucket("ops")).tagSet().get(0).value());
  }

  @Test
  void conditionalGetsAnswer304And412() {
    String etag = s3.putObject(b -> b.bucket("ops").key("cond"), RequestBody.fromString("c")).eTag();
    S3Exception notModified = assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket("ops").key("cond")
        .ifNoneMatch(etag)));
    assertEquals(304, notModified.statusCode());
    S3Exception failed = assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket("ops").key("cond")
        .ifMatch("\"other\"")));
    assertEquals(412, failed.statusCode());
    assertEquals("c", s3.getObjectAsBytes(b -> b.bucket("ops").key("cond").ifMatch(etag)).asUtf8String());
  }

  @Test
  void aWrongContentMd5IsBadDigestAndNothingIsStored() throws Exception {
    S3Exception bad = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket("ops").key("md5")
        .contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.fromString("not empty")));
    assertEquals("BadDigest", bad.awsErrorDetails().errorCode());
    assertEquals(404, assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("ops").key("md5"))).statusCode());
  }

  @Test
  void presignedGetAndPutWorkAndExpiredOnesAreDenied() throws Exception {
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(platform.endpoint()))
        .region(Region.US_EAST_1)
        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(platform.root.accessKeyId(),
            platform.root.secretKey())))
        .build()) {
      var put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .putObjectRequest(r -> r.bucket("ops").key("presigned")));
      HttpResponse<String> stored = http.send(HttpRequest.newBuilder(put.url().toURI())
          .PUT(HttpRequest.BodyPublishers.ofString("via presign")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, stored.statusCode(), stored.body());
      var get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(r -> r.bucket("ops").key("presigned")));
      HttpResponse<String> read = http.send(HttpRequest.newBuilder(get.url().toURI()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("via presign", read.body());
    }
    // Signed two hours ago for one hour: expired.
    String query = new SigV4Signer(platform.root, "us-east-1", "s3").presign(
        SignableRequest.builder("GET").uri(URI.create(platform.endpoint() + "/ops/presigned")).build(),
        Duration.ofHours(1), Instant.now().minus(Duration.ofHours(2)));
    HttpResponse<String> expired = http.send(HttpRequest.newBuilder(URI.create(platform.endpoint()
        + "/ops/presigned?" + query)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, expired.statusCode());
    assertTrue(expired.body().contains("<Code>AccessDenied</Code>") && expired.body().contains("Request has expired"),
        expired.body());
  }

  @Test
  void virtualHostedStyleAddressesTheBucketByHostName() throws Exception {
    s3.putObject(b -> b.bucket("ops").key("vhost/key.txt"), RequestBody.fromString("hosted"));
    URI endpoint = URI.create(platform.endpoint());
    String host = "ops.localhost:" + endpoint.getPort();
    SignableRequest request = SignableRequest.builder("GET").uri(URI.create("http://" + host + "/vhost/key.txt")).build();
    var signed = new SigV4Signer(platform.root, "us-east-1", "s3").sign(request, new byte[0], Instant.now());
    // The JDK client will not send a Host other than the URI's, and *.localhost may not resolve here:
    // speak HTTP/1.1 over a socket to 127.0.0.1 with the virtual host's name.
    try (Socket socket = new Socket("127.0.0.1", endpoint.getPort())) {
      StringBuilder head = new StringBuilder("GET /vhost/key.txt HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
      signed.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      try (InputStream in = socket.getInputStream()) {
        in.transferTo(response);
      }
      String text = response.toString(StandardCharsets.UTF_8);
      assertTrue(text.startsWith("HTTP/1.1 200"), text);
      assertTrue(text.endsWith("hosted"), text);
    }
  }
}

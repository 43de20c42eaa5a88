package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.RetryPolicy;
import dev.minicloud.sdk.admin.NodeInfo;
import dev.minicloud.sdk.storage.DeleteObjectsResult;
import dev.minicloud.sdk.storage.GetOptions;
import dev.minicloud.sdk.storage.ListOptions;
import dev.minicloud.sdk.storage.ObjectContent;
import dev.minicloud.sdk.storage.ObjectListing;
import dev.minicloud.sdk.storage.ObjectMetadata;
import dev.minicloud.sdk.storage.ObjectSummary;
import dev.minicloud.sdk.storage.PutOptions;
import dev.minicloud.sdk.storage.PutResult;
import dev.minicloud.sdk.storage.TransferListener;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The MiniCloud Java SDK's storage client end to end against the real platform on loopback. */
class SdkStorageIT {

  private static final int MIB = 1024 * 1024;

  @TempDir
  static Path data;

  @TempDir
  static Path work;

  static InProcessPlatform platform;
  static MiniCloudClient client;

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    client = clientBuilder().build();
  }

  @AfterAll
  static void stop() {
    client.close();
    platform.close();
  }

  static MiniCloudClient.Builder clientBuilder() {
    return MiniCloudClient.builder()
        .endpoint(platform.endpoint())
        .credentials(platform.root.accessKeyId(), platform.root.secretKey())
        .profileFile(work.resolve("no-such-config"));
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void bucketLifecycleAndTypedErrors() {
    var s3 = client.storage();
    s3.createBucket("sdk-life");
    s3.headBucket("sdk-life");
    assertTrue(s3.bucketExists("sdk-life"));
    assertTrue(s3.listBuckets().stream().anyMatch(b -> b.name().equals("sdk-life") && b.creationDate() != null));
    MiniCloudException owned = assertThrows(MiniCloudException.class, () -> s3.createBucket("sdk-life"));
    assertEquals("BucketAlreadyOwnedByYou", owned.code());
    assertEquals(409, owned.statusCode());
    assertNotNull(owned.requestId());

    s3.putObject("sdk-life", "k", "x".getBytes(StandardCharsets.UTF_8));
    MiniCloudException notEmpty = assertThrows(MiniCloudException.class, () -> s3.deleteBucket("sdk-life"));
    assertEquals("BucketNotEmpty", notEmpty.code());

    MiniCloudException noKey = assertThrows(MiniCloudException.class, () -> s3.getObjectBytes("sdk-life", "absent"));
    assertEquals("NoSuchKey", noKey.code());
    assertEquals(404, noKey.statusCode());
    assertNotNull(noKey.requestId());
    assertFalse(noKey.retriable());
    assertEquals("NoSuchKey", assertThrows(MiniCloudException.class, () -> s3.headObject("sdk-life", "absent")).code());
    assertFalse(s3.objectExists("sdk-life", "absent"));

    s3.deleteObject("sdk-life", "k");
    s3.deleteBucket("sdk-life");
    assertFalse(s3.bucketExists("sdk-life"));
    MiniCloudException noBucket = assertThrows(MiniCloudException.class, () -> s3.getObjectBytes("sdk-life", "k"));
    assertEquals("NoSuchBucket", noBucket.code());
    assertEquals("NoSuchBucket", assertThrows(MiniCloudException.class,
        () -> s3.listObjects("sdk-life", "").count()).code());
  }

  @Test
  void putGetHeadCopyAndRangedGet() throws Exception {
    var s3 = client.storage();
    s3.createBucket("sdk-objects");
    byte[] body = random(100_000, 1);
    PutResult put = s3.putObject("sdk-objects", "dir/a b+c.bin", body,
        new PutOptions().contentType("application/x-test").metadata("colour", "blue"));
    assertEquals(0, put.parts());

    ObjectMetadata head = s3.headObject("sdk-objects", "dir/a b+c.bin");
    assertEquals(100_000, head.contentLength());
    assertEquals("application/x-test", head.contentType());
    assertEquals("blue", head.userMetadata().get("colour"));
    assertEquals(put.etag(), head.etag());
    assertNotNull(head.lastModified());

    assertArrayEquals(body, s3.getObjectBytes("sdk-objects", "dir/a b+c.bin"));
    try (ObjectContent in = s3.getObject("sdk-objects", "dir/a b+c.bin", new GetOptions().range(10, 19))) {
      assertArrayEquals(Arrays.copyOfRange(body, 10, 20), in.readAllBytes());
      assertEquals(10, in.metadata().contentLength());
      assertEquals(100_000, in.metadata().objectSize());
    }
    assertArrayEquals(Arrays.copyOfRange(body, 99_990, 100_000),
        s3.getObjectBytes("sdk-objects", "dir/a b+c.bin", new GetOptions().rangeFrom(99_990)));

    // Streams of known length, and a download to a file.
    s3.putObject("sdk-objects", "stream", new ByteArrayInputStream(body), body.length, new PutOptions());
    Path file = work.resolve("downloaded");
    s3.getObject("sdk-objects", "stream", file);
    assertArrayEquals(body, Files.readAllBytes(file));

    String copyEtag = s3.copyObject("sdk-objects", "dir/a b+c.bin", "sdk-objects", "copy");
    assertEquals(put.etag(), copyEtag);
    assertArrayEquals(body, s3.getObjectBytes("sdk-objects", "copy"));
  }

  @Test
  void multipartFileUploadInParallelParts() throws Exception {
    var s3 = client.storage();
    s3.createBucket("sdk-multipart");
    byte[] body = random(20 * MIB + 123, 2);
    Path file = work.resolve("big.bin");
    Files.write(file, body);
    AtomicLong progressed = new AtomicLong();
    AtomicLong announced = new AtomicLong();
    PutResult result = s3.putObject("sdk-multipart", "big.bin", file, new PutOptions().listener(new TransferListener() {
      @Override
      public void started(long totalBytes) {
        announced.set(totalBytes);
      }

      @Override
      public void transferred(long bytes) {
        progressed.addAndGet(bytes);
      }
    }));
    assertEquals(3, result.parts()); // 8 + 8 + 4 MiB
    assertTrue(result.etag().endsWith("-3"), result.etag());
    assertEquals(body.length, announced.get());
    assertEquals(body.length, progressed.get());

    Path back = work.resolve("big.back");
    ObjectMetadata m = s3.getObject("sdk-multipart", "big.bin", back, new GetOptions());
    assertEquals(body.length, m.contentLength());
    assertEquals(sha256(body), sha256(Files.readAllBytes(back)));
    // A range across a part boundary.
    assertArrayEquals(Arrays.copyOfRange(body, 8 * MIB - 5, 8 * MIB + 5),
        s3.getObjectBytes("sdk-multipart", "big.bin", new GetOptions().range(8 * MIB - 5, 8 * MIB + 4)));
  }

  @Test
  void streamOfUnknownLengthGoesMultipart() throws Exception {
    var s3 = client.storage();
    s3.createBucket("sdk-stream");
    byte[] body = random(11 * MIB, 3);
    PutResult result = s3.putObject("sdk-stream", "s", new ByteArrayInputStream(body), -1,
        new PutOptions().partSize(5 * MIB).parallelism(2));
    assertEquals(3, result.parts());
    assertEquals(sha256(body), sha256(s3.getObjectBytes("sdk-stream", "s")));

    byte[] small = random(1000, 4); // shorter than a part: one PUT
    assertEquals(0, s3.putObject("sdk-stream", "small", new ByteArrayInputStream(small), -1, new PutOptions()).parts());
    assertArrayEquals(small, s3.getObjectBytes("sdk-stream", "small"));
  }

  @Test
  void resumesAnUploadSkippingPartsTheServerHas() throws Exception {
    var s3 = client.storage();
    s3.createBucket("sdk-resume");
    byte[] body = random(17 * MIB, 5);
    Path file = work.resolve("resume.bin");
    Files.write(file, body);

    // An upload left half-done by another client: part 1 correct, part 2 with the wrong bytes.
    String uploadId;
    try (S3Client aws = platform.s3()) {
      uploadId = aws.createMultipartUpload(b -> b.bucket("sdk-resume").key("r")).uploadId();
      aws.uploadPart(b -> b.bucket("sdk-resume").key("r").uploadId(uploadId).partNumber(1),
          RequestBody.fromBytes(Arrays.copyOfRange(body, 0, 8 * MIB)));
      aws.uploadPart(b -> b.bucket("sdk-resume").key("r").uploadId(uploadId).partNumber(2),
          RequestBody.fromBytes(random(8 * MIB, 99)));
    }
    List<String> log = new CopyOnWriteArrayList<>();
    try (MiniCloudClient logged = clientBuilder().debugLog(log::add).build()) {
      PutResult result = logged.storage().putObject("sdk-resume", "r", file, new PutOptions().resumeUploadId(uploadId));
      assertEquals(uploadId, result.uploadId());
      assertEquals(3, result.parts());
    }
    List<String> partPuts = log.stream().filter(l -> l.startsWith("PUT ") && l.contains("partNumber="))
        .map(l -> l.replaceAll(".*partNumber=(\\d+).*", "$1")).sorted().collect(Collectors.toList());
    assertEquals(List.of("2", "3"), partPuts, "only the wrong and the missing part are sent: " + log);
    assertEquals(sha256(body), sha256(s3.getObjectBytes("sdk-resume", "r")));
  }

  @Test
  void stateFileResumesAfterAFailure() throws Exception {
    var s3 = client.storage();
    s3.createBucket("sdk-state");
    byte[] body = random(18 * MIB, 6);
    Path file = work.resolve("state.bin");
    Files.write(file, body);
    Path state = work.resolve("upload.state");

    // The connection "breaks" once 17 MiB are sent: parts 1 and 2 (sent one at a time) are in.
    AtomicLong sent = new AtomicLong();
    try (MiniCloudClient failing = clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
      PutOptions options = new PutOptions().parallelism(1).stateFile(state).listener(bytes -> {
        if (sent.addAndGet(bytes) > 17 * MIB) {
          throw new UncheckedIOException(new java.io.IOException("cable pulled"));
        }
      });
      assertThrows(RuntimeException.class, () -> failing.storage().putObject("sdk-state", "s", file, options));
    }
    assertTrue(Files.isRegularFile(state));
    String uploadId = Files.readAllLines(state).stream().filter(l -> l.startsWith("uploadId="))
        .map(l -> l.substring("uploadId=".length())).findFirst().orElseThrow();

    List<String> log = new CopyOnWriteArrayList<>();
    try (MiniCloudClient logged = clientBuilder().debugLog(log::add).build()) {
      PutResult result = logged.storage().putObject("sdk-state", "s", file, new PutOptions().stateFile(state));
      assertEquals(uploadId, result.uploadId());
    }
    assertEquals(1, log.stream().filter(l -> l.startsWith("PUT ") && l.contains("partNumber=")).count(), log.toString());
    assertFalse(Files.exists(state), "the state file is removed once the upload completes");
    assertEquals(sha256(body), sha256(s3.getObjectBytes("sdk-state", "s")));
  }

  @Test
  void listingIsLazyAndPagedOverMoreThanAThousandKeys() throws Exception {
    var s3 = client.storage();
    s3.createBucket("sdk-list");
    List<String> keys = IntStream.range(0, 1001).mapToObj(i -> String.format("k/%05d", i)).collect(Collectors.toList());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (String key : keys) {
        puts.add(pool.submit(() -> s3.putObject("sdk-list", key, new byte[] {1})));
      }
      for (Future<?> f : puts) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    s3.putObject("sdk-list", "top.txt", new byte[] {2});
    s3.putObject("sdk-list", "other/x", new byte[] {3});

    List<String> listed = new ArrayList<>();
    int pages = 0;
    for (ObjectListing page : s3.listObjectPages("sdk-list", new ListOptions().prefix("k/").pageSize(100))) {
      pages++;
      page.objects().forEach(o -> listed.add(o.key()));
    }
    assertEquals(11, pages);
    assertEquals(keys, listed);

    // Lazy: taking three keys costs one small page, not the whole listing.
    List<String> log = new CopyOnWriteArrayList<>();
    try (MiniCloudClient logged = clientBuilder().debugLog(log::add).build()) {
      List<String> first = logged.storage().listObjects("sdk-list", new ListOptions().pageSize(10))
          .limit(3).map(ObjectSummary::key).collect(Collectors.toList());
      assertEquals(keys.subList(0, 3), first);
    }
    assertEquals(1, log.stream().filter(l -> l.startsWith("GET /sdk-list")).count(), log.toString());

    ObjectListing top = s3.listObjectPages("sdk-list", new ListOptions().delimiter("/")).iterator().next();
    assertEquals(List.of("k/", "other/"), top.commonPrefixes());
    assertEquals(List.of("top.txt"), top.objects().stream().map(ObjectSummary::key).collect(Collectors.toList()));

    DeleteObjectsResult deleted = s3.deleteObjects("sdk-list", keys); // two requests of <= 1000
    assertEquals(1001, deleted.deleted().size());
    assertTrue(deleted.errors().isEmpty());
    assertEquals(2, s3.listObjects("sdk-list", "").count());
  }

  @Test
  void presignedUrlsWorkWithAPlainHttpClient() throws Exception {
    var s3 = client.storage();
    s3.createBucket("sdk-presign");
    s3.putObject("sdk-presign", "p/file.txt", "presigned!".getBytes(StandardCharsets.UTF_8));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    URI get = s3.presignGetObject("sdk-presign", "p/file.txt", Duration.ofMinutes(5));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("presigned!", r.body());

    URI put = s3.presignPutObject("sdk-presign", "p/uploaded.txt", Duration.ofMinutes(5));
    HttpResponse<String> p = http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("via url"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, p.statusCode(), p.body());
    assertEquals("via url", new String(s3.getObjectBytes("sdk-presign", "p/uploaded.txt"), StandardCharsets.UTF_8));

    // Signed with a clock two hours back, valid for one hour: already expired.
    try (MiniCloudClient past = clientBuilder().clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-2))).build()) {
      URI expired = past.storage().presignGetObject("sdk-presign", "p/file.txt", Duration.ofHours(1));
      HttpResponse<String> e = http.send(HttpRequest.newBuilder(expired).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, e.statusCode());
      assertTrue(e.body().contains("<Code>AccessDenied</Code>"), e.body());
    }
  }

  @Test
  void signingClockAndCredentialsErrorsAreTyped() {
    try (MiniCloudClient skewed = clientBuilder().clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(1))).build()) {
      MiniCloudException e = assertThrows(MiniCloudException.class, () -> skewed.storage().listBuckets());
      assertEquals("RequestTimeTooSkewed", e.code());
      assertEquals(403, e.statusCode());
    }
    try (MiniCloudClient wrong = clientBuilder().credentials(platform.root.accessKeyId(), "wrong-secret").build()) {
      assertEquals("SignatureDoesNotMatch",
          assertThrows(MiniCloudException.class, () -> wrong.storage().listBuckets()).code());
    }
    try (MiniCloudClient refused = clientBuilder().endpoint("http://127.0.0.1:1")
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5))).build()) {
      MiniCloudException e = assertThrows(MiniCloudException.class, () -> refused.storage().listBuckets());
      assertInstanceOf(dev.minicloud.sdk.RetriableException.class, e);
      assertEquals(MiniCloudException.CLIENT_ERROR, e.code());
    }
  }

  @Test
  void adminNodesAndWhoami() {
    List<NodeInfo> nodes = client.admin().nodes();
    assertTrue(nodes.stream().anyMatch(n -> n.kind().equalsIgnoreCase("storage") && n.state().equalsIgnoreCase("up")),
        nodes.toString());
    // The JSON-call machinery the compute/iam/billing clients build on: errors from the JSON model.
    var http = new dev.minicloud.sdk.internal.HttpExecutor(URI.create(platform.endpoint()), "us-east-1", platform.root,
        Clock.systemUTC(), RetryPolicy.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(30), null, null);
    MiniCloudException notFound = assertThrows(MiniCloudException.class, () ->
        new dev.minicloud.sdk.internal.JsonCalls(http).call("GET", "admin", "/admin/v1/no-such-resource", "", null,
            java.util.Map.class));
    assertEquals("NotFound", notFound.code());
    assertEquals(404, notFound.statusCode());
    assertNotNull(notFound.requestId());

    var me = client.whoami();
    assertNotNull(me.account());
    assertTrue(me.arn().endsWith(":root"), me.arn());
  }
}

package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.controlplane.storage.gc.BlobCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The background collector deletes blobs that no metadata refers to (what a crash between the
 * bytes' fsync and the metadata commit leaves behind), and nothing else: not an object's bytes,
 * not the parts of an upload still open, not a blob younger than the grace period.
 */
class GarbageCollectionIT {

  @TempDir
  Path data;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void deletesOnlyUnreferencedBlobsOlderThanTheGracePeriod() throws Exception {
    try (InProcessPlatform platform = new InProcessPlatform(data); S3Client s3 = platform.s3()) {
      s3.createBucket(b -> b.bucket("gc-test"));
      byte[] kept = "bytes an object refers to".getBytes(StandardCharsets.UTF_8);
      s3.putObject(b -> b.bucket("gc-test").key("kept"), RequestBody.fromBytes(kept));
      String uploadId = s3.createMultipartUpload(b -> b.bucket("gc-test").key("open-upload")).uploadId();
      String partEtag = s3.uploadPart(b -> b.bucket("gc-test").key("open-upload").uploadId(uploadId).partNumber(1),
          RequestBody.fromString("a part of an upload still open")).eTag();
      String orphan = "orphan-left-by-a-crash";
      assertEquals(201, putBlob(platform, orphan, "bytes nobody refers to"));

      BlobCollector collector = platform.controlPlane.blobCollector();
      // Within the grace period nothing is touched: the orphan could be an upload in flight.
      BlobCollector.Result young = await(collector.collect(Duration.ofHours(1)));
      assertEquals(0, young.blobsDeleted());
      assertEquals(3, young.blobsSeen());
      assertEquals(200, getBlob(platform, orphan));

      BlobCollector.Result result = await(collector.collect(Duration.ZERO));
      assertEquals(1, result.nodes());
      assertEquals(3, result.blobsSeen());
      assertEquals(1, result.blobsDeleted());
      assertEquals("bytes nobody refers to".length(), result.bytesReclaimed());
      assertEquals(404, getBlob(platform, orphan));

      assertArrayEquals(kept, s3.getObjectAsBytes(b -> b.bucket("gc-test").key("kept")).asByteArray());
      s3.completeMultipartUpload(b -> b.bucket("gc-test").key("open-upload").uploadId(uploadId)
          .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(partEtag).build())));
      assertEquals("a part of an upload still open",
          s3.getObjectAsBytes(b -> b.bucket("gc-test").key("open-upload")).asUtf8String());
      assertEquals(0, await(collector.collect(Duration.ZERO)).blobsDeleted());
    }
  }

  private int putBlob(InProcessPlatform platform, String blobId, String body) throws Exception {
    return http.send(internal(platform, blobId).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private int getBlob(InProcessPlatform platform, String blobId) throws Exception {
    return http.send(internal(platform, blobId).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static HttpRequest.Builder internal(InProcessPlatform platform, String blobId) {
    return HttpRequest.newBuilder(URI.create(platform.storage.endpoint() + "/internal/v1/blobs/" + blobId))
        .header(ClusterToken.HEADER, platform.controlPlane.clusterToken().value());
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.blob.BlobPlacement;
import dev.minicloud.controlplane.storage.blob.BlobUpload;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.bucket.BucketPolicyHandlers;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * PutObject: streams the body (decoding aws-chunked, computing MD5 and any requested checksum on
 * the way) to the chosen storage nodes, checks every integrity claim, and only then commits the
 * object's metadata; with server-side encryption (header or bucket default) the bytes are encrypted
 * on their way to the nodes, after the digests saw them. Until that commit nothing of the new object is visible; after it, the old
 * version's bytes are released.
 */
public final class PutObjectHandler implements S3Handler {

  /** S3's single-PUT limit. */
  static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

  private final BucketAccess buckets;
  private final ObjectIndex objects;
  private final BlobPlacement placement;
  private final BlobClient blobs;
  private final ObjectTagging tagging;
  private final ServerSideEncryption sse;
  private final Vertx vertx;
  private final Clock clock;
  private final Ids ids = new Ids();

  public PutObjectHandler(BucketAccess buckets, ObjectIndex objects, BlobPlacement placement, BlobClient blobs,
      ServerSideEncryption sse, Vertx vertx, Clock clock) {
    this.buckets = buckets;
    this.objects = objects;
    this.placement = placement;
    this.blobs = blobs;
    this.tagging = new ObjectTagging();
    this.sse = sse;
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public void handle(S3Call call) {
    boolean encrypt = ServerSideEncryption.requested(call, buckets.writable(call));
    UploadIntegrity integrity = UploadIntegrity.forRequest(call);
    long size = integrity.decodedLength();
    if (size > MAX_SINGLE_PUT) {
      throw new ApiException(S3ErrorCode.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed size (5 GiB).");
    }
    Map<String, String> headers = ObjectHeaders.standard(call.http().headers());
    Map<String, String> userMetadata = ObjectHeaders.userMetadata(call.http().headers());
    Map<String, String> tags = tagging.fromHeader(call.header("x-amz-tagging"));
    String acl = BucketPolicyHandlers.cannedAcl(call);
    String blobId = ids.prefixed("o", 32);
    var nodes = placement.choose(blobId);
    ServerSideEncryption.Upload upload = sse.upload(encrypt, blobId, integrity.transform(), integrity::update);
    call.guard(BlobUpload.run(blobs, nodes, blobId, size, call.http(), upload.transform(), upload.observer())
        .compose(segment -> {
          UploadIntegrity.Result verified;
          try {
            verified = integrity.verify();
          } catch (RuntimeException e) {
            blobs.delete(segment);
            throw e;
          }
          ObjectRecord object = new ObjectRecord(call.key(), segment.size(), verified.etag(), clock.instant(),
              headers, userMetadata, verified.checksums(), verified.checksums().isEmpty() ? null : "FULL_OBJECT",
              tags, List.of(segment), List.of(), acl, upload.encryption());
          return Future.fromCompletionStage(objects.replaceAsync(call.bucket(), object), vertx.getOrCreateContext())
              .onSuccess(previous -> previous.ifPresent(old -> old.segments().forEach(blobs::delete)))
              .onFailure(e -> blobs.delete(segment))
              .map(previous -> object);
        })
        .onSuccess(object -> {
          var response = call.response().putHeader("etag", object.etag());
          ServerSideEncryption.writeHeader(response.headers(), object.encryption());
          object.checksums().forEach((algorithm, value) ->
              response.putHeader("x-amz-checksum-" + algorithm.toLowerCase(java.util.Locale.ROOT), value));
          if (!object.checksums().isEmpty()) {
            response.putHeader("x-amz-checksum-type", "FULL_OBJECT");
          }
          call.empty(200);
        }));
  }
}

package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.blob.BlobPlacement;
import dev.minicloud.controlplane.storage.blob.BlobUpload;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import dev.minicloud.controlplane.storage.object.UploadIntegrity;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * UploadPart: streams the part like a PutObject (aws-chunked decoding, MD5, checksums, fsync on
 * the nodes; encrypted under a data key of its own when the upload is) into its own blob, then
 * records it; a re-uploaded part number replaces the old part.
 */
public final class UploadPartHandler implements S3Handler {

  /** S3's part size limit. */
  static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

  private final BucketAccess buckets;
  private final UploadStore uploads;
  private final BlobPlacement placement;
  private final BlobClient blobs;
  private final ServerSideEncryption sse;
  private final Vertx vertx;
  private final Clock clock;
  private final Ids ids = new Ids();

  public UploadPartHandler(BucketAccess buckets, UploadStore uploads, BlobPlacement placement, BlobClient blobs,
      ServerSideEncryption sse, Vertx vertx, Clock clock) {
    this.buckets = buckets;
    this.uploads = uploads;
    this.placement = placement;
    this.blobs = blobs;
    this.sse = sse;
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public void handle(S3Call call) {
    buckets.writable(call);
    int partNumber = PartNumbers.parse(call.s3().param("partNumber"));
    UploadRecord upload = uploads.require(call.bucket(), call.key(), call.s3().param("uploadId"));
    ServerSideEncryption.refuseCustomerKeys(call);
    UploadIntegrity integrity = UploadIntegrity.forRequest(call);
    if (integrity.decodedLength() > MAX_PART_SIZE) {
      throw new ApiException(S3ErrorCode.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed part size (5 GiB).");
    }
    String blobId = ids.prefixed("p", 32);
    ServerSideEncryption.Upload encoding = sse.upload(upload.serverSideEncryption() != null, blobId,
        integrity.transform(), integrity::update);
    call.guard(BlobUpload.run(blobs, placement.choose(blobId), blobId, integrity.decodedLength(), call.http(),
            encoding.transform(), encoding.observer())
        .compose(segment -> {
          UploadIntegrity.Result verified;
          try {
            verified = integrity.verify();
          } catch (RuntimeException e) {
            blobs.delete(segment);
            throw e;
          }
          PartRecord part = new PartRecord(partNumber, verified.etag(), segment.size(), clock.instant(), segment,
              verified.checksums(), encoding.sealedKey());
          return vertx.executeBlocking(() -> uploads.putPart(upload.uploadId(), part), false)
              .onSuccess(previous -> previous.ifPresent(old -> blobs.delete(old.segment())))
              .onFailure(e -> blobs.delete(segment))
              .map(previous -> part);
        })
        .onSuccess(part -> {
          call.response().putHeader("etag", part.etag());
          ServerSideEncryption.writeHeader(call.response().headers(), encoding.encryption());
          part.checksums().forEach((algorithm, value) -> call.response()
              .putHeader("x-amz-checksum-" + algorithm.toLowerCase(java.util.Locale.ROOT), value));
          call.empty(200);
        }));
  }
}

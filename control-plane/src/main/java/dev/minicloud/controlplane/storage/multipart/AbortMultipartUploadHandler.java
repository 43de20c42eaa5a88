package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import io.vertx.core.Vertx;

/** AbortMultipartUpload: the upload and its part records go atomically, then the parts' bytes. */
public final class AbortMultipartUploadHandler implements S3Handler {

  private final BucketAccess buckets;
  private final UploadStore uploads;
  private final BlobClient blobs;
  private final Vertx vertx;

  public AbortMultipartUploadHandler(BucketAccess buckets, UploadStore uploads, BlobClient blobs, Vertx vertx) {
    this.buckets = buckets;
    this.uploads = uploads;
    this.blobs = blobs;
    this.vertx = vertx;
  }

  @Override
  public void handle(S3Call call) {
    buckets.writable(call);
    UploadRecord upload = uploads.require(call.bucket(), call.key(), call.s3().param("uploadId"));
    call.guard(vertx.executeBlocking(() -> {
      var parts = uploads.allParts(upload.uploadId());
      uploads.abort(upload, parts);
      return parts;
    }, false).onSuccess(parts -> {
      parts.forEach(p -> blobs.delete(p.segment()));
      call.empty(204);
    }));
  }
}

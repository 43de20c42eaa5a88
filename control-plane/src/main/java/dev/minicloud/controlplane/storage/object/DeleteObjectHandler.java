package dev.minicloud.controlplane.storage.object;

import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import io.vertx.core.Vertx;

/**
 * DeleteObject: removes the index entry first (durably), then releases the bytes. 204 whether or
 * not the key existed, as S3 answers.
 */
public final class DeleteObjectHandler implements S3Handler {

  private final BucketAccess buckets;
  private final ObjectIndex objects;
  private final BlobClient blobs;
  private final Vertx vertx;

  public DeleteObjectHandler(BucketAccess buckets, ObjectIndex objects, BlobClient blobs, Vertx vertx) {
    this.buckets = buckets;
    this.objects = objects;
    this.blobs = blobs;
    this.vertx = vertx;
  }

  @Override
  public void handle(S3Call call) {
    buckets.writable(call);
    call.guard(vertx.executeBlocking(() -> objects.remove(call.bucket(), call.key()), false)
        .onSuccess(previous -> {
          previous.ifPresent(old -> old.segments().forEach(blobs::delete));
          call.empty(204);
        }));
  }
}

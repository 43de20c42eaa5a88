package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.storage.object.ObjectIndex;

/** DeleteBucket: only an empty bucket (no objects, no multipart uploads in progress) goes. */
public final class DeleteBucketHandler implements S3Handler {

  private final BucketAccess access;
  private final BucketStore buckets;
  private final ObjectIndex objects;

  public DeleteBucketHandler(BucketAccess access, BucketStore buckets, ObjectIndex objects) {
    this.access = access;
    this.buckets = buckets;
    this.objects = objects;
  }

  @Override
  public void handle(S3Call call) {
    access.writable(call);
    if (!buckets.deleteIfEmpty(call.bucket(), () -> objects.isEmpty(call.bucket()))) {
      throw new ApiException(S3ErrorCode.BUCKET_NOT_EMPTY, "The bucket you tried to delete is not empty");
    }
    call.empty(204);
  }
}

package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Handler;

/** HeadBucket: 200 with the bucket's region, 404 or 403 (status only, as HEAD has no body). */
public final class HeadBucketHandler implements S3Handler {

  private final BucketAccess access;

  public HeadBucketHandler(BucketAccess access) {
    this.access = access;
  }

  @Override
  public void handle(S3Call call) {
    BucketRecord bucket = access.readable(call);
    call.response().putHeader("x-amz-bucket-region", bucket.region());
    call.empty(200);
  }
}

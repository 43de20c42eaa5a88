package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;

/**
 * Finds the bucket a call names and checks the caller may use it. Until the policy engine lands,
 * the rule is S3's default: only the owning account touches its buckets.
 */
public final class BucketAccess {

  private final BucketStore buckets;

  public BucketAccess(BucketStore buckets) {
    this.buckets = buckets;
  }

  public BucketRecord readable(S3Call call) {
    return owned(call);
  }

  public BucketRecord writable(S3Call call) {
    return owned(call);
  }

  private BucketRecord owned(S3Call call) {
    BucketRecord bucket = buckets.get(call.bucket())
        .orElseThrow(() -> new ApiException(S3ErrorCode.NO_SUCH_BUCKET, "The specified bucket does not exist"));
    if (!bucket.ownerAccountId().equals(call.principal().accountId())) {
      throw new ApiException(S3ErrorCode.ACCESS_DENIED, "Access Denied");
    }
    return bucket;
  }
}

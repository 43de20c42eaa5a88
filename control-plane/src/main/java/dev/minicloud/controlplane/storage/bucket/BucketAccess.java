package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;

/**
 * Finds the bucket a call names. Whether the caller may use it was decided before the handler ran,
 * by the one authorization step of the S3 dispatch (the IAM policy engine: identity policies, bucket
 * policy and ACL), so here only existence is checked.
 */
public final class BucketAccess {

  /** Routing-context key of the bucket record the authorization step already read for this request. */
  public static final String RESOLVED = BucketAccess.class.getName() + ".resolved";

  private final BucketStore buckets;

  public BucketAccess(BucketStore buckets) {
    this.buckets = buckets;
  }

  public BucketRecord readable(S3Call call) {
    return existing(call);
  }

  public BucketRecord writable(S3Call call) {
    return existing(call);
  }

  private BucketRecord existing(S3Call call) {
    BucketRecord resolved = call.routing().get(RESOLVED);
    if (resolved != null && resolved.name().equals(call.bucket())) {
      return resolved;
    }
    return buckets.get(call.bucket())
        .orElseThrow(() -> new ApiException(S3ErrorCode.NO_SUCH_BUCKET, "The specified bucket does not exist"));
  }
}

package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;

/**
 * Finds the bucket a call names. Whether the caller may use it was decided before the handler ran,
 * by the one authorization step of the S3 dispatch (the IAM policy engine: identity policies, bucket
 * policy and ACL), so here only existence is checked, and the owner the client expects
 * ({@code x-amz-expected-bucket-owner}).
 */
public final class BucketAccess {

  /** Routing-context key of the bucket record the authorization step already read for this request. */
  public static final String RESOLVED = BucketAccess.class.getName() + ".resolved";

  /** The header with which a client says whose bucket it means to use; S3 refuses the request otherwise. */
  public static final String EXPECTED_OWNER = "x-amz-expected-bucket-owner";
  /** The same for a copy's source bucket. */
  public static final String SOURCE_EXPECTED_OWNER = "x-amz-source-expected-bucket-owner";

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
    BucketRecord bucket = resolved != null && resolved.name().equals(call.bucket()) ? resolved
        : buckets.get(call.bucket())
            .orElseThrow(() -> new ApiException(S3ErrorCode.NO_SUCH_BUCKET, "The specified bucket does not exist"));
    checkExpectedOwner(bucket, call.header(EXPECTED_OWNER));
    return bucket;
  }

  /**
   * AccessDenied when {@code expectedOwner} (a header's account id, null when not sent) is not the
   * bucket's owner: clients send it so that a request meant for their own bucket never lands in a
   * bucket of the same name owned by someone else.
   */
  public static void checkExpectedOwner(BucketRecord bucket, String expectedOwner) {
    if (expectedOwner != null && !expectedOwner.equals(bucket.ownerAccountId())) {
      throw new ApiException(S3ErrorCode.ACCESS_DENIED, "Access Denied");
    }
  }
}

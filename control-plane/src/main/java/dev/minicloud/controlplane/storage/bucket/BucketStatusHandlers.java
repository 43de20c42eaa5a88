package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.Owner;
import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import java.util.Optional;

/**
 * Read-only answers that tools and test suites ask for before anything else: versioning status
 * (never enabled) and the owner-full-control ACL of a bucket or object.
 */
public final class BucketStatusHandlers {

  private BucketStatusHandlers() {}

  public static S3Handler versioning(BucketAccess access) {
    return call -> {
      access.readable(call);
      call.xml(200, SubresourceXmlWriter.versioningConfiguration(Optional.empty()));
    };
  }

  public static S3Handler objectAcl(BucketAccess access, ObjectIndex objects) {
    return call -> {
      BucketRecord bucket = access.readable(call);
      if (objects.get(call.bucket(), call.key()).isEmpty()) {
        throw new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist.");
      }
      call.xml(200, SubresourceXmlWriter.ownerFullControlAcl(new Owner(bucket.ownerAccountId(), bucket.ownerAccountId())));
    };
  }
}

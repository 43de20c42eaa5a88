package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import java.util.Optional;

/**
 * Read-only answers that tools and test suites ask for before anything else: versioning status
 * (never enabled), and the configurations MiniCloud cannot set (CORS, lifecycle, website, ...),
 * answered as S3 answers for a bucket that never had one. ACLs are in {@link BucketPolicyHandlers}.
 */
public final class BucketStatusHandlers {

  private BucketStatusHandlers() {}

  /** The GET of a configuration that cannot be set here, answered as S3 does when none was: {@code notFound}. */
  public static S3Handler neverConfigured(BucketAccess access, S3ErrorCode notFound) {
    return call -> {
      access.readable(call);
      throw new ApiException(notFound);
    };
  }

  /** The GET of a configuration that cannot be set here, answered with S3's document for the default. */
  public static S3Handler defaultConfiguration(BucketAccess access, String xml) {
    return call -> {
      access.readable(call);
      call.xml(200, xml);
    };
  }

  /** The DELETE of a configuration that cannot be set here: there is none to delete, S3's 204. */
  public static S3Handler nothingToDelete(BucketAccess access) {
    return call -> {
      access.writable(call);
      call.empty(204);
    };
  }

  public static S3Handler versioning(BucketAccess access) {
    return call -> {
      access.readable(call);
      call.xml(200, SubresourceXmlWriter.versioningConfiguration(Optional.empty()));
    };
  }
}

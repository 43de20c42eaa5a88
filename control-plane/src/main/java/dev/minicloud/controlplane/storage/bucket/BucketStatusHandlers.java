package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import java.util.Optional;

/**
 * Read-only answers that tools and test suites ask for before anything else: versioning status
 * (never enabled). ACLs are in {@link BucketPolicyHandlers}.
 */
public final class BucketStatusHandlers {

  private BucketStatusHandlers() {}

  public static S3Handler versioning(BucketAccess access) {
    return call -> {
      access.readable(call);
      call.xml(200, SubresourceXmlWriter.versioningConfiguration(Optional.empty()));
    };
  }
}

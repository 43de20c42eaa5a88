package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Documents;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.S3RequestXmlParser;
import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import dev.minicloud.controlplane.s3.xml.VersioningStatus;
import java.util.Optional;

/**
 * Answers that tools and test suites ask for before anything else: versioning status (never
 * enabled; it can be suspended), and the configurations MiniCloud cannot set (CORS, lifecycle,
 * website, ...), answered as S3 answers for a bucket that never had one. ACLs are in
 * {@link BucketPolicyHandlers}.
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

  /** GetBucketVersioning: no Status until versioning was suspended, then Suspended. */
  public static S3Handler versioning(BucketAccess access) {
    return call -> {
      BucketRecord bucket = access.readable(call);
      call.xml(200, SubresourceXmlWriter.versioningConfiguration(Optional.ofNullable(bucket.versioning())
          .map(v -> VersioningStatus.SUSPENDED)));
    };
  }

  /**
   * PutBucketVersioning: Suspended is stored, and changes nothing else: a suspended bucket keeps one
   * version per key with id {@code null}, which is what every bucket here does. Enabled, and MFA
   * delete, are NotImplemented.
   */
  public static S3Handler putVersioning(BucketAccess access, BucketStore buckets) {
    return call -> {
      access.writable(call);
      call.guard(S3Documents.read(call, S3RequestXmlParser::parseVersioningConfiguration).map(configuration -> {
        if (configuration.status() == VersioningStatus.ENABLED || configuration.mfaDelete()) {
          throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED,
              "Versioning cannot be enabled here: a bucket keeps one version per key (Suspended is accepted).");
        }
        buckets.update(call.bucket(), b -> b.withVersioning(configuration.status().xmlValue()));
        call.empty(200);
        return null;
      }));
    };
  }
}

package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Request;
import dev.minicloud.controlplane.s3.HttpDates;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.bucket.BucketRecord;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import java.time.Instant;

/**
 * The source of CopyObject and UploadPartCopy: {@code x-amz-copy-source: [/]bucket/key[?versionId=null]}
 * (URL-encoded), checked against the caller's access and the {@code x-amz-copy-source-if-*} conditions.
 */
public record CopySource(String bucket, String key, ObjectRecord object) {

  /** Where a copy source header points. */
  public record Location(String bucket, String key) {}

  /** Parses {@code x-amz-copy-source: [/]bucket/key[?versionId=null]} (URL-encoded). */
  public static Location parse(String header) {
    String raw = header.startsWith("/") ? header.substring(1) : header;
    int q = raw.indexOf('?');
    if (q >= 0) {
      String version = raw.substring(q + 1);
      raw = raw.substring(0, q);
      if (!version.equals("versionId=null") && !version.isEmpty()) {
        throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "Invalid version id specified");
      }
    }
    String decoded = S3Request.decodePath(raw);
    int slash = decoded.indexOf('/');
    if (slash <= 0 || slash == decoded.length() - 1) {
      throw new ApiException(S3ErrorCode.INVALID_ARGUMENT,
          "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
    }
    return new Location(decoded.substring(0, slash), decoded.substring(slash + 1));
  }

  /**
   * The source object. Whether the caller may read it (s3:GetObject on the source) was decided by
   * the authorization step before the handler ran.
   */
  public static CopySource resolve(S3Call call, BucketStore buckets, ObjectIndex objects) {
    Location location = parse(call.header("x-amz-copy-source"));
    String bucket = location.bucket();
    String key = location.key();
    BucketRecord source = buckets.get(bucket)
        .orElseThrow(() -> new ApiException(S3ErrorCode.NO_SUCH_BUCKET, "The specified bucket does not exist"));
    BucketAccess.checkExpectedOwner(source, call.header(BucketAccess.SOURCE_EXPECTED_OWNER));
    ObjectRecord object = objects.get(bucket, key)
        .orElseThrow(() -> new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist."));
    checkConditions(call, object);
    return new CopySource(bucket, key, object);
  }

  private static void checkConditions(S3Call call, ObjectRecord object) {
    Instant modified = HttpDates.toSeconds(object.lastModified());
    String ifMatch = call.header("x-amz-copy-source-if-match");
    String ifNoneMatch = call.header("x-amz-copy-source-if-none-match");
    Instant ifModifiedSince = HttpDates.parse(call.header("x-amz-copy-source-if-modified-since"));
    Instant ifUnmodifiedSince = HttpDates.parse(call.header("x-amz-copy-source-if-unmodified-since"));
    boolean failed = (ifMatch != null && !GetObjectHandler.etagMatches(ifMatch, object.etag()))
        || (ifMatch == null && ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince))
        || (ifNoneMatch != null && GetObjectHandler.etagMatches(ifNoneMatch, object.etag()))
        || (ifNoneMatch == null && ifModifiedSince != null && !modified.isAfter(ifModifiedSince));
    if (failed) {
      throw new ApiException(S3ErrorCode.PRECONDITION_FAILED, "At least one of the pre-conditions you specified did not hold");
    }
  }
}

package dev.minicloud.controlplane.s3.xml;

import java.util.Objects;

/**
 * The body of CreateMultipartUpload ({@code POST /bucket/key?uploads}).
 *
 * @param bucket the bucket name
 * @param key the object key
 * @param uploadId the new upload's ID
 */
public record InitiateMultipartUploadResult(String bucket, String key, String uploadId) {
  public InitiateMultipartUploadResult {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uploadId, "uploadId");
  }
}

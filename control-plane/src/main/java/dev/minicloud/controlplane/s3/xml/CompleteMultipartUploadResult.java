package dev.minicloud.controlplane.s3.xml;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a successful CompleteMultipartUpload ({@code POST /bucket/key?uploadId=..}).
 *
 * @param location the object's URL, e.g. {@code http://host/bucket/key} (key URI-encoded)
 * @param bucket the bucket name
 * @param key the object key
 * @param etag the multipart ETag ({@code hex-N}), with or without quotes (written quoted)
 * @param checksums the object's additional checksums by algorithm (base64 values), often none
 * @param checksumType the checksum type, written when present
 */
public record CompleteMultipartUploadResult(
    String location,
    String bucket,
    String key,
    String etag,
    Map<ChecksumAlgorithm, String> checksums,
    Optional<ChecksumType> checksumType) {

  public CompleteMultipartUploadResult {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(etag, "etag");
    checksums = Map.copyOf(checksums);
    Objects.requireNonNull(checksumType, "checksumType");
  }

  /** A result without additional checksums. */
  public CompleteMultipartUploadResult(String location, String bucket, String key, String etag) {
    this(location, bucket, key, etag, Map.of(), Optional.empty());
  }
}

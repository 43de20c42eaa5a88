package dev.minicloud.controlplane.s3.xml;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of CopyObject ({@code CopyObjectResult}) and of UploadPartCopy ({@code CopyPartResult}):
 * the new object's or part's ETag and modification time.
 *
 * @param etag the ETag, with or without quotes (written quoted)
 * @param lastModified when the copy was written
 * @param checksums additional checksums by algorithm (base64 values), often none
 * @param checksumType the checksum type (written in CopyObjectResult only), when present
 */
public record CopyResult(
    String etag, Instant lastModified, Map<ChecksumAlgorithm, String> checksums, Optional<ChecksumType> checksumType) {

  public CopyResult {
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    checksums = Map.copyOf(checksums);
    Objects.requireNonNull(checksumType, "checksumType");
  }

  /** A result without additional checksums. */
  public CopyResult(String etag, Instant lastModified) {
    this(etag, lastModified, Map.of(), Optional.empty());
  }
}

package dev.minicloud.controlplane.s3.xml;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of ListParts ({@code GET /bucket/key?uploadId=..}).
 *
 * @param bucket the bucket name
 * @param key the object key (ListParts has no {@code encoding-type})
 * @param uploadId the upload ID
 * @param initiator who started the upload
 * @param owner who will own the object
 * @param storageClass the storage class
 * @param partNumberMarker the {@code part-number-marker} parameter, 0 when not given
 * @param nextPartNumberMarker the last part number listed (the marker for the next page), 0 when
 *     no part is listed
 * @param maxParts the effective {@code max-parts}
 * @param truncated whether more parts follow
 * @param checksumAlgorithm the upload's checksum algorithm, when one was chosen
 * @param checksumType the upload's checksum type, when one was chosen
 * @param parts the parts, by part number
 */
public record ListPartsResult(
    String bucket,
    String key,
    String uploadId,
    Owner initiator,
    Owner owner,
    String storageClass,
    int partNumberMarker,
    int nextPartNumberMarker,
    int maxParts,
    boolean truncated,
    Optional<ChecksumAlgorithm> checksumAlgorithm,
    Optional<ChecksumType> checksumType,
    List<Part> parts) {

  public ListPartsResult {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(initiator, "initiator");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(storageClass, "storageClass");
    Objects.requireNonNull(checksumAlgorithm, "checksumAlgorithm");
    Objects.requireNonNull(checksumType, "checksumType");
    parts = List.copyOf(parts);
  }

  /**
   * One {@code Part}.
   *
   * @param partNumber the part number, 1 to 10,000
   * @param lastModified when the part was uploaded
   * @param etag the part's ETag, with or without quotes (written quoted)
   * @param size the part size in bytes
   * @param checksums the part's additional checksums by algorithm (base64 values)
   */
  public record Part(
      int partNumber, Instant lastModified, String etag, long size, Map<ChecksumAlgorithm, String> checksums) {

    public Part {
      Objects.requireNonNull(lastModified, "lastModified");
      Objects.requireNonNull(etag, "etag");
      checksums = Map.copyOf(checksums);
    }

    /** A part without additional checksums. */
    public Part(int partNumber, Instant lastModified, String etag, long size) {
      this(partNumber, lastModified, etag, size, Map.of());
    }
  }
}

package dev.minicloud.controlplane.s3.xml;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of ListMultipartUploads ({@code GET /bucket?uploads}).
 *
 * @param bucket the bucket name
 * @param keyMarker the {@code key-marker} parameter, empty when not given
 * @param uploadIdMarker the {@code upload-id-marker} parameter, empty when not given
 * @param nextKeyMarker the key marker for the next page, empty when not truncated
 * @param nextUploadIdMarker the upload ID marker for the next page, empty when not truncated
 * @param delimiter the {@code delimiter} parameter; absent or empty is not written
 * @param prefix the {@code prefix} parameter, empty when not given
 * @param maxUploads the effective {@code max-uploads}
 * @param truncated whether more entries follow
 * @param uploads the in-progress uploads, by key then initiation time
 * @param commonPrefixes the rolled-up prefixes, in order
 * @param urlEncoded whether {@code encoding-type=url} was requested: then Delimiter, KeyMarker,
 *     Prefix, NextKeyMarker, keys and common prefixes are written URL-encoded
 */
public record ListMultipartUploadsResult(
    String bucket,
    String keyMarker,
    String uploadIdMarker,
    String nextKeyMarker,
    String nextUploadIdMarker,
    Optional<String> delimiter,
    String prefix,
    int maxUploads,
    boolean truncated,
    List<Upload> uploads,
    List<String> commonPrefixes,
    boolean urlEncoded) {

  public ListMultipartUploadsResult {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(keyMarker, "keyMarker");
    Objects.requireNonNull(uploadIdMarker, "uploadIdMarker");
    Objects.requireNonNull(nextKeyMarker, "nextKeyMarker");
    Objects.requireNonNull(nextUploadIdMarker, "nextUploadIdMarker");
    Objects.requireNonNull(delimiter, "delimiter");
    Objects.requireNonNull(prefix, "prefix");
    uploads = List.copyOf(uploads);
    commonPrefixes = List.copyOf(commonPrefixes);
  }

  /**
   * One {@code Upload}.
   *
   * @param key the object key
   * @param uploadId the upload ID
   * @param initiator who started the upload
   * @param owner who will own the object
   * @param storageClass the storage class
   * @param initiated when the upload was started
   * @param checksumAlgorithm the upload's checksum algorithm, when one was chosen
   * @param checksumType the upload's checksum type, when one was chosen
   */
  public record Upload(
      String key,
      String uploadId,
      Owner initiator,
      Owner owner,
      String storageClass,
      Instant initiated,
      Optional<ChecksumAlgorithm> checksumAlgorithm,
      Optional<ChecksumType> checksumType) {

    public Upload {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(uploadId, "uploadId");
      Objects.requireNonNull(initiator, "initiator");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(storageClass, "storageClass");
      Objects.requireNonNull(initiated, "initiated");
      Objects.requireNonNull(checksumAlgorithm, "checksumAlgorithm");
      Objects.requireNonNull(checksumType, "checksumType");
    }

    /** A STANDARD upload without a checksum algorithm. */
    public Upload(String key, String uploadId, Owner initiator, Owner owner, Instant initiated) {
      this(key, uploadId, initiator, owner, ObjectSummary.STANDARD, initiated, Optional.empty(), Optional.empty());
    }
  }
}

package dev.minicloud.controlplane.s3.xml;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of ListObjectVersions ({@code GET /bucket?versions}): {@code ListVersionsResult}.
 *
 * @param bucket the bucket name
 * @param prefix the {@code prefix} parameter, empty when not given (always written)
 * @param keyMarker the {@code key-marker} parameter, empty when not given (always written)
 * @param versionIdMarker the {@code version-id-marker} parameter, empty when not given (always
 *     written)
 * @param nextKeyMarker present when truncated
 * @param nextVersionIdMarker present when truncated
 * @param maxKeys the effective {@code max-keys}
 * @param delimiter the {@code delimiter} parameter; absent or empty is not written
 * @param truncated whether more entries follow
 * @param entries versions and delete markers, interleaved in S3's order (key, then newest first)
 * @param commonPrefixes the rolled-up prefixes, in order
 * @param urlEncoded whether {@code encoding-type=url} was requested: then Prefix, KeyMarker,
 *     NextKeyMarker, Delimiter, keys and common prefixes are written URL-encoded
 */
public record ListVersionsResult(
    String bucket,
    String prefix,
    String keyMarker,
    String versionIdMarker,
    Optional<String> nextKeyMarker,
    Optional<String> nextVersionIdMarker,
    int maxKeys,
    Optional<String> delimiter,
    boolean truncated,
    List<Entry> entries,
    List<String> commonPrefixes,
    boolean urlEncoded) {

  /** The version ID S3 gives objects of buckets that never had versioning enabled. */
  public static final String NULL_VERSION_ID = "null";

  public ListVersionsResult {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(keyMarker, "keyMarker");
    Objects.requireNonNull(versionIdMarker, "versionIdMarker");
    Objects.requireNonNull(nextKeyMarker, "nextKeyMarker");
    Objects.requireNonNull(nextVersionIdMarker, "nextVersionIdMarker");
    Objects.requireNonNull(delimiter, "delimiter");
    entries = List.copyOf(entries);
    commonPrefixes = List.copyOf(commonPrefixes);
  }

  /** A {@code Version} or a {@code DeleteMarker}. */
  public sealed interface Entry permits Version, DeleteMarker {
    String key();
  }

  /**
   * A {@code Version} element.
   *
   * @param key the object key
   * @param versionId the version ID ({@code null} for unversioned buckets)
   * @param latest whether this is the current version
   * @param lastModified when the version was written
   * @param etag the ETag, with or without quotes (written quoted)
   * @param checksumAlgorithms the algorithms of additional checksums
   * @param checksumType the type of the object's checksum, when it has one
   * @param size the size in bytes
   * @param storageClass the storage class
   * @param owner the owner, when known
   */
  public record Version(
      String key,
      String versionId,
      boolean latest,
      Instant lastModified,
      String etag,
      List<ChecksumAlgorithm> checksumAlgorithms,
      Optional<ChecksumType> checksumType,
      long size,
      String storageClass,
      Optional<Owner> owner) implements Entry {

    public Version {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(versionId, "versionId");
      Objects.requireNonNull(lastModified, "lastModified");
      Objects.requireNonNull(etag, "etag");
      checksumAlgorithms = List.copyOf(checksumAlgorithms);
      Objects.requireNonNull(checksumType, "checksumType");
      Objects.requireNonNull(storageClass, "storageClass");
      Objects.requireNonNull(owner, "owner");
    }

    /**
     * How S3 lists an object of a bucket that never had versioning: one version, ID {@code null},
     * latest.
     */
    public static Version unversioned(ObjectSummary object, Owner owner) {
      return new Version(object.key(), NULL_VERSION_ID, true, object.lastModified(), object.etag(),
          object.checksumAlgorithms(), object.checksumType(), object.size(), object.storageClass(),
          Optional.of(owner));
    }
  }

  /**
   * A {@code DeleteMarker} element.
   *
   * @param key the object key
   * @param versionId the delete marker's version ID
   * @param latest whether the marker is the current version
   * @param lastModified when the marker was created
   * @param owner the owner, when known
   */
  public record DeleteMarker(
      String key, String versionId, boolean latest, Instant lastModified, Optional<Owner> owner)
      implements Entry {

    public DeleteMarker {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(versionId, "versionId");
      Objects.requireNonNull(lastModified, "lastModified");
      Objects.requireNonNull(owner, "owner");
    }
  }
}

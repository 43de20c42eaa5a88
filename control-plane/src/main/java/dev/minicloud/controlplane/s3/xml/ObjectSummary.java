package dev.minicloud.controlplane.s3.xml;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code Contents} entry of ListObjects / ListObjectsV2.
 *
 * @param key the object key (written URL-encoded when the listing asks for it)
 * @param lastModified when the object was last written
 * @param etag the ETag, with or without quotes (written quoted)
 * @param checksumAlgorithms the algorithms of the object's additional checksums (each written as a
 *     {@code ChecksumAlgorithm} element; empty for none)
 * @param checksumType the type of the object's checksum, when it has one
 * @param size the object size in bytes
 * @param owner the owner: written in v1 listings and in v2 with {@code fetch-owner=true}
 * @param storageClass the storage class, {@code STANDARD} for us
 */
public record ObjectSummary(
    String key,
    Instant lastModified,
    String etag,
    List<ChecksumAlgorithm> checksumAlgorithms,
    Optional<ChecksumType> checksumType,
    long size,
    Optional<Owner> owner,
    String storageClass) {

  /** S3's default storage class. */
  public static final String STANDARD = "STANDARD";

  public ObjectSummary {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(etag, "etag");
    checksumAlgorithms = List.copyOf(checksumAlgorithms);
    Objects.requireNonNull(checksumType, "checksumType");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(storageClass, "storageClass");
  }

  /** A STANDARD object without additional checksums or owner. */
  public ObjectSummary(String key, Instant lastModified, String etag, long size) {
    this(key, lastModified, etag, List.of(), Optional.empty(), size, Optional.empty(), STANDARD);
  }

  /** This entry with the owner set (v1, or v2 with {@code fetch-owner=true}). */
  public ObjectSummary withOwner(Owner newOwner) {
    return new ObjectSummary(key, lastModified, etag, checksumAlgorithms, checksumType, size,
        Optional.of(newOwner), storageClass);
  }
}

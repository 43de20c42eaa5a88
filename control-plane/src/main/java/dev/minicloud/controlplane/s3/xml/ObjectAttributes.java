package dev.minicloud.controlplane.s3.xml;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What GetObjectAttributes answers ({@link ObjectXmlWriter#objectAttributes}): each attribute is
 * present when the client asked for it (and, for checksums and parts, when the object has them).
 *
 * @param etag the ETag, quoted or not
 * @param checksums the object's checksums
 * @param checksumType FULL_OBJECT or COMPOSITE, with the checksums
 * @param parts a page of a multipart object's parts
 * @param storageClass the storage class
 * @param size the object's size in bytes
 */
public record ObjectAttributes(Optional<String> etag, Optional<Map<ChecksumAlgorithm, String>> checksums,
    Optional<ChecksumType> checksumType, Optional<Parts> parts, Optional<String> storageClass, OptionalLong size) {

  /**
   * A page of parts.
   *
   * @param totalCount how many parts the object has
   * @param marker the part number the page starts after
   * @param nextMarker the last part number of the page (the next page's marker)
   * @param maxParts the most parts a page holds
   * @param truncated whether parts follow this page
   * @param parts the page
   */
  public record Parts(int totalCount, int marker, int nextMarker, int maxParts, boolean truncated, List<Part> parts) {
    public Parts {
      parts = List.copyOf(parts);
    }
  }

  /** A part: its number (from 1) and size. */
  public record Part(int number, long size) { }
}

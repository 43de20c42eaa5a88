package dev.minicloud.controlplane.s3.xml;

/** S3's {@code ChecksumType}: a checksum of the whole object, or a checksum of part checksums. */
public enum ChecksumType {
  FULL_OBJECT,
  COMPOSITE
}

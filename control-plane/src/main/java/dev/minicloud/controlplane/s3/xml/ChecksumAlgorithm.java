package dev.minicloud.controlplane.s3.xml;

import java.util.Optional;

/**
 * S3's additional checksum algorithms, in the order S3 writes their {@code Checksum*} elements.
 * The name is the value of {@code ChecksumAlgorithm} elements and of the
 * {@code x-amz-checksum-algorithm} header.
 */
public enum ChecksumAlgorithm {
  CRC32,
  CRC32C,
  CRC64NVME,
  SHA1,
  SHA256,
  SHA512,
  MD5,
  XXHASH64,
  XXHASH3,
  XXHASH128;

  /** The element carrying a value of this algorithm, e.g. {@code ChecksumCRC32}. */
  public String elementName() {
    return "Checksum" + name();
  }

  /** The algorithm whose value element is {@code elementName}, e.g. {@code ChecksumSHA256}. */
  public static Optional<ChecksumAlgorithm> fromElementName(String elementName) {
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.elementName().equals(elementName)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}

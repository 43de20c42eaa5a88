package dev.minicloud.controlplane.storage.integrity;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The flexible checksums of S3: the value travels base64-encoded in {@code x-amz-checksum-<name>}
 * (a header or an aws-chunked trailer), and the algorithm is named in {@code
 * x-amz-sdk-checksum-algorithm} / {@code x-amz-checksum-algorithm}.
 */
public enum ChecksumAlgorithm {
  CRC32("CRC32", 4, 0xEDB88320L, true),
  CRC32C("CRC32C", 4, 0x82F63B78L, true),
  CRC64NVME("CRC64NVME", 8, Crc64Nvme.POLY_REFLECTED, false),
  SHA1("SHA1", 20, 0, true),
  SHA256("SHA256", 32, 0, true);

  /** Prefix of every checksum header and trailer name. */
  public static final String HEADER_PREFIX = "x-amz-checksum-";

  private final String algorithmName;
  private final String headerName;
  private final int digestLength;
  private final long reflectedPolynomial;
  private final boolean composite;

  ChecksumAlgorithm(String algorithmName, int digestLength, long reflectedPolynomial,
      boolean composite) {
    this.algorithmName = algorithmName;
    this.headerName = HEADER_PREFIX + algorithmName.toLowerCase(Locale.ROOT);
    this.digestLength = digestLength;
    this.reflectedPolynomial = reflectedPolynomial;
    this.composite = composite;
  }

  /** {@code x-amz-checksum-crc32}, ... (lower case, as S3 writes it). */
  public String headerName() {
    return headerName;
  }

  /** {@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1}, {@code SHA256}. */
  public String algorithmName() {
    return algorithmName;
  }

  /** Length of the raw checksum in bytes (4, 4, 8, 20, 32). */
  public int digestLength() {
    return digestLength;
  }

  /** True for the CRCs, whose per-part values combine into a full-object value. */
  public boolean isCrc() {
    return reflectedPolynomial != 0;
  }

  /** True when S3 allows the FULL_OBJECT multipart checksum type (the CRCs). */
  public boolean supportsFullObject() {
    return isCrc();
  }

  /** True when S3 allows the COMPOSITE multipart checksum type (all but CRC64NVME). */
  public boolean supportsComposite() {
    return composite;
  }

  /** The polynomial in reflected form, for CRC combination; 0 for SHA algorithms. */
  long reflectedPolynomial() {
    return reflectedPolynomial;
  }

  /** Width of the CRC in bits (32 or 64); 0 for SHA algorithms. */
  int crcWidth() {
    return isCrc() ? digestLength * 8 : 0;
  }

  /** A fresh running checksum of this algorithm. */
  public RunningChecksum newChecksum() {
    switch (this) {
      case CRC32:
        return new JdkCrc(new CRC32(), 4);
      case CRC32C:
        return new JdkCrc(new CRC32C(), 4);
      case CRC64NVME:
        return new Crc64Nvme();
      case SHA1:
        return new Digest(newMessageDigest("SHA-1"));
      case SHA256:
        return new Digest(newMessageDigest("SHA-256"));
      default:
        throw new AssertionError(this);
    }
  }

  /** The raw checksum of {@code bytes}. */
  public byte[] checksum(byte[] bytes) {
    RunningChecksum running = newChecksum();
    running.update(bytes, 0, bytes.length);
    return running.digest();
  }

  /** Base64 of a raw checksum: the wire form. */
  public String encode(byte[] raw) {
    if (raw.length != digestLength) {
      throw new IllegalArgumentException(algorithmName + " checksums have " + digestLength
          + " bytes, not " + raw.length);
    }
    return Base64.getEncoder().encodeToString(raw);
  }

  /**
   * Decodes a wire value (surrounding whitespace ignored).
   *
   * @throws IntegrityException {@link IntegrityFailure#INVALID_CHECKSUM} unless it is the base64
   *     of exactly {@link #digestLength()} bytes
   */
  public byte[] decode(String base64) {
    byte[] raw = decodeBase64(base64);
    if (raw == null || raw.length != digestLength) {
      throw new IntegrityException(IntegrityFailure.INVALID_CHECKSUM,
          "Value for " + headerName + " header is invalid.");
    }
    return raw;
  }

  /** The algorithm of a checksum header or trailer name (any case), if it is one. */
  public static Optional<ChecksumAlgorithm> fromHeaderName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String lower = name.trim().toLowerCase(Locale.ROOT);
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.headerName.equals(lower)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /** The algorithm named in x-amz-sdk-checksum-algorithm / x-amz-checksum-algorithm, any case. */
  public static Optional<ChecksumAlgorithm> fromAlgorithmName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String trimmed = name.trim();
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.algorithmName.equalsIgnoreCase(trimmed)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /** Base64 (padding optional, whitespace around ignored), or null if it is not base64. */
  static byte[] decodeBase64(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** True when {@code value} is non-empty and only ASCII hex digits. */
  static boolean isAsciiHex(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** The low {@code length} bytes of {@code value}, big-endian. */
  static byte[] longToBytes(long value, int length) {
    byte[] out = new byte[length];
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }

  /** Big-endian bytes (at most 8) as an unsigned value. */
  static long bytesToLong(byte[] bytes) {
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xff);
    }
    return value;
  }

  static MessageDigest newMessageDigest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      // MD5, SHA-1 and SHA-256 are required of every Java platform.
      throw new IllegalStateException(name + " is not available", e);
    }
  }

  /** java.util.zip CRCs, as big-endian bytes. */
  private static final class JdkCrc implements RunningChecksum {
    private final Checksum crc;
    private final int length;

    JdkCrc(Checksum crc, int length) {
      this.crc = crc;
      this.length = length;
    }

    @Override
    public void update(byte[] bytes, int off, int len) {
      crc.update(bytes, off, len);
    }

    @Override
    public void update(ByteBuffer buffer) {
      crc.update(buffer);
    }

    @Override
    public byte[] digest() {
      return longToBytes(crc.getValue(), length);
    }
  }

  /** MessageDigest-backed checksums (SHA-1, SHA-256). */
  static final class Digest implements RunningChecksum {
    private final MessageDigest digest;

    Digest(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void update(byte[] bytes, int off, int len) {
      digest.update(bytes, off, len);
    }

    @Override
    public void update(ByteBuffer buffer) {
      digest.update(buffer);
    }

    @Override
    public byte[] digest() {
      return digest.digest();
    }
  }
}

package dev.minicloud.controlplane.storage.integrity;

import java.util.EnumMap;
import java.util.Map;

/**
 * Combines CRCs of consecutive byte ranges: from crc(A), crc(B) and len(B), crc(A + B), without the
 * bytes. The math of zlib's {@code crc32_combine} (multiplication modulo the polynomial in GF(2),
 * with x^(2^k) mod p tabulated), generalised to the reflected, all-ones-init/xorout CRCs of S3:
 * CRC32, CRC32C and CRC64NVME. Cost: O(log len) polynomial multiplications.
 */
public final class CrcCombine {

  private static final Map<ChecksumAlgorithm, Field> FIELDS = new EnumMap<>(ChecksumAlgorithm.class);

  static {
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      if (algorithm.isCrc()) {
        FIELDS.put(algorithm, new Field(algorithm.crcWidth(), algorithm.reflectedPolynomial()));
      }
    }
  }

  private CrcCombine() {}

  /**
   * crc(A + B) from {@code crcA} = crc(A), {@code crcB} = crc(B) and {@code lengthB} = len(B) in
   * bytes; CRC values as unsigned numbers in a long (32-bit ones in the low bits).
   */
  public static long combine(ChecksumAlgorithm algorithm, long crcA, long crcB, long lengthB) {
    if (lengthB < 0) {
      throw new IllegalArgumentException("negative length " + lengthB);
    }
    Field field = FIELDS.get(algorithm);
    if (field == null) {
      throw new IllegalArgumentException(algorithm + " is not a CRC");
    }
    return field.multiply(field.xPow8n(lengthB), crcA) ^ crcB;
  }

  /** Same, with raw (big-endian) checksums as S3 encodes them. */
  public static byte[] combine(ChecksumAlgorithm algorithm, byte[] crcA, byte[] crcB,
      long lengthB) {
    int size = algorithm.digestLength();
    if (crcA.length != size || crcB.length != size) {
      throw new IllegalArgumentException(algorithm + " checksums have " + size + " bytes");
    }
    return ChecksumAlgorithm.longToBytes(combine(algorithm, ChecksumAlgorithm.bytesToLong(crcA),
        ChecksumAlgorithm.bytesToLong(crcB), lengthB), size);
  }

  /** GF(2)[x] modulo one CRC polynomial, in the reflected representation (x^0 is the top bit). */
  private static final class Field {
    private final long poly;
    private final long one;
    /** x^(2^k) mod p, for k = 0..66 (enough for any length < 2^63 bytes, times 8 bits). */
    private final long[] x2k = new long[67];

    Field(int width, long poly) {
      this.poly = poly;
      this.one = 1L << (width - 1);
      x2k[0] = one >>> 1; // x^1
      for (int k = 1; k < x2k.length; k++) {
        x2k[k] = multiply(x2k[k - 1], x2k[k - 1]);
      }
    }

    /** a(x) * b(x) mod p(x). */
    long multiply(long a, long b) {
      if (a == 0) {
        return 0;
      }
      long m = one;
      long product = 0;
      while (true) {
        if ((a & m) != 0) {
          product ^= b;
          if ((a & (m - 1)) == 0) {
            return product;
          }
        }
        m >>>= 1;
        b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
      }
    }

    /** x^(8n) mod p: appending n zero bytes. */
    long xPow8n(long n) {
      long p = one;
      int k = 3;
      while (n != 0) {
        if ((n & 1) != 0) {
          p = multiply(x2k[k], p);
        }
        n >>>= 1;
        k++;
      }
      return p;
    }
  }
}

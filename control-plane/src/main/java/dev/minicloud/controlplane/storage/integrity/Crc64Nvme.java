package dev.minicloud.controlplane.storage.integrity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * CRC-64/NVME, S3's CRC64NVME: reflected, polynomial 0xad93d23594c93659 (0x9a6c9329ac4bc9b5
 * reflected), initial value and final xor all ones. Check value ("123456789") 0xae8b14860a799888.
 * Table-driven, eight bytes per step (slicing-by-8).
 */
public final class Crc64Nvme implements RunningChecksum {

  /** The polynomial in reflected (LSB-first) form. */
  public static final long POLY_REFLECTED = 0x9a6c9329ac4bc9b5L;

  private static final long[] TABLE = new long[8 * 256];
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    for (int n = 0; n < 256; n++) {
      long c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
      }
      TABLE[n] = c;
    }
    for (int t = 1; t < 8; t++) {
      for (int n = 0; n < 256; n++) {
        long previous = TABLE[(t - 1) * 256 + n];
        TABLE[t * 256 + n] = (previous >>> 8) ^ TABLE[(int) (previous & 0xff)];
      }
    }
  }

  /** The register, inverted: ~0 before any byte. */
  private long register = -1L;

  /** The CRC of {@code bytes}. */
  public static long of(byte[] bytes) {
    return ~update(-1L, bytes, 0, bytes.length);
  }

  @Override
  public void update(byte[] bytes, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, bytes.length);
    register = update(register, bytes, off, len);
  }

  @Override
  public void update(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      int len = buffer.remaining();
      register = update(register, buffer.array(), buffer.arrayOffset() + buffer.position(), len);
      buffer.position(buffer.limit());
      return;
    }
    ByteBuffer le = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    long crc = register;
    while (le.remaining() >= 8) {
      crc = step8(crc ^ le.getLong());
    }
    while (le.hasRemaining()) {
      crc = TABLE[(int) (crc ^ le.get()) & 0xff] ^ (crc >>> 8);
    }
    register = crc;
    buffer.position(buffer.limit());
  }

  /** The CRC so far, as an unsigned 64-bit value in a long. */
  public long value() {
    return ~register;
  }

  @Override
  public byte[] digest() {
    return ChecksumAlgorithm.longToBytes(value(), 8);
  }

  private static long update(long crc, byte[] bytes, int off, int len) {
    int i = off;
    int end = off + len;
    for (; end - i >= 8; i += 8) {
      crc = step8(crc ^ (long) LONG_LE.get(bytes, i));
    }
    for (; i < end; i++) {
      crc = TABLE[(int) (crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    }
    return crc;
  }

  private static long step8(long x) {
    return TABLE[7 * 256 + ((int) x & 0xff)]
        ^ TABLE[6 * 256 + ((int) (x >>> 8) & 0xff)]
        ^ TABLE[5 * 256 + ((int) (x >>> 16) & 0xff)]
        ^ TABLE[4 * 256 + ((int) (x >>> 24) & 0xff)]
        ^ TABLE[3 * 256 + ((int) (x >>> 32) & 0xff)]
        ^ TABLE[2 * 256 + ((int) (x >>> 40) & 0xff)]
        ^ TABLE[256 + ((int) (x >>> 48) & 0xff)]
        ^ TABLE[(int) (x >>> 56)];
  }
}

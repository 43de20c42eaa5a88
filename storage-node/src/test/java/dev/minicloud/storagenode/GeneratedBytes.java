package dev.minicloud.storagenode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Test fixture: a reproducible stream of pseudo-random bytes of any length, generated as it is read
 * (never held whole), and the SHA-256 helpers to compare what comes back.
 */
final class GeneratedBytes extends InputStream {

  private final SplittableRandom random;
  private long remaining;
  private long word;
  private int wordBytes;

  private GeneratedBytes(long size, long seed) {
    this.random = new SplittableRandom(seed);
    this.remaining = size;
  }

  static InputStream stream(long size, long seed) {
    return new GeneratedBytes(size, seed);
  }

  /** The SHA-256 of {@code stream(size, seed)}, hex. */
  static String sha256(long size, long seed) {
    return sha256(stream(size, seed)).hex();
  }

  record Digest(long bytes, String hex) {}

  /** Reads {@code in} to its end, hashing; closes it. */
  static Digest sha256(InputStream in) {
    try (DigestInputStream digesting = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = digesting.read(buffer)) != -1; ) {
        total += n;
      }
      return new Digest(total, HexFormat.of().formatHex(digesting.getMessageDigest().digest()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (remaining <= 0) {
      return -1;
    }
    int n = (int) Math.min(len, remaining);
    for (int i = 0; i < n; i++) {
      if (wordBytes == 0) {
        word = random.nextLong();
        wordBytes = 8;
      }
      b[off + i] = (byte) word;
      word >>>= 8;
      wordBytes--;
    }
    remaining -= n;
    return n;
  }
}

package dev.minicloud.controlplane.storage.encryption;

import io.vertx.core.buffer.Buffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CTR over one blob, from any byte offset: the counter block for byte {@code o} is
 * {@code iv + o / 16} (a 128-bit big-endian addition), and the first {@code o % 16} bytes of that
 * block's keystream are skipped. Ciphertext and plaintext have the same length, so sizes, ranges
 * and Content-Length stay those of the plaintext. Not thread-safe: one per stream.
 */
public final class SegmentCipher {

  private final Cipher cipher;

  SegmentCipher(byte[] key, byte[] iv, long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset < 0");
    }
    try {
      cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counterAt(iv, offset)));
      int skip = (int) (offset & 15);
      if (skip > 0) {
        cipher.update(new byte[skip]);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR unavailable", e);
    }
  }

  /** {@code iv + offset / 16}, modulo 2^128. */
  static byte[] counterAt(byte[] iv, long offset) {
    byte[] counter = iv.clone();
    long add = offset >>> 4;
    int carry = 0;
    for (int i = counter.length - 1; i >= 0; i--) {
      int sum = (counter[i] & 0xff) + (int) (add & 0xff) + carry;
      counter[i] = (byte) sum;
      carry = sum >>> 8;
      add >>>= 8;
    }
    return counter;
  }

  /** Encrypts (or decrypts) {@code bytes[from, from + length)} in place. */
  public void apply(byte[] bytes, int from, int length) {
    try {
      int done = cipher.update(bytes, from, length, bytes, from);
      if (done != length) {
        throw new IllegalStateException("AES-CTR returned " + done + " of " + length + " bytes");
      }
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next bytes of the stream, transformed, in a new buffer ({@code in} is left as it is). */
  public Buffer apply(Buffer in) {
    byte[] bytes = in.getBytes();
    apply(bytes, 0, bytes.length);
    return Buffer.buffer(bytes);
  }
}

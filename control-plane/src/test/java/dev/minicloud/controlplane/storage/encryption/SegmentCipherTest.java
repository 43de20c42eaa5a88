package dev.minicloud.controlplane.storage.encryption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** AES-256-CTR from any offset: known answers, arbitrary ranges, chunking, counter carry. */
class SegmentCipherTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void matchesNistSp800_38aCtrAes256Vectors() {
    // NIST SP 800-38A, F.5.5 CTR-AES256.Encrypt: blocks 1 and 2 (the counter's last byte carries: ff -> 00).
    byte[] key = HEX.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
    byte[] iv = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    byte[] plain = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
    byte[] expected = HEX.parseHex("601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5");

    byte[] whole = plain.clone();
    new SegmentCipher(key, iv, 0).apply(whole, 0, whole.length);
    assertArrayEquals(expected, whole);

    byte[] second = Arrays.copyOfRange(plain, 16, 32);
    new SegmentCipher(key, iv, 16).apply(second, 0, 16);
    assertArrayEquals(Arrays.copyOfRange(expected, 16, 32), second, "block 2 without block 1");

    byte[] unaligned = Arrays.copyOfRange(plain, 7, 29);
    new SegmentCipher(key, iv, 7).apply(unaligned, 0, unaligned.length);
    assertArrayEquals(Arrays.copyOfRange(expected, 7, 29), unaligned, "bytes 7..28 alone");
  }

  @Test
  void anyRangeDecryptsWithoutWhatPrecedesIt() {
    DataKey key = DataKey.random(new SecureRandom());
    byte[] plain = new byte[200_003];
    new Random(7).nextBytes(plain);
    byte[] cipher = plain.clone();
    SegmentCipher encrypt = key.at(0);
    // Encrypted in uneven chunks, as bodies arrive.
    Random sizes = new Random(11);
    for (int at = 0; at < cipher.length; ) {
      int n = Math.min(cipher.length - at, 1 + sizes.nextInt(70_000));
      encrypt.apply(cipher, at, n);
      at += n;
    }
    assertFalse(Arrays.equals(plain, cipher));
    assertEquals(plain.length, cipher.length, "CTR keeps the size");

    Random offsets = new Random(13);
    int[] fixed = {0, 1, 15, 16, 17, 31, 32, 65_535, 65_536, plain.length - 1};
    for (int i = 0; i < fixed.length + 40; i++) {
      int from = i < fixed.length ? fixed[i] : offsets.nextInt(plain.length);
      int to = Math.min(plain.length, from + 1 + offsets.nextInt(5_000));
      byte[] part = Arrays.copyOfRange(cipher, from, to);
      SegmentCipher decrypt = key.at(from);
      // split once more, to cross block boundaries mid-call
      int split = (to - from) / 3;
      decrypt.apply(part, 0, split);
      decrypt.apply(part, split, part.length - split);
      assertArrayEquals(Arrays.copyOfRange(plain, from, to), part, "range " + from + ".." + (to - 1));
    }
  }

  @Test
  void theCounterIsA128BitAdditionWithCarry() {
    byte[] iv = HEX.parseHex("00000000000000ffffffffffffffffff");
    for (long offset : new long[] {0, 15, 16, 4096, 5L * 1024 * 1024 * 1024, Long.MAX_VALUE}) {
      BigInteger expected = new BigInteger(1, iv).add(BigInteger.valueOf(offset >>> 4));
      assertEquals(expected, new BigInteger(1, SegmentCipher.counterAt(iv, offset)), "offset " + offset);
    }
    byte[] max = HEX.parseHex("ffffffffffffffffffffffffffffffff");
    assertArrayEquals(new byte[16], SegmentCipher.counterAt(max, 16), "wraps modulo 2^128");
  }

  @Test
  void twoKeysGiveDifferentKeystreams() {
    SecureRandom random = new SecureRandom();
    byte[] zeros = new byte[64];
    byte[] a = zeros.clone();
    byte[] b = zeros.clone();
    DataKey.random(random).at(0).apply(a, 0, 64);
    DataKey.random(random).at(0).apply(b, 0, 64);
    assertFalse(Arrays.equals(a, b));
    assertEquals("DataKey[redacted]", DataKey.random(random).toString());
  }
}

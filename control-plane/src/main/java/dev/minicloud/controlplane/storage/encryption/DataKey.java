package dev.minicloud.controlplane.storage.encryption;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One blob's AES-256 key and 128-bit initial counter block, in memory only: what is stored is its
 * {@link SealedKey}. A blob is written once, so a key is never used for two plaintexts.
 */
public final class DataKey {

  static final int KEY_BYTES = 32;
  static final int IV_BYTES = 16;

  /** key || iv. */
  private final byte[] material;

  private DataKey(byte[] material) {
    if (material.length != KEY_BYTES + IV_BYTES) {
      throw new IllegalStateException("a data key has " + (KEY_BYTES + IV_BYTES) + " bytes, not " + material.length);
    }
    this.material = material;
  }

  static DataKey random(SecureRandom random) {
    byte[] material = new byte[KEY_BYTES + IV_BYTES];
    random.nextBytes(material);
    return new DataKey(material);
  }

  static DataKey of(byte[] material) {
    return new DataKey(material.clone());
  }

  byte[] material() {
    return material.clone();
  }

  /** A cipher positioned at byte {@code offset} of the blob (encrypting and decrypting are the same in CTR). */
  public SegmentCipher at(long offset) {
    return new SegmentCipher(Arrays.copyOfRange(material, 0, KEY_BYTES),
        Arrays.copyOfRange(material, KEY_BYTES, KEY_BYTES + IV_BYTES), offset);
  }

  @Override
  public String toString() {
    return "DataKey[redacted]";
  }
}

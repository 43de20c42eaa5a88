package dev.minicloud.controlplane.storage.encryption;

import dev.minicloud.controlplane.identity.SecretCipher;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Makes data keys and seals/opens them with the master key. The associated data binds a sealed key
 * to its blob id.
 */
public final class DataKeys {

  private final SecretCipher master;
  private final SecureRandom random = new SecureRandom();

  public DataKeys(SecretCipher master) {
    this.master = master;
  }

  /** A fresh random key and initial counter block (SecureRandom). */
  public DataKey newKey() {
    return DataKey.random(random);
  }

  public SealedKey seal(String blobId, DataKey key) {
    byte[] material = key.material();
    try {
      return new SealedKey(blobId, master.seal(material, associatedData(blobId)));
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** Opens a sealed key; throws IllegalStateException when it does not open under the master key. */
  public DataKey open(SealedKey sealed) {
    byte[] material = master.open(sealed.sealed(), associatedData(sealed.blobId()));
    try {
      return DataKey.of(material);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** The same key sealed again under {@code to}'s master key (master key rotation). */
  public SealedKey reseal(SealedKey sealed, DataKeys to) {
    return to.seal(sealed.blobId(), open(sealed));
  }

  static String associatedData(String blobId) {
    return "minicloud/sse-data-key/" + blobId;
  }
}

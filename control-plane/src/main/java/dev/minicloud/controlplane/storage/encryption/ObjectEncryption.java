package dev.minicloud.controlplane.storage.encryption;

import java.util.List;

/**
 * How an object's bytes are encrypted, stored on its record; absent (null) for a plain object,
 * including every object written before server-side encryption existed.
 *
 * @param algorithm what {@code x-amz-server-side-encryption} reports: {@code AES256}
 * @param keys one sealed data key per segment, in segment order (each names its blob)
 */
public record ObjectEncryption(String algorithm, List<SealedKey> keys) {

  public static final String AES256 = "AES256";

  public ObjectEncryption {
    keys = List.copyOf(keys);
  }

  public static ObjectEncryption aes256(List<SealedKey> keys) {
    return new ObjectEncryption(AES256, keys);
  }
}

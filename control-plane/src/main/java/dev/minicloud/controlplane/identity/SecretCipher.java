package dev.minicloud.controlplane.identity;

import dev.minicloud.common.io.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (access key secrets) with AES-256-GCM under a master key kept in its
 * own file, outside the metadata database, so a copy of the database alone reveals no secret.
 * The associated data binds each ciphertext to its record (e.g. the access key id), so a
 * ciphertext moved onto another record does not decrypt.
 *
 * <p>Format: base64(version byte 1 | 12-byte nonce | ciphertext+tag).
 *
 * <p>Rotation ({@link MasterKeyRotation}) writes the next key to {@code <keyFile>.next} before it
 * re-encrypts anything; while that file exists its key is also tried on decryption, so a rotation
 * interrupted at any point leaves every secret readable (and the rotation can simply be run again).
 */
public final class SecretCipher {

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /** The key used to encrypt first, then keys that are only tried on decryption. */
  private final List<SecretKeySpec> keys;
  private final SecureRandom random = new SecureRandom();

  private SecretCipher(List<byte[]> keyBytes) {
    this.keys = keyBytes.stream().map(k -> new SecretKeySpec(k, "AES")).toList();
  }

  /** A cipher over explicit keys: the first encrypts, all are tried on decryption. */
  static SecretCipher of(byte[] current, byte[]... older) {
    List<byte[]> all = new ArrayList<>();
    all.add(current);
    all.addAll(List.of(older));
    return new SecretCipher(all);
  }

  /**
   * Loads the master key from {@code keyFile}, creating it (mode 0600, 256 random bits) on first use.
   * The key of an interrupted rotation ({@code <keyFile>.next}) is added for decryption.
   */
  public static SecretCipher loadOrCreate(Path keyFile) {
    SecureFiles.createOwnerOnly(keyFile, Base64.getEncoder().encode(newKey()));
    List<byte[]> all = new ArrayList<>();
    all.add(readKey(keyFile));
    Path next = nextKeyFile(keyFile);
    if (Files.exists(next)) {
      all.add(readKey(next));
    }
    return new SecretCipher(all);
  }

  /** Where a rotation keeps the next key until every secret is re-encrypted under it. */
  static Path nextKeyFile(Path keyFile) {
    return keyFile.resolveSibling(keyFile.getFileName() + ".next");
  }

  static byte[] newKey() {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    return fresh;
  }

  static byte[] readKey(Path keyFile) {
    try {
      byte[] keyBytes = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
      if (keyBytes.length != 32) {
        throw new IllegalStateException("master key file " + keyFile + " does not hold a 256-bit key");
      }
      return keyBytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read master key " + keyFile, e);
    }
  }

  public String encrypt(String plaintext, String associatedData) {
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
  }

  /**
   * Encrypts bytes (e.g. an object's data key, see {@code storage.encryption}) in the same format
   * as secrets, bound to {@code associatedData}; {@link MasterKeyRotation} re-encrypts them too.
   */
  public String seal(byte[] plaintext, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
      out.put(VERSION).put(nonce).put(sealed);
      return Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  public String decrypt(String ciphertext, String associatedData) {
    return new String(open(ciphertext, associatedData), StandardCharsets.UTF_8);
  }

  /** Decrypts what {@link #seal} made under any of the keys, for the same associated data. */
  public byte[] open(String ciphertext, String associatedData) {
    byte[] all = Base64.getDecoder().decode(ciphertext);
    if (all.length < 1 + NONCE_BYTES || all[0] != VERSION) {
      throw new IllegalStateException("unknown secret format");
    }
    GeneralSecurityException last = null;
    for (SecretKeySpec key : keys) {
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 1, NONCE_BYTES));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(all, 1 + NONCE_BYTES, all.length - 1 - NONCE_BYTES);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    // Wrong master key or tampered record (the GCM tag says which): never fall back to anything else.
    throw new IllegalStateException("secret does not decrypt under the master key", last);
  }
}

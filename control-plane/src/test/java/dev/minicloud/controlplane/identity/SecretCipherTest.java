package dev.minicloud.controlplane.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

  @TempDir
  Path dir;

  @Test
  void roundTripsAndNeverRepeatsACiphertext() {
    SecretCipher cipher = SecretCipher.loadOrCreate(dir.resolve("master.key"));
    String a = cipher.encrypt("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAEXAMPLE");
    String b = cipher.encrypt("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAEXAMPLE");
    assertNotEquals(a, b, "a fresh nonce per encryption");
    assertFalse(a.contains("wJalr"));
    assertEquals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", cipher.decrypt(a, "AKIAEXAMPLE"));
  }

  @Test
  void ciphertextIsBoundToItsRecord() {
    SecretCipher cipher = SecretCipher.loadOrCreate(dir.resolve("master.key"));
    String sealed = cipher.encrypt("secret", "AKIAONE");
    assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "AKIATWO"));
  }

  @Test
  void keyFileIsOwnerOnlyAndReusedAcrossLoads() throws Exception {
    Path keyFile = dir.resolve("master.key");
    String sealed = SecretCipher.loadOrCreate(keyFile).encrypt("secret", "id");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    assertEquals("secret", SecretCipher.loadOrCreate(keyFile).decrypt(sealed, "id"));
  }

  @Test
  void anotherMasterKeyCannotDecrypt() {
    String sealed = SecretCipher.loadOrCreate(dir.resolve("one.key")).encrypt("secret", "id");
    SecretCipher other = SecretCipher.loadOrCreate(dir.resolve("two.key"));
    assertThrows(IllegalStateException.class, () -> other.decrypt(sealed, "id"));
  }
}

package dev.minicloud.controlplane.storage.encryption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.controlplane.identity.SecretCipher;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data keys sealed by the master key: round trip, bound to their blob, useless under another key. */
class DataKeysTest {

  @TempDir
  Path dir;

  @Test
  void aSealedKeyOpensToTheSameKeyAndHidesIt() {
    DataKeys keys = new DataKeys(SecretCipher.loadOrCreate(dir.resolve("master.key")));
    DataKey key = keys.newKey();
    SealedKey sealed = keys.seal("o-blob-1", key);
    assertEquals("o-blob-1", sealed.blobId());
    assertArrayEquals(key.material(), keys.open(sealed).material());
    byte[] stored = Base64.getDecoder().decode(sealed.sealed());
    assertFalse(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains(new String(key.material(), java.nio.charset.StandardCharsets.ISO_8859_1)), "the key is not in clear");
    assertNotEquals(sealed.sealed(), keys.seal("o-blob-1", key).sealed(), "a fresh nonce every time");
  }

  @Test
  void aSealedKeyMovedToAnotherBlobOrUnderAnotherMasterKeyDoesNotOpen() {
    DataKeys keys = new DataKeys(SecretCipher.loadOrCreate(dir.resolve("master.key")));
    SealedKey sealed = keys.seal("o-blob-1", keys.newKey());
    assertThrows(IllegalStateException.class, () -> keys.open(new SealedKey("o-blob-2", sealed.sealed())));
    DataKeys other = new DataKeys(SecretCipher.loadOrCreate(dir.resolve("other.key")));
    assertThrows(IllegalStateException.class, () -> other.open(sealed));
  }

  @Test
  void resealingKeepsTheKeyUnderTheNewMasterKey() {
    DataKeys from = new DataKeys(SecretCipher.loadOrCreate(dir.resolve("old.key")));
    DataKeys to = new DataKeys(SecretCipher.loadOrCreate(dir.resolve("new.key")));
    DataKey key = from.newKey();
    SealedKey resealed = from.reseal(from.seal("p-1", key), to);
    assertArrayEquals(key.material(), to.open(resealed).material());
    assertThrows(IllegalStateException.class, () -> from.open(resealed));
  }
}

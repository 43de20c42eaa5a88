package dev.minicloud.controlplane.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotating the master key re-encrypts every secret and survives an interruption at any step. */
class MasterKeyRotationTest {

  @TempDir
  Path dir;

  @Test
  void rotationReencryptsEverySecretUnderANewKey() throws Exception {
    Path keyFile = dir.resolve("master.key");
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    IdentityStore before = new IdentityStore(store, SecretCipher.loadOrCreate(keyFile));
    IdentityStore.NewKey key = before.createAccount("tenant", Instant.EPOCH);
    String oldKeyFile = Files.readString(keyFile);
    String oldCiphertext = before.key(key.record().accessKeyId()).orElseThrow().encryptedSecret();

    assertEquals(1, MasterKeyRotation.rotate(keyFile, store).secrets());

    assertNotEquals(oldKeyFile, Files.readString(keyFile));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    assertFalse(Files.exists(SecretCipher.nextKeyFile(keyFile)));
    IdentityStore after = new IdentityStore(store, SecretCipher.loadOrCreate(keyFile));
    assertNotEquals(oldCiphertext, after.key(key.record().accessKeyId()).orElseThrow().encryptedSecret());
    assertEquals(key.secretAccessKey(), after.activeKey(key.record().accessKeyId()).orElseThrow().secretAccessKey());
    // The retired key no longer opens anything.
    Path retired = dir.resolve("retired.key");
    Files.writeString(retired, oldKeyFile);
    IdentityStore withOldKey = new IdentityStore(store, SecretCipher.loadOrCreate(retired));
    assertThrows(IllegalStateException.class, () -> withOldKey.activeKey(key.record().accessKeyId()));
  }

  @Test
  void anInterruptedRotationStaysReadableAndResumes() {
    Path keyFile = dir.resolve("master.key");
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    IdentityStore identity = new IdentityStore(store, SecretCipher.loadOrCreate(keyFile));
    IdentityStore.NewKey first = identity.createAccount("one", Instant.EPOCH);

    // Crash after the batch, before the rename: records under the next key, master.key still old.
    byte[] next = SecretCipher.newKey();
    dev.minicloud.common.io.SecureFiles.writeOwnerOnly(SecretCipher.nextKeyFile(keyFile),
        java.util.Base64.getEncoder().encode(next));
    SecretCipher nextOnly = SecretCipher.of(next);
    AccessKeyRecord r = identity.key(first.record().accessKeyId()).orElseThrow();
    new dev.minicloud.controlplane.metadata.JsonRecords(store).put(dev.minicloud.controlplane.metadata.Table.ACCESS_KEYS,
        r.accessKeyId(), new AccessKeyRecord(r.accessKeyId(), r.accountId(), r.userName(),
            nextOnly.encrypt(first.secretAccessKey(), r.accessKeyId()), r.status(), r.createdAt(), null));

    IdentityStore restarted = new IdentityStore(store, SecretCipher.loadOrCreate(keyFile));
    assertEquals(first.secretAccessKey(), restarted.activeKey(r.accessKeyId()).orElseThrow().secretAccessKey());

    assertEquals(1, MasterKeyRotation.rotate(keyFile, store).secrets());
    assertFalse(Files.exists(SecretCipher.nextKeyFile(keyFile)));
    assertEquals(first.secretAccessKey(), new IdentityStore(store, SecretCipher.of(next))
        .activeKey(r.accessKeyId()).orElseThrow().secretAccessKey(), "the rotation resumed with the same next key");
  }
}

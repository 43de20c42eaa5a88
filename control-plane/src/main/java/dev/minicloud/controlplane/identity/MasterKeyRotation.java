package dev.minicloud.controlplane.identity;

import dev.minicloud.common.io.SecureFiles;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import dev.minicloud.controlplane.storage.encryption.DataKeyRotation;
import dev.minicloud.controlplane.storage.encryption.DataKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Replaces the master key and re-encrypts every secret under the new one ({@code minicloud admin
 * rotate-master-key}, run while the control plane is stopped). Crash-safe in three durable steps:
 * <ol>
 *   <li>the new key is written to {@code master.key.next} (0600, fsynced);</li>
 *   <li>every access key's secret is re-encrypted in one atomic metadata batch, and every object's
 *       sealed data key (server-side encryption) is sealed again under the new key, in batches
 *       ({@link DataKeyRotation}: the data keys and so the object bytes do not change);</li>
 *   <li>{@code master.key.next} is renamed over {@code master.key}.</li>
 * </ol>
 * Until step 3, {@link SecretCipher#loadOrCreate} also tries the next key, so secrets and data keys
 * stay readable after a crash at any point, and running the rotation again resumes with the same
 * next key. After step 3 the old key opens nothing.
 */
public final class MasterKeyRotation {

  private MasterKeyRotation() {}

  /**
   * What a rotation re-encrypted.
   *
   * @param secrets access-key secrets
   * @param dataKeys sealed data keys of encrypted objects and of the parts of open uploads
   */
  public record Rotated(int secrets, long dataKeys) {}

  /** Rotates the key in {@code keyFile} for the secrets and data keys in {@code store}. */
  public static Rotated rotate(Path keyFile, MetadataStore store) {
    SecretCipher old = SecretCipher.loadOrCreate(keyFile);
    Path next = SecretCipher.nextKeyFile(keyFile);
    byte[] nextKey;
    if (Files.exists(next)) {
      nextKey = SecretCipher.readKey(next);
    } else {
      nextKey = SecretCipher.newKey();
      SecureFiles.writeOwnerOnly(next, Base64.getEncoder().encode(nextKey));
    }
    SecretCipher fresh = SecretCipher.of(nextKey);

    JsonRecords records = new JsonRecords(store);
    List<AccessKeyRecord> keys = new ArrayList<>();
    try (var it = records.scanPrefix(Table.ACCESS_KEYS, "", AccessKeyRecord.class)) {
      it.forEachRemaining(e -> keys.add(e.value()));
    }
    WriteBatch batch = store.newBatch();
    for (AccessKeyRecord k : keys) {
      String secret = old.decrypt(k.encryptedSecret(), k.accessKeyId());
      AccessKeyRecord reencrypted = new AccessKeyRecord(k.accessKeyId(), k.accountId(), k.userName(),
          fresh.encrypt(secret, k.accessKeyId()), k.status(), k.createdAt(), k.lastUsedAt());
      records.putInto(batch, Table.ACCESS_KEYS, k.accessKeyId(), reencrypted);
    }
    store.commit(batch);
    long dataKeys = DataKeyRotation.reseal(store, new DataKeys(old), new DataKeys(fresh));

    try {
      try {
        Files.move(next, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(next, keyFile, StandardCopyOption.REPLACE_EXISTING);
      }
      SecureFiles.fsyncDirectory(keyFile.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("secrets are re-encrypted but " + next + " could not replace " + keyFile
          + "; both keys still work, run the rotation again", e);
    }
    return new Rotated(keys.size(), dataKeys);
  }
}

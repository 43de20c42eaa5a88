package dev.minicloud.controlplane.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.Table;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Active-key lookups are remembered, and every change to a key or its account ends that at once. */
class IdentityStoreTest {

  @TempDir
  Path dir;

  private final InMemoryMetadataStore store = new InMemoryMetadataStore();

  private IdentityStore identity() {
    return new IdentityStore(store, SecretCipher.loadOrCreate(dir.resolve("master.key")));
  }

  @Test
  void aRememberedKeyIsServedWithoutReadingItsRecordAgain() {
    IdentityStore identity = identity();
    IdentityStore.NewKey key = identity.createAccount("tenant", Instant.EPOCH);
    String id = key.record().accessKeyId();
    assertEquals(key.secretAccessKey(), identity.activeKey(id).orElseThrow().secretAccessKey());

    // Behind the store's back (no code path does this): the remembered lookup still answers,
    // which shows the cache is used; the tests below show every real write ends it.
    new JsonRecords(store).put(Table.ACCESS_KEYS, id,
        identity.key(id).orElseThrow().withStatus(AccessKeyRecord.Status.INACTIVE));
    assertTrue(identity.activeKey(id).isPresent());
    assertTrue(identity().activeKey(id).isEmpty(), "a store that did not remember it reads the record");
  }

  @Test
  void deactivatingOrDeletingAKeyTakesEffectOnTheNextLookup() {
    IdentityStore identity = identity();
    IdentityStore.NewKey root = identity.createAccount("tenant", Instant.EPOCH);
    String accountId = root.record().accountId();
    IdentityStore.NewKey alice = identity.createKey(accountId, "alice", Instant.EPOCH);
    String id = alice.record().accessKeyId();
    assertTrue(identity.activeKey(id).isPresent());

    identity.setKeyStatus(accountId, "alice", id, AccessKeyRecord.Status.INACTIVE);
    assertTrue(identity.activeKey(id).isEmpty());
    identity.setKeyStatus(accountId, "alice", id, AccessKeyRecord.Status.ACTIVE);
    assertEquals("alice", identity.activeKey(id).orElseThrow().principal().userName());

    identity.deleteKey(accountId, "alice", id);
    assertTrue(identity.activeKey(id).isEmpty());

    String second = identity.createKey(accountId, "alice", Instant.EPOCH).record().accessKeyId();
    assertTrue(identity.activeKey(second).isPresent());
    identity.deleteUserKeys(accountId, "alice", batch -> { });
    assertTrue(identity.activeKey(second).isEmpty());
  }

  @Test
  void suspendingOrDeletingTheAccountEndsItsKeysOnTheNextLookup() {
    IdentityStore identity = identity();
    IdentityStore.NewKey root = identity.createAccount("tenant", Instant.EPOCH);
    String accountId = root.record().accountId();
    String id = root.record().accessKeyId();
    assertTrue(identity.activeKey(id).isPresent());

    identity.setStatus(accountId, AccountRecord.Status.SUSPENDED);
    assertTrue(identity.activeKey(id).isEmpty());
    identity.setStatus(accountId, AccountRecord.Status.ACTIVE);
    assertTrue(identity.activeKey(id).isPresent());

    identity.deleteAccount(accountId);
    assertTrue(identity.activeKey(id).isEmpty());
  }
}

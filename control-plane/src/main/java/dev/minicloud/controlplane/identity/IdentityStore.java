package dev.minicloud.controlplane.identity;

import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Accounts and access keys in the metadata store. Secrets go in encrypted and come out
 * decrypted only to verify a signature.
 */
public final class IdentityStore {

  /** SETTINGS key naming the platform's own (operator) account. */
  static final String ROOT_ACCOUNT_SETTING = "root-account-id";

  private final MetadataStore store;
  private final SecretCipher cipher;

  public IdentityStore(MetadataStore store, SecretCipher cipher) {
    this.store = store;
    this.cipher = cipher;
  }

  /** A usable key with its decrypted secret and the principal it authenticates. */
  public record ActiveKey(String secretAccessKey, Principal principal) {}

  public Optional<String> rootAccountId() {
    return store.get(Table.SETTINGS, utf8(ROOT_ACCOUNT_SETTING)).map(v -> new String(v, StandardCharsets.UTF_8));
  }

  public Optional<AccountRecord> account(String accountId) {
    return store.get(Table.ACCOUNTS, utf8(accountId)).map(v -> Json.fromBytes(v, AccountRecord.class));
  }

  /** The key if it exists, is active and belongs to an active account. */
  public Optional<ActiveKey> activeKey(String accessKeyId) {
    Optional<AccessKeyRecord> key = store.get(Table.ACCESS_KEYS, utf8(accessKeyId))
        .map(v -> Json.fromBytes(v, AccessKeyRecord.class))
        .filter(k -> k.status() == AccessKeyRecord.Status.ACTIVE);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    AccessKeyRecord k = key.get();
    Optional<AccountRecord> account = account(k.accountId())
        .filter(a -> a.status() == AccountRecord.Status.ACTIVE);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    String secret = cipher.decrypt(k.encryptedSecret(), k.accessKeyId());
    return Optional.of(new ActiveKey(secret,
        new Principal(k.accountId(), k.userName(), k.accessKeyId(), account.get().platformRoot())));
  }

  /** Creates the platform's root account and its root key in one atomic, durable write. */
  void createRootAccount(AccountRecord account, String accessKeyId, String secret) {
    AccessKeyRecord key = new AccessKeyRecord(accessKeyId, account.accountId(), Principal.ROOT_USER,
        cipher.encrypt(secret, accessKeyId), AccessKeyRecord.Status.ACTIVE, account.createdAt());
    WriteBatch batch = store.newBatch();
    batch.put(Table.ACCOUNTS, utf8(account.accountId()), Json.toBytes(account));
    batch.put(Table.ACCESS_KEYS, utf8(accessKeyId), Json.toBytes(key));
    batch.put(Table.SETTINGS, utf8(ROOT_ACCOUNT_SETTING), utf8(account.accountId()));
    store.commit(batch);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

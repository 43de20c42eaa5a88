package dev.minicloud.controlplane.identity;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Accounts and access keys in the metadata store. Secrets go in encrypted and come out
 * decrypted only to verify a signature; a created secret is returned once and never stored in clear.
 */
public final class IdentityStore {

  /** SETTINGS key naming the platform's own (operator) account. */
  static final String ROOT_ACCOUNT_SETTING = "root-account-id";

  /** IAM's limit: at most two access keys per user. */
  public static final int MAX_KEYS_PER_USER = 2;

  /** A key's last-used time is written at most this often (not on every request). */
  static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

  private final MetadataStore store;
  private final JsonRecords records;
  private final SecretCipher cipher;
  private final Ids ids = new Ids();
  private final Map<String, Instant> lastUsedWritten = new ConcurrentHashMap<>();
  /**
   * Decrypted secrets by access key id and ciphertext: AES-GCM decryption on every signed request
   * was a visible share of a small request's CPU. Keyed by the ciphertext too, so a re-encrypted
   * (rotated) or replaced secret is a new entry, and by the key id, which the ciphertext is bound
   * to, so a ciphertext copied onto another record is still decrypted (and refused) on its own.
   * Bounded like the signing keys.
   */
  private final Map<String, String> decryptedSecrets = new ConcurrentHashMap<>();
  static final int MAX_DECRYPTED_SECRETS = 4096;
  /**
   * Active keys as last read, each stamped with the {@link #writes} count it was read under: two
   * record reads and their JSON on every signed request were ~5% of a 4 KiB GET's CPU. Every write
   * of an account or key (status, deletion, creation) goes through this class and bumps the count
   * after it commits, so an entry read before a change is never used after it; a change takes
   * effect on the very next request, as it did without the cache. (The master-key rotation also
   * rewrites key records, but only their ciphertext: no key's secret or standing changes.) Only
   * usable keys are kept (an unknown key id cannot push the real ones out), bounded like the secrets.
   */
  private final Map<String, StampedKey> activeKeys = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();

  private record StampedKey(long writes, ActiveKey key) {}

  public IdentityStore(MetadataStore store, SecretCipher cipher) {
    this.store = store;
    this.records = new JsonRecords(store);
    this.cipher = cipher;
  }

  /** A usable key with its decrypted secret and the principal it authenticates. */
  public record ActiveKey(String secretAccessKey, Principal principal) {}

  /** A key just created: the only time its secret is visible. */
  public record NewKey(AccessKeyRecord record, String secretAccessKey) {}

  public Optional<String> rootAccountId() {
    return store.get(Table.SETTINGS, utf8(ROOT_ACCOUNT_SETTING)).map(v -> new String(v, StandardCharsets.UTF_8));
  }

  public Optional<AccountRecord> account(String accountId) {
    return store.get(Table.ACCOUNTS, utf8(accountId)).map(v -> Json.fromBytes(v, AccountRecord.class));
  }

  public AccountRecord requireAccount(String accountId) {
    return account(accountId).orElseThrow(() -> new ApiException(ApiErrorCode.NO_SUCH_ENTITY,
        "The account with id " + accountId + " cannot be found."));
  }

  /** The key if it exists, is active and belongs to an active account. */
  public Optional<ActiveKey> activeKey(String accessKeyId) {
    long stamp = writes.get(); // read before the records: a write committed after this voids the entry
    StampedKey cached = activeKeys.get(accessKeyId);
    if (cached != null && cached.writes() == stamp) {
      return Optional.of(cached.key());
    }
    Optional<ActiveKey> read = readActiveKey(accessKeyId);
    read.ifPresent(key -> {
      if (activeKeys.size() >= MAX_DECRYPTED_SECRETS) {
        activeKeys.clear();
      }
      activeKeys.put(accessKeyId, new StampedKey(stamp, key));
    });
    return read;
  }

  private Optional<ActiveKey> readActiveKey(String accessKeyId) {
    Optional<AccessKeyRecord> key = key(accessKeyId).filter(k -> k.status() == AccessKeyRecord.Status.ACTIVE);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    AccessKeyRecord k = key.get();
    Optional<AccountRecord> account = account(k.accountId())
        .filter(a -> a.status() == AccountRecord.Status.ACTIVE);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    String secret = decryptedSecret(k);
    return Optional.of(new ActiveKey(secret,
        new Principal(k.accountId(), k.userName(), k.accessKeyId(), account.get().platformRoot())));
  }

  private String decryptedSecret(AccessKeyRecord k) {
    String id = k.accessKeyId() + '\n' + k.encryptedSecret();
    String secret = decryptedSecrets.get(id);
    if (secret == null) {
      secret = cipher.decrypt(k.encryptedSecret(), k.accessKeyId());
      if (decryptedSecrets.size() >= MAX_DECRYPTED_SECRETS) {
        decryptedSecrets.clear();
      }
      decryptedSecrets.put(id, secret);
    }
    return secret;
  }

  public Optional<AccessKeyRecord> key(String accessKeyId) {
    return records.get(Table.ACCESS_KEYS, accessKeyId, AccessKeyRecord.class);
  }

  /** Creates the platform's root account and its root key in one atomic, durable write. */
  void createRootAccount(AccountRecord account, String accessKeyId, String secret) {
    AccessKeyRecord key = new AccessKeyRecord(accessKeyId, account.accountId(), Principal.ROOT_USER,
        cipher.encrypt(secret, accessKeyId), AccessKeyRecord.Status.ACTIVE, account.createdAt(), null);
    WriteBatch batch = store.newBatch();
    batch.put(Table.ACCOUNTS, utf8(account.accountId()), Json.toBytes(account));
    batch.put(Table.ACCESS_KEYS, utf8(accessKeyId), Json.toBytes(key));
    batch.put(Table.SETTINGS, utf8(ROOT_ACCOUNT_SETTING), utf8(account.accountId()));
    commit(batch);
  }

  // ---- accounts ----

  /** Creates a tenant account with its root user's first access key, atomically. */
  public synchronized NewKey createAccount(String name, Instant now) {
    for (AccountRecord existing : accounts()) {
      if (existing.name().equals(name)) {
        throw new ApiException(ApiErrorCode.ENTITY_ALREADY_EXISTS, "An account named " + name + " already exists.");
      }
    }
    String accountId;
    do {
      accountId = ids.accountId();
    } while (account(accountId).isPresent());
    AccountRecord account = new AccountRecord(accountId, name, AccountRecord.Status.ACTIVE, false, now);
    String keyId = ids.accessKeyId();
    String secret = ids.secretAccessKey();
    AccessKeyRecord key = new AccessKeyRecord(keyId, accountId, Principal.ROOT_USER, cipher.encrypt(secret, keyId),
        AccessKeyRecord.Status.ACTIVE, now, null);
    WriteBatch batch = store.newBatch();
    records.putInto(batch, Table.ACCOUNTS, accountId, account);
    records.putInto(batch, Table.ACCESS_KEYS, keyId, key);
    commit(batch);
    return new NewKey(key, secret);
  }

  public List<AccountRecord> accounts() {
    List<AccountRecord> all = new ArrayList<>();
    try (var it = records.scanPrefix(Table.ACCOUNTS, "", AccountRecord.class)) {
      it.forEachRemaining(e -> all.add(e.value()));
    }
    return all;
  }

  public synchronized AccountRecord setStatus(String accountId, AccountRecord.Status status) {
    AccountRecord a = requireAccount(accountId);
    if (a.platformRoot()) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "The platform's own account cannot be suspended.");
    }
    AccountRecord updated = new AccountRecord(a.accountId(), a.name(), status, a.platformRoot(), a.createdAt());
    put(Table.ACCOUNTS, accountId, updated);
    return updated;
  }

  /** Deletes an account record and every access key of it (the caller checked it holds nothing else). */
  public synchronized void deleteAccount(String accountId) {
    AccountRecord a = requireAccount(accountId);
    if (a.platformRoot()) {
      throw new ApiException(ApiErrorCode.DELETE_CONFLICT, "The platform's own account cannot be deleted.");
    }
    WriteBatch batch = store.newBatch();
    for (AccessKeyRecord k : keys(accountId, null)) {
      batch.delete(Table.ACCESS_KEYS, utf8(k.accessKeyId()));
    }
    batch.delete(Table.ACCOUNTS, utf8(accountId));
    commit(batch);
  }

  // ---- access keys ----

  /** Keys of an account, or of one of its users when {@code userName} is not null. */
  public List<AccessKeyRecord> keys(String accountId, String userName) {
    List<AccessKeyRecord> out = new ArrayList<>();
    try (var it = records.scanPrefix(Table.ACCESS_KEYS, "", AccessKeyRecord.class)) {
      while (it.hasNext()) {
        AccessKeyRecord k = it.next().value();
        if (k.accountId().equals(accountId) && (userName == null || k.userName().equals(userName))) {
          out.add(k);
        }
      }
    }
    return out;
  }

  /** A new active key for a user (or the account root); at most {@value #MAX_KEYS_PER_USER} per user. */
  public synchronized NewKey createKey(String accountId, String userName, Instant now) {
    if (keys(accountId, userName).size() >= MAX_KEYS_PER_USER) {
      throw new ApiException(ApiErrorCode.LIMIT_EXCEEDED,
          "Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
    }
    String keyId = ids.accessKeyId();
    String secret = ids.secretAccessKey();
    AccessKeyRecord key = new AccessKeyRecord(keyId, accountId, userName, cipher.encrypt(secret, keyId),
        AccessKeyRecord.Status.ACTIVE, now, null);
    put(Table.ACCESS_KEYS, keyId, key);
    return new NewKey(key, secret);
  }

  private AccessKeyRecord requireKey(String accountId, String userName, String accessKeyId) {
    return key(accessKeyId).filter(k -> k.accountId().equals(accountId) && k.userName().equals(userName))
        .orElseThrow(() -> new ApiException(ApiErrorCode.NO_SUCH_ENTITY,
            "The Access Key with id " + accessKeyId + " cannot be found."));
  }

  public synchronized AccessKeyRecord setKeyStatus(String accountId, String userName, String accessKeyId,
      AccessKeyRecord.Status status) {
    AccessKeyRecord updated = requireKey(accountId, userName, accessKeyId).withStatus(status);
    put(Table.ACCESS_KEYS, accessKeyId, updated);
    return updated;
  }

  public synchronized void deleteKey(String accountId, String userName, String accessKeyId) {
    requireKey(accountId, userName, accessKeyId);
    records.delete(Table.ACCESS_KEYS, accessKeyId);
    writes.incrementAndGet(); // see activeKeys
    lastUsedWritten.remove(accessKeyId);
  }

  /**
   * Deletes every key of a user together with the caller's own deletions ({@code more}), in one
   * atomic batch, under this store's lock: a concurrent {@link #recordUse} cannot write a key back.
   */
  public synchronized void deleteUserKeys(String accountId, String userName, Consumer<WriteBatch> more) {
    WriteBatch batch = store.newBatch();
    for (AccessKeyRecord k : keys(accountId, userName)) {
      batch.delete(Table.ACCESS_KEYS, utf8(k.accessKeyId()));
      lastUsedWritten.remove(k.accessKeyId());
    }
    more.accept(batch);
    commit(batch);
  }

  /**
   * Records that a key authenticated a request. Written through at most once per
   * {@link #LAST_USED_GRANULARITY} per key, so a busy key costs no write per request.
   */
  public void recordUse(String accessKeyId, Instant now) {
    Instant written = lastUsedWritten.get(accessKeyId);
    if (written != null && Duration.between(written, now).compareTo(LAST_USED_GRANULARITY) < 0) {
      return;
    }
    lastUsedWritten.put(accessKeyId, now);
    synchronized (this) {
      key(accessKeyId).ifPresent(k -> put(Table.ACCESS_KEYS, accessKeyId, k.withLastUsed(now)));
    }
  }

  /** The writes of accounts and keys: each voids the remembered {@link #activeKeys} once it is durable. */
  private void commit(WriteBatch batch) {
    store.commit(batch);
    writes.incrementAndGet();
  }

  private void put(Table table, String key, Object record) {
    records.put(table, key, record);
    writes.incrementAndGet();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

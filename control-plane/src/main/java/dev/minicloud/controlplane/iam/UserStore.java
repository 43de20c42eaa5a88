package dev.minicloud.controlplane.iam;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.iam.policy.BuiltInPolicies;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Users and customer managed policies of every account, in the metadata store. */
public final class UserStore {

  /** IAM's user and policy name characters. */
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  /** IAM's limit of managed policies attached to one user. */
  public static final int MAX_ATTACHED_POLICIES = 10;
  private static final int MAX_CACHED_USERS = 100_000;

  private final MetadataStore store;
  private final JsonRecords records;
  private final IdentityStore identity;
  private final Ids ids = new Ids();
  /**
   * Users read on every request of theirs (for their policies), cached; every write goes through
   * this class and drops the entry, and there is one control plane, so the cache is never stale.
   */
  private final Map<String, Optional<UserRecord>> cache = new ConcurrentHashMap<>();
  private final GroupStore groups;

  public UserStore(MetadataStore store, IdentityStore identity) {
    this.store = store;
    this.records = new JsonRecords(store);
    this.identity = identity;
    this.groups = new GroupStore(store, this);
  }

  /** The accounts' groups, which share this store's lock (memberships are on the user records). */
  public GroupStore groups() {
    return groups;
  }

  public static void checkName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR,
          what + " must be 1-64 characters of letters, digits and +=,.@_-");
    }
  }

  private static String key(String accountId, String name) {
    return accountId + "/" + name;
  }

  // ---- users ----

  public Optional<UserRecord> user(String accountId, String userName) {
    String key = key(accountId, userName);
    Optional<UserRecord> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    // Filled under the writers' lock, so a read racing a write can never cache what the write replaced.
    synchronized (this) {
      Optional<UserRecord> read = records.get(Table.USERS, key, UserRecord.class);
      if (cache.size() < MAX_CACHED_USERS) {
        cache.put(key, read);
      }
      return read;
    }
  }

  public UserRecord requireUser(String accountId, String userName) {
    return user(accountId, userName).orElseThrow(() -> new ApiException(ApiErrorCode.NO_SUCH_ENTITY,
        "The user with name " + userName + " cannot be found."));
  }

  public synchronized UserRecord createUser(String accountId, String userName, Instant now) {
    checkName("userName", userName);
    if (Principal.ROOT_USER.equals(userName) || user(accountId, userName).isPresent()) {
      throw new ApiException(ApiErrorCode.ENTITY_ALREADY_EXISTS, "User with name " + userName + " already exists.");
    }
    UserRecord user = new UserRecord(accountId, userName, "AIDA" + ids.accessKeyId().substring(4), now, null, null,
        null);
    records.put(Table.USERS, key(accountId, userName), user);
    cache.remove(key(accountId, userName));
    return user;
  }

  public List<UserRecord> users(String accountId) {
    List<UserRecord> out = new ArrayList<>();
    try (var it = records.scanPrefix(Table.USERS, accountId + "/", UserRecord.class)) {
      it.forEachRemaining(e -> out.add(e.value()));
    }
    return out;
  }

  /**
   * Deletes a user with its access keys, inline policies, attachments and group memberships (all
   * on its record), atomically.
   */
  public synchronized void deleteUser(String accountId, String userName) {
    requireUser(accountId, userName);
    identity.deleteUserKeys(accountId, userName,
        batch -> batch.delete(Table.USERS, JsonRecords.key(key(accountId, userName))));
    cache.remove(key(accountId, userName));
  }

  public synchronized UserRecord updateUser(String accountId, String userName, UnaryOperator<UserRecord> change) {
    UserRecord updated = change.apply(requireUser(accountId, userName));
    records.put(Table.USERS, key(accountId, userName), updated);
    cache.remove(key(accountId, userName));
    return updated;
  }

  /** Deletes every user, group and customer managed policy of an account (when the account is deleted). */
  public synchronized void deleteAll(String accountId) {
    WriteBatch batch = store.newBatch();
    groups.deleteAllInto(batch, accountId);
    for (UserRecord u : users(accountId)) {
      batch.delete(Table.USERS, JsonRecords.key(key(accountId, u.userName())));
    }
    for (ManagedPolicyRecord p : policies(accountId)) {
      batch.delete(Table.POLICIES, JsonRecords.key(key(accountId, p.policyName())));
    }
    store.commit(batch);
    cache.keySet().removeIf(k -> k.startsWith(accountId + "/"));
    groups.forgetAll(accountId);
  }

  // ---- managed policies ----

  public synchronized ManagedPolicyRecord createPolicy(String accountId, String name, String document,
      String description, Instant now) {
    checkName("policyName", name);
    if (records.get(Table.POLICIES, key(accountId, name), ManagedPolicyRecord.class).isPresent()) {
      throw new ApiException(ApiErrorCode.ENTITY_ALREADY_EXISTS, "A policy called " + name + " already exists.");
    }
    ManagedPolicyRecord policy = new ManagedPolicyRecord(accountId, name, Arns.policy(accountId, name), document,
        description, now);
    records.put(Table.POLICIES, key(accountId, name), policy);
    return policy;
  }

  public List<ManagedPolicyRecord> policies(String accountId) {
    List<ManagedPolicyRecord> out = new ArrayList<>();
    try (var it = records.scanPrefix(Table.POLICIES, accountId + "/", ManagedPolicyRecord.class)) {
      it.forEachRemaining(e -> out.add(e.value()));
    }
    return out;
  }

  /** The customer managed policy an ARN names, if it exists. */
  public Optional<ManagedPolicyRecord> policy(String arn) {
    String normalized = Arns.normalize(arn);
    String prefix = Arns.PREFIX + "iam::";
    if (!normalized.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = normalized.substring(prefix.length());
    int colon = rest.indexOf(":policy/");
    if (colon < 0) {
      return Optional.empty();
    }
    return records.get(Table.POLICIES, key(rest.substring(0, colon), rest.substring(colon + ":policy/".length())),
        ManagedPolicyRecord.class);
  }

  /** Deletes a customer managed policy unless a user or group still has it attached (DeleteConflict). */
  public synchronized void deletePolicy(String accountId, String name) {
    String arn = Arns.policy(accountId, name);
    if (records.get(Table.POLICIES, key(accountId, name), ManagedPolicyRecord.class).isEmpty()) {
      throw new ApiException(ApiErrorCode.NO_SUCH_ENTITY, "Policy " + arn + " does not exist.");
    }
    for (UserRecord u : users(accountId)) {
      if (u.attachedPolicies().contains(arn)) {
        throw new ApiException(ApiErrorCode.DELETE_CONFLICT, "Policy " + arn + " is attached to user " + u.userName());
      }
    }
    Optional<GroupRecord> group = groups.attachedTo(accountId, arn);
    if (group.isPresent()) {
      throw new ApiException(ApiErrorCode.DELETE_CONFLICT,
          "Policy " + arn + " is attached to group " + group.get().groupName());
    }
    records.delete(Table.POLICIES, key(accountId, name));
  }

  /**
   * The canonical ARN of a policy the account may attach (a built-in one or its own managed one);
   * NoSuchEntity otherwise.
   */
  String attachableArn(String accountId, String policyArn) {
    String arn = BuiltInPolicies.canonicalArn(policyArn);
    boolean builtIn = BuiltInPolicies.forArn(arn).isPresent();
    boolean own = policy(arn).filter(p -> p.accountId().equals(accountId)).isPresent();
    if (!builtIn && !own) {
      throw new ApiException(ApiErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " does not exist or is not attachable.");
    }
    return arn;
  }

  /** Attaches a built-in policy or one of the account's own managed policies to a user. */
  public synchronized UserRecord attach(String accountId, String userName, String policyArn) {
    String arn = attachableArn(accountId, policyArn);
    return updateUser(accountId, userName, u -> {
      if (u.attachedPolicies().contains(arn)) {
        return u;
      }
      if (u.attachedPolicies().size() >= MAX_ATTACHED_POLICIES) {
        throw new ApiException(ApiErrorCode.LIMIT_EXCEEDED,
            "Cannot exceed quota for PoliciesPerUser: " + MAX_ATTACHED_POLICIES);
      }
      List<String> arns = new ArrayList<>(u.attachedPolicies());
      arns.add(arn);
      return u.withAttachedPolicies(arns);
    });
  }

  public synchronized UserRecord detach(String accountId, String userName, String policyArn) {
    String arn = BuiltInPolicies.canonicalArn(policyArn);
    return updateUser(accountId, userName, u -> {
      if (!u.attachedPolicies().contains(arn)) {
        throw new ApiException(ApiErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " is not attached to " + userName);
      }
      List<String> arns = new ArrayList<>(u.attachedPolicies());
      arns.remove(arn);
      return u.withAttachedPolicies(arns);
    });
  }
}

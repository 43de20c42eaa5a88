package dev.minicloud.controlplane.iam;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.iam.policy.BuiltInPolicies;
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

/**
 * IAM groups of every account, in the GROUPS table. A group holds policies (inline and attached);
 * its memberships are on the users' records ({@link UserRecord#groups()}), so a user's request
 * reads the user and then its groups by name, both cached.
 *
 * <p>Every write takes the {@link UserStore}'s lock: adding a member checks that the group exists
 * while deleting the group checks it has no member, and deleting a managed policy checks that no
 * user or group has it attached; one lock makes each check and its write atomic.
 */
public final class GroupStore {

  /** IAM's group name characters and length. */
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  /** IAM's limit of groups one user belongs to. */
  public static final int MAX_GROUPS_PER_USER = 10;
  /** IAM's limit of managed policies attached to one group. */
  public static final int MAX_ATTACHED_POLICIES = 10;
  private static final int MAX_CACHED_GROUPS = 100_000;

  private final JsonRecords records;
  private final UserStore users;
  private final Ids ids = new Ids();
  /** Groups read on every request of their members, cached; every write drops the entry (see UserStore). */
  private final Map<String, Optional<GroupRecord>> cache = new ConcurrentHashMap<>();

  GroupStore(MetadataStore store, UserStore users) {
    this.records = new JsonRecords(store);
    this.users = users;
  }

  public static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR,
          "groupName must be 1-128 characters of letters, digits and +=,.@_-");
    }
  }

  private static String key(String accountId, String name) {
    return accountId + "/" + name;
  }

  public Optional<GroupRecord> group(String accountId, String groupName) {
    String key = key(accountId, groupName);
    Optional<GroupRecord> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    // Filled under the writers' lock, so a read racing a write never caches what the write replaced.
    synchronized (users) {
      Optional<GroupRecord> read = records.get(Table.GROUPS, key, GroupRecord.class);
      if (cache.size() < MAX_CACHED_GROUPS) {
        cache.put(key, read);
      }
      return read;
    }
  }

  public GroupRecord requireGroup(String accountId, String groupName) {
    return group(accountId, groupName).orElseThrow(() -> new ApiException(ApiErrorCode.NO_SUCH_ENTITY,
        "The group with name " + groupName + " cannot be found."));
  }

  public GroupRecord createGroup(String accountId, String groupName, Instant now) {
    checkName(groupName);
    synchronized (users) {
      if (group(accountId, groupName).isPresent()) {
        throw new ApiException(ApiErrorCode.ENTITY_ALREADY_EXISTS, "Group with name " + groupName + " already exists.");
      }
      GroupRecord group = new GroupRecord(accountId, groupName, "AGPA" + ids.accessKeyId().substring(4), now, null,
          null);
      records.put(Table.GROUPS, key(accountId, groupName), group);
      cache.remove(key(accountId, groupName));
      return group;
    }
  }

  public List<GroupRecord> groups(String accountId) {
    List<GroupRecord> out = new ArrayList<>();
    try (var it = records.scanPrefix(Table.GROUPS, accountId + "/", GroupRecord.class)) {
      it.forEachRemaining(e -> out.add(e.value()));
    }
    return out;
  }

  /** The users that belong to a group (a scan of the account's users: groups are read far less than used). */
  public List<UserRecord> members(String accountId, String groupName) {
    requireGroup(accountId, groupName);
    return users.users(accountId).stream().filter(u -> u.groups().contains(groupName)).toList();
  }

  /** The groups a user belongs to. */
  public List<GroupRecord> groupsForUser(String accountId, String userName) {
    List<GroupRecord> out = new ArrayList<>();
    for (String name : users.requireUser(accountId, userName).groups()) {
      group(accountId, name).ifPresent(out::add);
    }
    return out;
  }

  /** Deletes a group; like IAM, refused (DeleteConflict) while it has members or policies. */
  public void deleteGroup(String accountId, String groupName) {
    synchronized (users) {
      GroupRecord g = requireGroup(accountId, groupName);
      if (!members(accountId, groupName).isEmpty()) {
        throw new ApiException(ApiErrorCode.DELETE_CONFLICT, "Cannot delete entity, must remove users from group first.");
      }
      if (!g.inlinePolicies().isEmpty()) {
        throw new ApiException(ApiErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
      }
      if (!g.attachedPolicies().isEmpty()) {
        throw new ApiException(ApiErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
      }
      records.delete(Table.GROUPS, key(accountId, groupName));
      cache.remove(key(accountId, groupName));
    }
  }

  public GroupRecord updateGroup(String accountId, String groupName, UnaryOperator<GroupRecord> change) {
    synchronized (users) {
      GroupRecord updated = change.apply(requireGroup(accountId, groupName));
      records.put(Table.GROUPS, key(accountId, groupName), updated);
      cache.remove(key(accountId, groupName));
      return updated;
    }
  }

  /** Adds a user to a group; adding a member again changes nothing (as IAM). */
  public UserRecord addUser(String accountId, String groupName, String userName) {
    synchronized (users) {
      requireGroup(accountId, groupName);
      return users.updateUser(accountId, userName, u -> {
        if (u.groups().contains(groupName)) {
          return u;
        }
        if (u.groups().size() >= MAX_GROUPS_PER_USER) {
          throw new ApiException(ApiErrorCode.LIMIT_EXCEEDED,
              "Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS_PER_USER);
        }
        List<String> names = new ArrayList<>(u.groups());
        names.add(groupName);
        return u.withGroups(names);
      });
    }
  }

  public UserRecord removeUser(String accountId, String groupName, String userName) {
    synchronized (users) {
      requireGroup(accountId, groupName);
      return users.updateUser(accountId, userName, u -> {
        if (!u.groups().contains(groupName)) {
          throw new ApiException(ApiErrorCode.NO_SUCH_ENTITY,
              "The user " + userName + " is not a member of the group " + groupName + ".");
        }
        List<String> names = new ArrayList<>(u.groups());
        names.remove(groupName);
        return u.withGroups(names);
      });
    }
  }

  /** Attaches a built-in policy or one of the account's own managed policies to a group. */
  public GroupRecord attach(String accountId, String groupName, String policyArn) {
    synchronized (users) {
      String arn = users.attachableArn(accountId, policyArn);
      return updateGroup(accountId, groupName, g -> {
        if (g.attachedPolicies().contains(arn)) {
          return g;
        }
        if (g.attachedPolicies().size() >= MAX_ATTACHED_POLICIES) {
          throw new ApiException(ApiErrorCode.LIMIT_EXCEEDED,
              "Cannot exceed quota for PoliciesPerGroup: " + MAX_ATTACHED_POLICIES);
        }
        List<String> arns = new ArrayList<>(g.attachedPolicies());
        arns.add(arn);
        return g.withAttachedPolicies(arns);
      });
    }
  }

  public GroupRecord detach(String accountId, String groupName, String policyArn) {
    String arn = BuiltInPolicies.canonicalArn(policyArn);
    return updateGroup(accountId, groupName, g -> {
      if (!g.attachedPolicies().contains(arn)) {
        throw new ApiException(ApiErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " is not attached to " + groupName);
      }
      List<String> arns = new ArrayList<>(g.attachedPolicies());
      arns.remove(arn);
      return g.withAttachedPolicies(arns);
    });
  }

  /** The first of an account's groups with a managed policy attached, if any (DeletePolicy's check). */
  Optional<GroupRecord> attachedTo(String accountId, String arn) {
    return groups(accountId).stream().filter(g -> g.attachedPolicies().contains(arn)).findFirst();
  }

  /** Adds the deletion of every group of an account to a batch (the account is being deleted). */
  void deleteAllInto(WriteBatch batch, String accountId) {
    for (GroupRecord g : groups(accountId)) {
      batch.delete(Table.GROUPS, JsonRecords.key(key(accountId, g.groupName())));
    }
  }

  /** Forgets an account's cached groups (after {@link #deleteAllInto} committed). */
  void forgetAll(String accountId) {
    cache.keySet().removeIf(k -> k.startsWith(accountId + "/"));
  }
}

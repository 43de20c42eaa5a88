package dev.minicloud.sdk;

import dev.minicloud.sdk.iam.AccessKey;
import dev.minicloud.sdk.iam.Account;
import dev.minicloud.sdk.iam.Group;
import dev.minicloud.sdk.iam.GroupPolicy;
import dev.minicloud.sdk.iam.ManagedPolicy;
import dev.minicloud.sdk.iam.NewAccessKey;
import dev.minicloud.sdk.iam.NewAccount;
import dev.minicloud.sdk.iam.SimulationResult;
import dev.minicloud.sdk.iam.User;
import dev.minicloud.sdk.iam.UserPolicy;
import dev.minicloud.sdk.internal.JsonCalls;
import dev.minicloud.sdk.internal.Query;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Identity and access management ({@code /iam/v1}): accounts (platform root only), users, groups,
 * access keys, inline and managed policies, and the policy simulator. Obtain it from
 * {@link MiniCloudClient#iam()}; thread-safe.
 *
 * <pre>{@code
 * client.iam().createUser("alice");
 * client.iam().attachUserPolicy("alice", IamClient.builtInPolicyArn("ReadOnlyAccess"));
 * NewAccessKey key = client.iam().createAccessKey("alice");   // the secret is shown once
 * }</pre>
 */
public final class IamClient {

  private static final String SERVICE = "iam";
  private static final String BASE = "/iam/v1";

  private final JsonCalls json;

  IamClient(JsonCalls json) {
    this.json = json;
  }

  /** The ARN of a built-in managed policy, e.g. {@code ReadOnlyAccess}. */
  public static String builtInPolicyArn(String name) {
    return "arn:minicloud:iam::minicloud:policy/" + name;
  }

  private record RootKey(String accessKeyId, String secretAccessKey) {}

  private record CreatedAccount(String accountId, String name, String status, boolean platformRoot,
      Instant createdAt, RootKey rootAccessKey) {}

  private record AccountList(List<Account> accounts) {}

  private record UserAnswer(User user) {}

  private record UserList(List<User> users) {}

  private record NewKeyAnswer(NewAccessKey accessKey) {}

  private record KeyAnswer(AccessKey accessKey) {}

  private record KeyList(List<AccessKey> accessKeys) {}

  private record PolicyAnswer(ManagedPolicy policy) {}

  private record PolicyList(List<ManagedPolicy> policies) {}

  private record Attached(List<String> attachedPolicies) {}

  private record GroupAnswer(Group group, List<User> users) {}

  private record GroupList(List<Group> groups) {}

  private record PolicyNames(List<String> policyNames) {}

  // ------------------------------------------------------------------ accounts (platform root)

  /** Creates an account and its root access key (platform root only). */
  public NewAccount createAccount(String name) {
    CreatedAccount c = json.call("POST", SERVICE, BASE + "/accounts", "", Map.of("name", name), CreatedAccount.class);
    return new NewAccount(new Account(c.accountId(), c.name(), c.status(), c.platformRoot(), c.createdAt()),
        c.rootAccessKey() == null ? null : c.rootAccessKey().accessKeyId(),
        c.rootAccessKey() == null ? null : c.rootAccessKey().secretAccessKey());
  }

  /** Every account (platform root only). */
  public List<Account> listAccounts() {
    AccountList list = json.call("GET", SERVICE, BASE + "/accounts", "", null, AccountList.class);
    return list == null || list.accounts() == null ? List.of() : list.accounts();
  }

  /** One account (platform root only). */
  public Account describeAccount(String accountId) {
    return json.call("GET", SERVICE, accountPath(accountId), "", null, Account.class);
  }

  /**
   * Suspends an account: its keys stop authenticating, its buckets answer nobody and its running
   * instances are stopped (reactivation does not start them again).
   */
  public Account suspendAccount(String accountId) {
    return json.call("POST", SERVICE, accountPath(accountId) + "/suspend", "", null, Account.class);
  }

  /** Reactivates a suspended account. */
  public Account reactivateAccount(String accountId) {
    return json.call("POST", SERVICE, accountPath(accountId) + "/reactivate", "", null, Account.class);
  }

  /**
   * Deletes an account with its users, keys and managed policies.
   *
   * @throws MiniCloudException {@code DeleteConflict} while it owns buckets
   */
  public void deleteAccount(String accountId) {
    json.call("DELETE", SERVICE, accountPath(accountId), "", null, Void.class);
  }

  // ------------------------------------------------------------------ users

  /** Creates a user in the caller's account; it may do nothing until a policy allows it. */
  public User createUser(String userName) {
    return json.call("POST", SERVICE, BASE + "/users", "", Map.of("userName", userName), UserAnswer.class).user();
  }

  /** The users of the caller's account. */
  public List<User> listUsers() {
    UserList list = json.call("GET", SERVICE, BASE + "/users", "", null, UserList.class);
    return list == null || list.users() == null ? List.of() : list.users();
  }

  /** One user, with the names of its inline policies and the ARNs of its attached ones. */
  public User getUser(String userName) {
    return json.call("GET", SERVICE, userPath(userName), "", null, UserAnswer.class).user();
  }

  /** Deletes a user with its keys, inline policies and group memberships. */
  public void deleteUser(String userName) {
    json.call("DELETE", SERVICE, userPath(userName), "", null, Void.class);
  }

  // ------------------------------------------------------------------ groups

  /** Creates a group in the caller's account; its members gain the policies it is given. */
  public Group createGroup(String groupName) {
    return json.call("POST", SERVICE, BASE + "/groups", "", Map.of("groupName", groupName), GroupAnswer.class).group();
  }

  /** The groups of the caller's account. */
  public List<Group> listGroups() {
    GroupList list = json.call("GET", SERVICE, BASE + "/groups", "", null, GroupList.class);
    return list == null || list.groups() == null ? List.of() : list.groups();
  }

  /** One group, with the names of its inline policies, the ARNs of its attached ones, and its users. */
  public Group getGroup(String groupName) {
    GroupAnswer a = json.call("GET", SERVICE, groupPath(groupName), "", null, GroupAnswer.class);
    return a.group().withUsers(a.users());
  }

  /**
   * Deletes a group.
   *
   * @throws MiniCloudException {@code DeleteConflict} while it has members or policies
   */
  public void deleteGroup(String groupName) {
    json.call("DELETE", SERVICE, groupPath(groupName), "", null, Void.class);
  }

  /** Adds a user to a group (adding a member again changes nothing). */
  public void addUserToGroup(String groupName, String userName) {
    json.call("PUT", SERVICE, groupPath(groupName) + "/users/" + Query.segment(userName), "", null, Void.class);
  }

  /** Removes a user from a group; {@code NoSuchEntity} when it is not a member. */
  public void removeUserFromGroup(String groupName, String userName) {
    json.call("DELETE", SERVICE, groupPath(groupName) + "/users/" + Query.segment(userName), "", null, Void.class);
  }

  /** The groups a user belongs to. */
  public List<Group> listGroupsForUser(String userName) {
    GroupList list = json.call("GET", SERVICE, userPath(userName) + "/groups", "", null, GroupList.class);
    return list == null || list.groups() == null ? List.of() : list.groups();
  }

  /**
   * Creates or replaces an inline policy of a group.
   *
   * @param policyDocument the IAM policy document, as JSON text
   * @throws MiniCloudException {@code MalformedPolicyDocument} naming the line and the reason
   */
  public void putGroupPolicy(String groupName, String policyName, String policyDocument) {
    json.call("PUT", SERVICE, groupPath(groupName) + "/policies/" + Query.segment(policyName), "",
        Map.of("policyDocument", policyDocument), Void.class);
  }

  /** An inline policy of a group. */
  public GroupPolicy getGroupPolicy(String groupName, String policyName) {
    return json.call("GET", SERVICE, groupPath(groupName) + "/policies/" + Query.segment(policyName), "", null,
        GroupPolicy.class);
  }

  /** Deletes an inline policy of a group. */
  public void deleteGroupPolicy(String groupName, String policyName) {
    json.call("DELETE", SERVICE, groupPath(groupName) + "/policies/" + Query.segment(policyName), "", null,
        Void.class);
  }

  /** The names of a group's inline policies. */
  public List<String> listGroupPolicies(String groupName) {
    PolicyNames names = json.call("GET", SERVICE, groupPath(groupName) + "/policies", "", null, PolicyNames.class);
    return names == null || names.policyNames() == null ? List.of() : names.policyNames();
  }

  /** Attaches a managed policy to a group; returns the ARNs now attached. */
  public List<String> attachGroupPolicy(String groupName, String policyArn) {
    Attached a = json.call("POST", SERVICE, groupPath(groupName) + "/attached-policies", "",
        Map.of("policyArn", policyArn), Attached.class);
    return a == null || a.attachedPolicies() == null ? List.of() : a.attachedPolicies();
  }

  /** The ARNs of the managed policies attached to a group. */
  public List<String> listAttachedGroupPolicies(String groupName) {
    Attached a = json.call("GET", SERVICE, groupPath(groupName) + "/attached-policies", "", null, Attached.class);
    return a == null || a.attachedPolicies() == null ? List.of() : a.attachedPolicies();
  }

  /** Detaches a managed policy from a group. */
  public void detachGroupPolicy(String groupName, String policyArn) {
    json.call("DELETE", SERVICE, groupPath(groupName) + "/attached-policies",
        new Query().add("policyArn", policyArn).toString(), null, Void.class);
  }

  // ------------------------------------------------------------------ access keys

  /**
   * A new access key for the user; keep the secret, it is not shown again.
   *
   * @throws MiniCloudException {@code LimitExceeded} when the user has two already
   */
  public NewAccessKey createAccessKey(String userName) {
    return json.call("POST", SERVICE, userPath(userName) + "/access-keys", "", null, NewKeyAnswer.class).accessKey();
  }

  /** The user's access keys (never their secrets). */
  public List<AccessKey> listAccessKeys(String userName) {
    KeyList list = json.call("GET", SERVICE, userPath(userName) + "/access-keys", "", null, KeyList.class);
    return list == null || list.accessKeys() == null ? List.of() : list.accessKeys();
  }

  /** Activates or deactivates a key. */
  public AccessKey updateAccessKey(String userName, String accessKeyId, boolean active) {
    return json.call("PUT", SERVICE, userPath(userName) + "/access-keys/" + Query.segment(accessKeyId), "",
        Map.of("status", active ? "Active" : "Inactive"), KeyAnswer.class).accessKey();
  }

  /** Deletes a key. */
  public void deleteAccessKey(String userName, String accessKeyId) {
    json.call("DELETE", SERVICE, userPath(userName) + "/access-keys/" + Query.segment(accessKeyId), "", null,
        Void.class);
  }

  // ------------------------------------------------------------------ inline policies

  /**
   * Creates or replaces an inline policy of the user.
   *
   * @param policyDocument the IAM policy document, as JSON text
   * @throws MiniCloudException {@code MalformedPolicyDocument} naming the line and the reason
   */
  public void putUserPolicy(String userName, String policyName, String policyDocument) {
    json.call("PUT", SERVICE, userPath(userName) + "/policies/" + Query.segment(policyName), "",
        Map.of("policyDocument", policyDocument), Void.class);
  }

  /** An inline policy of the user. */
  public UserPolicy getUserPolicy(String userName, String policyName) {
    return json.call("GET", SERVICE, userPath(userName) + "/policies/" + Query.segment(policyName), "", null,
        UserPolicy.class);
  }

  /** Deletes an inline policy of the user. */
  public void deleteUserPolicy(String userName, String policyName) {
    json.call("DELETE", SERVICE, userPath(userName) + "/policies/" + Query.segment(policyName), "", null, Void.class);
  }

  // ------------------------------------------------------------------ managed policies

  /**
   * Creates a customer managed policy in the caller's account.
   *
   * @param policyDocument the IAM policy document, as JSON text
   * @param description free text, or null
   */
  public ManagedPolicy createPolicy(String policyName, String policyDocument, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("policyName", policyName);
    body.put("policyDocument", policyDocument);
    if (description != null) {
      body.put("description", description);
    }
    return json.call("POST", SERVICE, BASE + "/policies", "", body, PolicyAnswer.class).policy();
  }

  /** The built-in managed policies, then the account's own. */
  public List<ManagedPolicy> listPolicies() {
    PolicyList list = json.call("GET", SERVICE, BASE + "/policies", "", null, PolicyList.class);
    return list == null || list.policies() == null ? List.of() : list.policies();
  }

  /**
   * Deletes a customer managed policy.
   *
   * @throws MiniCloudException {@code DeleteConflict} while it is attached
   */
  public void deletePolicy(String policyName) {
    json.call("DELETE", SERVICE, BASE + "/policies/" + Query.segment(policyName), "", null, Void.class);
  }

  /** Attaches a managed policy to the user; returns the ARNs now attached. */
  public List<String> attachUserPolicy(String userName, String policyArn) {
    Attached a = json.call("POST", SERVICE, userPath(userName) + "/attached-policies", "",
        Map.of("policyArn", policyArn), Attached.class);
    return a == null || a.attachedPolicies() == null ? List.of() : a.attachedPolicies();
  }

  /** The ARNs of the managed policies attached to the user. */
  public List<String> listAttachedUserPolicies(String userName) {
    Attached a = json.call("GET", SERVICE, userPath(userName) + "/attached-policies", "", null, Attached.class);
    return a == null || a.attachedPolicies() == null ? List.of() : a.attachedPolicies();
  }

  /** Detaches a managed policy from the user. */
  public void detachUserPolicy(String userName, String policyArn) {
    json.call("DELETE", SERVICE, userPath(userName) + "/attached-policies",
        new Query().add("policyArn", policyArn).toString(), null, Void.class);
  }

  // ------------------------------------------------------------------ simulation

  /** What the engine would decide for the caller itself doing {@code action} on {@code resource}. */
  public SimulationResult simulate(String action, String resource) {
    return simulate(action, resource, null, Map.of());
  }

  /**
   * What the engine would decide for {@code userName} of the caller's account (null: the caller)
   * doing {@code action} on {@code resource}, with extra condition keys in {@code context}
   * (e.g. {@code aws:SourceIp}). Nothing is performed.
   */
  public SimulationResult simulate(String action, String resource, String userName, Map<String, String> context) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", action);
    body.put("resource", resource);
    if (userName != null) {
      body.put("userName", userName);
    }
    if (context != null && !context.isEmpty()) {
      body.put("context", context);
    }
    return json.call("POST", SERVICE, BASE + "/simulate", "", body, SimulationResult.class);
  }

  private static String accountPath(String accountId) {
    return BASE + "/accounts/" + Query.segment(accountId);
  }

  private static String groupPath(String groupName) {
    return BASE + "/groups/" + Query.segment(groupName);
  }

  private static String userPath(String userName) {
    return BASE + "/users/" + Query.segment(userName);
  }
}

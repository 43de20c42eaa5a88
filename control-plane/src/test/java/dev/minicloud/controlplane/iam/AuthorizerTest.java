package dev.minicloud.controlplane.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.policy.AccessRequest;
import dev.minicloud.controlplane.iam.policy.BuiltInPolicies;
import dev.minicloud.controlplane.iam.policy.Decision;
import dev.minicloud.controlplane.iam.policy.NamedPolicy;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import dev.minicloud.controlplane.identity.SecretCipher;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's identity policies as the authorizer assembles them: inline, built-in and managed, always current. */
class AuthorizerTest {

  private static final String ACCOUNT = "111122223333";

  @TempDir
  Path dir;

  private UserStore users;
  private Authorizer authorizer;
  private final Principal alice = new Principal(ACCOUNT, "alice", "AKIAALICE", false);

  @BeforeEach
  void setUp() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    IdentityStore identity = new IdentityStore(store, SecretCipher.loadOrCreate(dir.resolve("master.key")));
    users = new UserStore(store, identity);
    authorizer = new Authorizer(users, Clock.systemUTC());
    users.createUser(ACCOUNT, "alice", Instant.EPOCH);
  }

  private Decision decide(String action, String resource) {
    return authorizer.evaluate(new AccessRequest(alice, action, resource, ACCOUNT, AccessRequest.principalKeys(alice)),
        null).decision();
  }

  @Test
  void inlineBuiltInAndManagedPoliciesAllCount() {
    assertEquals(Decision.IMPLICIT_DENY, decide("s3:GetObject", "arn:minicloud:s3:::b/k"));
    users.attach(ACCOUNT, "alice", "arn:aws:iam::aws:policy/StorageReadOnly");
    assertEquals(Decision.ALLOW, decide("s3:GetObject", "arn:minicloud:s3:::b/k"));
    assertEquals(Decision.IMPLICIT_DENY, decide("s3:PutObject", "arn:minicloud:s3:::b/k"));

    ManagedPolicyRecord put = users.createPolicy(ACCOUNT, "PutTmp", """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/tmp/*"}]}""",
        null, Instant.EPOCH);
    users.attach(ACCOUNT, "alice", put.arn());
    assertEquals(Decision.ALLOW, decide("s3:PutObject", "arn:minicloud:s3:::b/tmp/x"));

    users.updateUser(ACCOUNT, "alice", u -> u.withInlinePolicy("no-secrets", """
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/tmp/secret*"}]}"""));
    assertEquals(Decision.EXPLICIT_DENY, decide("s3:PutObject", "arn:minicloud:s3:::b/tmp/secret.txt"));
    List<String> names = authorizer.identityPolicies(alice).stream().map(NamedPolicy::name).toList();
    assertEquals(List.of("inline:no-secrets", BuiltInPolicies.arn("StorageReadOnly"), put.arn()), names);

    // Every change is seen by the next request (the user cache is invalidated by writes).
    users.detach(ACCOUNT, "alice", put.arn());
    assertEquals(Decision.IMPLICIT_DENY, decide("s3:PutObject", "arn:minicloud:s3:::b/tmp/x"));
    users.deleteUser(ACCOUNT, "alice");
    assertEquals(Decision.IMPLICIT_DENY, decide("s3:GetObject", "arn:minicloud:s3:::b/k"));
  }

  @Test
  void attachingRequiresAnExistingPolicyOfTheSameAccount() {
    assertThrows(ApiException.class, () -> users.attach(ACCOUNT, "alice", "arn:aws:iam::aws:policy/NoSuchThing"));
    ManagedPolicyRecord foreign = users.createPolicy("444455556666", "Theirs",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", null, Instant.EPOCH);
    assertThrows(ApiException.class, () -> users.attach(ACCOUNT, "alice", foreign.arn()));
    assertEquals(Map.of(), users.requireUser(ACCOUNT, "alice").inlinePolicies());
  }

  private static ApiErrorCode code(Runnable call) {
    return (ApiErrorCode) assertThrows(ApiException.class, call::run).errorCode();
  }

  @Test
  void groupPoliciesCountForMembersAndAnExplicitDenyInAGroupWins() {
    GroupStore groups = users.groups();
    groups.createGroup(ACCOUNT, "readers", Instant.EPOCH);
    groups.attach(ACCOUNT, "readers", "arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertEquals(Decision.IMPLICIT_DENY, decide("s3:GetObject", "arn:minicloud:s3:::b/k"), "not a member yet");

    groups.addUser(ACCOUNT, "readers", "alice");
    assertEquals(Decision.ALLOW, decide("s3:GetObject", "arn:minicloud:s3:::b/k"), "the group's policy counts");
    assertEquals(Decision.IMPLICIT_DENY, decide("s3:PutObject", "arn:minicloud:s3:::b/k"));

    // The user's own Allow and a group's explicit Deny: the deny wins.
    users.updateUser(ACCOUNT, "alice", u -> u.withInlinePolicy("writes", """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}"""));
    groups.createGroup(ACCOUNT, "no-secrets", Instant.EPOCH);
    groups.updateGroup(ACCOUNT, "no-secrets", g -> g.withInlinePolicy("deny", """
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/secret/*"}]}"""));
    assertEquals(Decision.ALLOW, decide("s3:PutObject", "arn:minicloud:s3:::b/secret/x"), "not a member yet");
    groups.addUser(ACCOUNT, "no-secrets", "alice");
    assertEquals(Decision.EXPLICIT_DENY, decide("s3:PutObject", "arn:minicloud:s3:::b/secret/x"));
    assertEquals(Decision.EXPLICIT_DENY, decide("s3:GetObject", "arn:minicloud:s3:::b/secret/x"));
    assertEquals(Decision.ALLOW, decide("s3:PutObject", "arn:minicloud:s3:::b/public/x"));
    assertEquals(List.of("inline:writes", "group/readers:" + BuiltInPolicies.arn("ReadOnlyAccess"),
        "group/no-secrets:inline:deny"), authorizer.identityPolicies(alice).stream().map(NamedPolicy::name).toList());

    // Changes to a group and to memberships are seen by the next request (both caches invalidated).
    groups.updateGroup(ACCOUNT, "no-secrets", g -> g.withInlinePolicy("deny", null));
    assertEquals(Decision.ALLOW, decide("s3:PutObject", "arn:minicloud:s3:::b/secret/x"));
    groups.removeUser(ACCOUNT, "readers", "alice");
    assertEquals(Decision.IMPLICIT_DENY, decide("s3:GetObject", "arn:minicloud:s3:::b/k"));
    groups.addUser(ACCOUNT, "readers", "alice");
    groups.detach(ACCOUNT, "readers", "arn:minicloud:iam::minicloud:policy/ReadOnlyAccess");
    assertEquals(Decision.IMPLICIT_DENY, decide("s3:GetObject", "arn:minicloud:s3:::b/k"));
  }

  @Test
  void groupsRefuseDuplicatesUnknownNamesAndDeletionWhileInUse() {
    GroupStore groups = users.groups();
    groups.createGroup(ACCOUNT, "devs", Instant.EPOCH);
    assertEquals(ApiErrorCode.ENTITY_ALREADY_EXISTS, code(() -> groups.createGroup(ACCOUNT, "devs", Instant.EPOCH)));
    assertEquals(ApiErrorCode.VALIDATION_ERROR, code(() -> groups.createGroup(ACCOUNT, "no spaces", Instant.EPOCH)));
    assertEquals(ApiErrorCode.VALIDATION_ERROR, code(() -> groups.createGroup(ACCOUNT, "x".repeat(129), Instant.EPOCH)));
    groups.createGroup(ACCOUNT, "x".repeat(128), Instant.EPOCH);
    assertEquals(ApiErrorCode.NO_SUCH_ENTITY, code(() -> groups.addUser(ACCOUNT, "nope", "alice")));
    assertEquals(ApiErrorCode.NO_SUCH_ENTITY, code(() -> groups.addUser(ACCOUNT, "devs", "nobody")));
    assertEquals(ApiErrorCode.NO_SUCH_ENTITY, code(() -> groups.removeUser(ACCOUNT, "devs", "alice")), "not a member");
    assertEquals(ApiErrorCode.NO_SUCH_ENTITY, code(() -> groups.attach(ACCOUNT, "devs", "arn:aws:iam::aws:policy/Nope")));
    assertEquals(ApiErrorCode.NO_SUCH_ENTITY, code(() -> groups.requireGroup("444455556666", "devs")),
        "groups belong to one account");

    // DeleteConflict while the group has a member, an attached policy or an inline policy.
    groups.addUser(ACCOUNT, "devs", "alice");
    groups.addUser(ACCOUNT, "devs", "alice"); // idempotent
    assertEquals(List.of("devs"), users.requireUser(ACCOUNT, "alice").groups());
    assertEquals(List.of("alice"), groups.members(ACCOUNT, "devs").stream().map(UserRecord::userName).toList());
    ManagedPolicyRecord mine = users.createPolicy(ACCOUNT, "Mine",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}", null, Instant.EPOCH);
    groups.attach(ACCOUNT, "devs", mine.arn());
    groups.updateGroup(ACCOUNT, "devs", g -> g.withInlinePolicy("p", "{\"Statement\":[]}"));
    assertEquals(ApiErrorCode.DELETE_CONFLICT, code(() -> users.deletePolicy(ACCOUNT, "Mine")), "attached to a group");
    assertEquals(ApiErrorCode.DELETE_CONFLICT, code(() -> groups.deleteGroup(ACCOUNT, "devs")));
    groups.removeUser(ACCOUNT, "devs", "alice");
    assertEquals(ApiErrorCode.DELETE_CONFLICT, code(() -> groups.deleteGroup(ACCOUNT, "devs")));
    groups.detach(ACCOUNT, "devs", mine.arn());
    assertEquals(ApiErrorCode.DELETE_CONFLICT, code(() -> groups.deleteGroup(ACCOUNT, "devs")));
    groups.updateGroup(ACCOUNT, "devs", g -> g.withInlinePolicy("p", null));
    groups.deleteGroup(ACCOUNT, "devs");
    assertEquals(ApiErrorCode.NO_SUCH_ENTITY, code(() -> groups.requireGroup(ACCOUNT, "devs")));
    users.deletePolicy(ACCOUNT, "Mine");

    // Deleting a user ends its memberships (as it deletes its policies); a user is in at most 10 groups.
    groups.createGroup(ACCOUNT, "g0", Instant.EPOCH);
    groups.addUser(ACCOUNT, "g0", "alice");
    users.deleteUser(ACCOUNT, "alice");
    assertEquals(List.of(), groups.members(ACCOUNT, "g0"));
    users.createUser(ACCOUNT, "alice", Instant.EPOCH);
    assertEquals(List.of(), groups.groupsForUser(ACCOUNT, "alice"));
    for (int i = 0; i < GroupStore.MAX_GROUPS_PER_USER; i++) {
      groups.createGroup(ACCOUNT, "many" + i, Instant.EPOCH);
      groups.addUser(ACCOUNT, "many" + i, "alice");
    }
    assertEquals(ApiErrorCode.LIMIT_EXCEEDED, code(() -> groups.addUser(ACCOUNT, "g0", "alice")));

    // Deleting the account deletes its groups.
    users.deleteAll(ACCOUNT);
    assertEquals(List.of(), groups.groups(ACCOUNT));
    assertEquals(ApiErrorCode.NO_SUCH_ENTITY, code(() -> groups.requireGroup(ACCOUNT, "g0")));
  }
}

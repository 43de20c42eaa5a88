package dev.minicloud.controlplane.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}

package dev.minicloud.controlplane.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.controlplane.identity.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evaluation logic, mirroring the examples of AWS's IAM and S3 documentation. */
class PolicyEvaluatorTest {

  private static final String A = "111122223333";
  private static final String B = "444455556666";
  private static final Principal ROOT_A = new Principal(A, Principal.ROOT_USER, "AKIAROOTA", false);
  private static final Principal ALICE = new Principal(A, "alice", "AKIAALICE", false);
  private static final Principal BOB_B = new Principal(B, "bob", "AKIABOB", false);
  private static final Principal ROOT_B = new Principal(B, Principal.ROOT_USER, "AKIAROOTB", false);

  private final PolicyEvaluator engine = new PolicyEvaluator();

  private static NamedPolicy identity(String json) {
    return new NamedPolicy("test", PolicyParser.parse(json, PolicyParser.Kind.IDENTITY));
  }

  private static NamedPolicy bucket(String json) {
    return new NamedPolicy("bucket policy", PolicyParser.parse(json, PolicyParser.Kind.RESOURCE));
  }

  private static AccessRequest req(Principal p, String action, String resource, String owner) {
    return req(p, action, resource, owner, Map.of());
  }

  private static AccessRequest req(Principal p, String action, String resource, String owner,
      Map<String, List<String>> extra) {
    Map<String, List<String>> ctx = new HashMap<>(AccessRequest.principalKeys(p));
    ctx.putAll(extra);
    return new AccessRequest(p, action, resource, owner, ctx);
  }

  private Decision decide(AccessRequest r, List<NamedPolicy> identity, NamedPolicy resource) {
    return engine.evaluate(r, identity, resource).decision();
  }

  @Test
  void defaultDenyWithoutAnyPolicy() {
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(), null));
  }

  @Test
  void rootUserIsAllowedWithinItsAccountOnly() {
    assertEquals(Decision.ALLOW, decide(req(ROOT_A, "s3:DeleteBucket", "arn:minicloud:s3:::b", A), List.of(), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ROOT_B, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(), null));
  }

  @Test
  void explicitDenyOverridesAllow() {
    // AWS example: allow s3:* but deny deleting anything.
    NamedPolicy p = identity("""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"All","Effect":"Allow","Action":"s3:*","Resource":"*"},
          {"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}""");
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:PutObject", "arn:minicloud:s3:::b/k", A), List.of(p), null));
    Evaluation e = engine.evaluate(req(ALICE, "s3:DeleteObject", "arn:minicloud:s3:::b/k", A), List.of(p), null);
    assertEquals(Decision.EXPLICIT_DENY, e.decision());
    assertTrue(e.reason().contains("NoDelete"), e.reason());
  }

  @Test
  void bucketPolicyDenyAppliesEvenToRoot() {
    NamedPolicy deny = bucket("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket",
          "Resource":"arn:aws:s3:::b"}]}""");
    assertEquals(Decision.EXPLICIT_DENY, decide(req(ROOT_A, "s3:DeleteBucket", "arn:minicloud:s3:::b", A), List.of(), deny));
  }

  @Test
  void awsPartitionIsAnAliasAndWildcardsMatch() {
    // AWS example: access to one bucket's objects under a prefix.
    NamedPolicy p = identity("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:Put*"],
          "Resource":"arn:aws:s3:::examplebucket/photos/*"}]}""");
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::examplebucket/photos/a.jpg", A), List.of(p), null));
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:putobject", "arn:minicloud:s3:::examplebucket/photos/x/y", A), List.of(p), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::examplebucket/docs/a", A), List.of(p), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:DeleteObject", "arn:minicloud:s3:::examplebucket/photos/a.jpg", A), List.of(p), null));
    assertTrue(Wildcards.matches("i-????", "i-1234", false));
    assertTrue(!Wildcards.matches("i-????", "i-12345", false));
  }

  @Test
  void notActionAndNotResource() {
    // AWS example: allow everything except IAM.
    NamedPolicy p = identity("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
          {"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::ok","arn:aws:s3:::ok/*"]}]}""");
    assertEquals(Decision.ALLOW, decide(req(ALICE, "compute:RunInstances", "*", A), List.of(p), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "iam:CreateUser", "*", A), List.of(p), null));
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::ok/k", A), List.of(p), null));
    assertEquals(Decision.EXPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::other/k", A), List.of(p), null));
  }

  @Test
  void publicReadBucketPolicyAllowsAnonymousGetOnly() {
    // AWS example: "Granting read-only permission to an anonymous user".
    NamedPolicy pub = bucket("""
        {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*",
          "Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":["arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"]}]}""");
    assertEquals(Decision.ALLOW, decide(req(null, "s3:GetObject", "arn:minicloud:s3:::DOC-EXAMPLE-BUCKET/k", A), List.of(), pub));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(null, "s3:PutObject", "arn:minicloud:s3:::DOC-EXAMPLE-BUCKET/k", A), List.of(), pub));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(null, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(), null));
  }

  @Test
  void crossAccountNeedsBothSides() {
    // AWS example: "Bucket owner granting cross-account bucket permissions".
    NamedPolicy grant = bucket("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},
          "Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}]}""");
    NamedPolicy bobsOwn = identity("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");
    AccessRequest get = req(BOB_B, "s3:GetObject", "arn:minicloud:s3:::b/k", A);
    assertEquals(Decision.IMPLICIT_DENY, decide(get, List.of(bobsOwn), null), "no resource policy: denied");
    assertEquals(Decision.IMPLICIT_DENY, decide(get, List.of(), grant), "account B has not delegated to bob");
    assertEquals(Decision.ALLOW, decide(get, List.of(bobsOwn), grant));
    assertEquals(Decision.ALLOW, decide(req(ROOT_B, "s3:ListBucket", "arn:minicloud:s3:::b", A), List.of(), grant));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ROOT_B, "s3:PutObject", "arn:minicloud:s3:::b/k", A), List.of(), grant));
  }

  @Test
  void sameAccountResourcePolicyNamingTheUserSuffices() {
    NamedPolicy grant = bucket("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/alice"]},
          "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""");
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(), grant));
  }

  @Test
  void conditionsOnSourceIpSecureTransportTimeAndPrefix() {
    // AWS examples: deny outside an IP range; deny insecure transport; time window; home-folder listing.
    NamedPolicy p = identity("""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b",
           "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*","home/${aws:username}"]}}},
          {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
           "Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-04-01T00:00:00Z"},
                        "DateLessThan":{"aws:CurrentTime":"2030-06-30T23:59:59Z"}}},
          {"Effect":"Deny","Action":"*","Resource":"*",
           "Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24","127.0.0.1"]}}},
          {"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""");
    Map<String, List<String>> ok = Map.of("aws:SourceIp", List.of("192.0.2.7"), "aws:SecureTransport", List.of("true"),
        "aws:CurrentTime", List.of("2026-12-02T00:00:00Z"), "s3:prefix", List.of("home/alice/docs"));
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:ListBucket", "arn:minicloud:s3:::b", A, ok), List.of(p), null));
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/x", A, ok), List.of(p), null));

    Map<String, List<String>> otherPrefix = new HashMap<>(ok);
    otherPrefix.put("s3:prefix", List.of("home/bob/"));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:ListBucket", "arn:minicloud:s3:::b", A, otherPrefix), List.of(p), null));

    Map<String, List<String>> late = new HashMap<>(ok);
    late.put("aws:CurrentTime", List.of("2031-01-01T00:00:00Z"));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/x", A, late), List.of(p), null));

    Map<String, List<String>> farAway = new HashMap<>(ok);
    farAway.put("aws:SourceIp", List.of("198.51.100.1"));
    assertEquals(Decision.EXPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/x", A, farAway), List.of(p), null));

    Map<String, List<String>> plain = new HashMap<>(ok);
    plain.put("aws:SecureTransport", List.of("false"));
    assertEquals(Decision.EXPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/x", A, plain), List.of(p), null));

    Map<String, List<String>> ipv6 = new HashMap<>(ok);
    ipv6.put("aws:SourceIp", List.of("::1"));
    assertEquals(Decision.EXPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/x", A, ipv6), List.of(p), null));
  }

  @Test
  void missingKeysNegatedOperatorsAndIfExists() {
    NamedPolicy p = identity("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
          "Condition":{"StringEqualsIfExists":{"s3:ExistingObjectTag/team":"blue"}}},
          {"Effect":"Deny","Action":"s3:PutObject","Resource":"*",
           "Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"AES256"}}},
          {"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}""");
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(p), null));
    // A negated operator holds when the key is absent: unencrypted uploads are denied.
    assertEquals(Decision.EXPLICIT_DENY, decide(req(ALICE, "s3:PutObject", "arn:minicloud:s3:::b/k", A), List.of(p), null));
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:PutObject", "arn:minicloud:s3:::b/k", A,
        Map.of("s3:x-amz-server-side-encryption", List.of("AES256"))), List.of(p), null));
  }

  @Test
  void userNameVariableScopesResources() {
    // AWS example: each user gets their own home folder.
    NamedPolicy p = identity("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",
          "Resource":"arn:aws:s3:::shared/home/${aws:username}/*"}]}""");
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:PutObject", "arn:minicloud:s3:::shared/home/alice/f", A), List.of(p), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:PutObject", "arn:minicloud:s3:::shared/home/bob/f", A), List.of(p), null));
  }

  @Test
  void builtInPolicies() {
    NamedPolicy readOnly = new NamedPolicy("ReadOnlyAccess", BuiltInPolicies.forArn("arn:aws:iam::aws:policy/ReadOnlyAccess").orElseThrow());
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(readOnly), null));
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:ListBucket", "arn:minicloud:s3:::b", A), List.of(readOnly), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:PutObject", "arn:minicloud:s3:::b/k", A), List.of(readOnly), null));
    NamedPolicy compute = new NamedPolicy("c", BuiltInPolicies.forArn(BuiltInPolicies.arn("ComputeFullAccess")).orElseThrow());
    assertEquals(Decision.ALLOW, decide(req(ALICE, "compute:RunInstances", "*", A), List.of(compute), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "*", A), List.of(compute), null));
    for (String name : BuiltInPolicies.names()) {
      assertTrue(BuiltInPolicies.forArn(BuiltInPolicies.arn(name)).isPresent(), name);
    }
  }

  @Test
  void sameAccountGrantToTheAccountDelegatesToIdentityPolicies() {
    // Naming the account (not the user) in a bucket policy lets the account's IAM decide.
    NamedPolicy toAccount = bucket("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},
          "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""");
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(), toAccount));
    assertEquals(Decision.ALLOW, decide(req(ROOT_A, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(), toAccount));
  }

  @Test
  void notPrincipalDeniesEveryoneElse() {
    // AWS example: deny all principals except one user.
    NamedPolicy p = bucket("""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:*",
           "Resource":"arn:aws:s3:::b/*"},
          {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""");
    NamedPolicy aliceOwn = identity("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(aliceOwn), p));
    assertEquals(Decision.EXPLICIT_DENY, decide(req(null, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(), p));
    assertEquals(Decision.EXPLICIT_DENY, decide(req(ROOT_A, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(), p));
  }

  @Test
  void setQualifiersNullNumericIgnoreCaseAndArnOperators() {
    NamedPolicy p = identity("""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Tags","Effect":"Allow","Action":"s3:PutObjectTagging","Resource":"*",
           "Condition":{"ForAllValues:StringEquals":{"s3:RequestObjectTagKeys":["team","cost"]}}},
          {"Sid":"AnyTag","Effect":"Allow","Action":"s3:GetObjectTagging","Resource":"*",
           "Condition":{"ForAnyValue:StringLike":{"s3:RequestObjectTagKeys":"pub*"}}},
          {"Sid":"SmallPages","Effect":"Allow","Action":"s3:ListBucket","Resource":"*",
           "Condition":{"NumericLessThanEquals":{"s3:max-keys":"100"},"StringEqualsIgnoreCase":{"s3:delimiter":"/"}}},
          {"Sid":"NeedsAgent","Effect":"Deny","Action":"s3:GetObject","Resource":"*",
           "Condition":{"Null":{"aws:UserAgent":"true"}}},
          {"Sid":"Self","Effect":"Allow","Action":"s3:GetObject","Resource":"*",
           "Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/a*"}}}]}""");
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:PutObjectTagging", "arn:minicloud:s3:::b/k", A,
        Map.of("s3:RequestObjectTagKeys", List.of("team"))), List.of(p), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:PutObjectTagging", "arn:minicloud:s3:::b/k", A,
        Map.of("s3:RequestObjectTagKeys", List.of("team", "owner"))), List.of(p), null));
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:GetObjectTagging", "arn:minicloud:s3:::b/k", A,
        Map.of("s3:RequestObjectTagKeys", List.of("x", "public"))), List.of(p), null));
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:ListBucket", "arn:minicloud:s3:::b", A,
        Map.of("s3:max-keys", List.of("50"), "s3:delimiter", List.of("/"))), List.of(p), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:ListBucket", "arn:minicloud:s3:::b", A,
        Map.of("s3:max-keys", List.of("1000"), "s3:delimiter", List.of("/"))), List.of(p), null));
    assertEquals(Decision.EXPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/k", A), List.of(p), null));
    assertEquals(Decision.ALLOW, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::b/k", A,
        Map.of("aws:UserAgent", List.of("aws-cli"))), List.of(p), null));
  }

  @Test
  void anUnresolvedPolicyVariableMatchesNothing() {
    NamedPolicy p = identity("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*",
          "NotResource":"arn:aws:s3:::home/${aws:username}/*"}]}""");
    assertEquals(Decision.EXPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::home/bob/x", A), List.of(p), null));
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::home/alice/x", A), List.of(p), null));
    // Version 2008-10-17 has no variables: the text is literal.
    NamedPolicy old = identity("""
        {"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",
          "Resource":"arn:aws:s3:::home/${aws:username}/*"}]}""");
    assertEquals(Decision.IMPLICIT_DENY, decide(req(ALICE, "s3:GetObject", "arn:minicloud:s3:::home/alice/x", A), List.of(old), null));
  }
}

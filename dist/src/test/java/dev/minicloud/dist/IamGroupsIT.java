package dev.minicloud.dist;

import static dev.minicloud.dist.IamAccessIT.assertError;
import static dev.minicloud.dist.IamAccessIT.json;
import static dev.minicloud.dist.IamAccessIT.keyOf;
import static dev.minicloud.dist.IamAccessIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.SignedHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * IAM groups end to end: the real platform, signed JSON calls and the AWS SDK v2 S3 client. A user
 * with no policy of its own reads through its group's attached ReadOnlyAccess and loses that when it
 * leaves the group; a group's explicit Deny beats the user's own Allow; bad input gets exact codes.
 */
class IamGroupsIT {

  @TempDir
  static Path data;

  static InProcessPlatform platform;
  static String accountA;
  static SignedHttp rootA;
  static SignedHttp rootB;

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    SignedHttp platformRoot = new SignedHttp(platform.endpoint(), platform.root, Clock.systemUTC());
    JsonNode a = ok(201, platformRoot.send("POST", "iam", "/iam/v1/accounts", json(Map.of("name", "group-team")), Map.of()));
    JsonNode b = ok(201, platformRoot.send("POST", "iam", "/iam/v1/accounts", json(Map.of("name", "other-team")), Map.of()));
    accountA = a.get("accountId").asText();
    SigningCredentials keyA = keyOf(a.get("rootAccessKey"));
    rootA = iam(keyA);
    rootB = iam(keyOf(b.get("rootAccessKey")));
    try (S3Client owner = s3(keyA)) {
      owner.createBucket(r -> r.bucket("shared"));
      owner.putObject(r -> r.bucket("shared").key("doc.txt"), RequestBody.fromString("shared document"));
    }
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void aGroupsManagedPolicyGrantsReadsToItsMembersOnlyAndAGroupDenyBeatsAUserAllow() {
    SigningCredentials carolKey = createUserWithKey(rootA, "carol");
    try (S3Client carol = s3(carolKey)) {
      assertEquals("AccessDenied", s3Error(() -> carol.getObjectAsBytes(r -> r.bucket("shared").key("doc.txt"))));

      JsonNode group = ok(201, call(rootA, "POST", "/iam/v1/groups", Map.of("groupName", "readers"))).get("group");
      assertEquals("arn:minicloud:iam::" + accountA + ":group/readers", group.get("arn").asText());
      assertEquals("readers", group.get("groupName").asText());
      ok(200, call(rootA, "POST", "/iam/v1/groups/readers/attached-policies",
          Map.of("policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")));
      assertEquals("AccessDenied", s3Error(() -> carol.getObjectAsBytes(r -> r.bucket("shared").key("doc.txt"))),
          "not a member yet");

      ok(204, call(rootA, "PUT", "/iam/v1/groups/readers/users/carol", null));
      assertEquals("shared document",
          carol.getObjectAsBytes(r -> r.bucket("shared").key("doc.txt")).asUtf8String());
      assertEquals(List.of("doc.txt"), carol.listObjectsV2(r -> r.bucket("shared")).contents().stream()
          .map(o -> o.key()).toList());
      assertEquals("AccessDenied", s3Error(() -> carol.putObject(r -> r.bucket("shared").key("new"),
          RequestBody.fromString("x"))), "read-only");
      assertEquals(0, ok(200, rootA.get("iam", "/iam/v1/users/carol/attached-policies")).get("attachedPolicies").size(),
          "no policy of her own");
      assertEquals(List.of("readers"), names(ok(200, rootA.get("iam", "/iam/v1/users/carol/groups")).get("groups"),
          "groupName"));
      JsonNode got = ok(200, rootA.get("iam", "/iam/v1/groups/readers"));
      assertEquals(List.of("carol"), names(got.get("users"), "userName"));
      assertEquals("arn:minicloud:iam::minicloud:policy/ReadOnlyAccess",
          got.get("group").get("attachedPolicies").get(0).asText());

      ok(204, call(rootA, "DELETE", "/iam/v1/groups/readers/users/carol", null));
      assertEquals("AccessDenied", s3Error(() -> carol.getObjectAsBytes(r -> r.bucket("shared").key("doc.txt"))),
          "removed from the group, the access is gone at once");
      assertEquals(0, ok(200, rootA.get("iam", "/iam/v1/users/carol/groups")).get("groups").size());
    }

    // A user's own Allow, and a Deny in a group it joins: the explicit deny wins.
    SigningCredentials daveKey = createUserWithKey(rootA, "dave");
    try (S3Client dave = s3(daveKey)) {
      ok(204, call(rootA, "PUT", "/iam/v1/users/dave/policies/reads", Map.of("Version", "2012-10-17", "Statement",
          List.of(Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", "arn:aws:s3:::shared/*")))));
      assertEquals("shared document", dave.getObjectAsBytes(r -> r.bucket("shared").key("doc.txt")).asUtf8String());
      ok(201, call(rootA, "POST", "/iam/v1/groups", Map.of("groupName", "quarantine")));
      ok(204, call(rootA, "PUT", "/iam/v1/groups/quarantine/policies/deny-reads", Map.of("Version", "2012-10-17",
          "Statement", List.of(Map.of("Effect", "Deny", "Action", "s3:*", "Resource", "arn:aws:s3:::shared/*")))));
      assertEquals(List.of("deny-reads"), strings(ok(200, rootA.get("iam", "/iam/v1/groups/quarantine/policies"))
          .get("policyNames")));
      ok(204, call(rootA, "PUT", "/iam/v1/groups/quarantine/users/dave", null));
      assertEquals("AccessDenied", s3Error(() -> dave.getObjectAsBytes(r -> r.bucket("shared").key("doc.txt"))));
      JsonNode simulated = ok(200, call(rootA, "POST", "/iam/v1/simulate", Map.of("action", "s3:GetObject",
          "resource", "arn:aws:s3:::shared/doc.txt", "userName", "dave")));
      assertEquals("explicitDeny", simulated.get("decision").asText(), simulated.toString());

      ok(204, call(rootA, "DELETE", "/iam/v1/groups/quarantine/policies/deny-reads", null));
      assertEquals("shared document", dave.getObjectAsBytes(r -> r.bucket("shared").key("doc.txt")).asUtf8String(),
          "the group's policy removed, the user's own Allow applies again");
    }
  }

  @Test
  void badGroupRequestsGetExactCodesAndGroupsInUseCannotBeDeleted() {
    ok(201, call(rootA, "POST", "/iam/v1/groups", Map.of("groupName", "devs")));
    assertError(409, "EntityAlreadyExists", call(rootA, "POST", "/iam/v1/groups", Map.of("groupName", "devs")));
    assertError(400, "ValidationError", call(rootA, "POST", "/iam/v1/groups", Map.of("groupName", "bad name!")));
    assertError(400, "ValidationError", call(rootA, "POST", "/iam/v1/groups", Map.of("name", "devs2")));
    assertError(404, "NoSuchEntity", rootA.get("iam", "/iam/v1/groups/nope"));
    assertError(404, "NoSuchEntity", call(rootA, "PUT", "/iam/v1/groups/nope/users/erin", null));
    assertError(404, "NoSuchEntity", call(rootA, "PUT", "/iam/v1/groups/devs/users/nobody-here", null));
    assertError(404, "NoSuchEntity", rootA.get("iam", "/iam/v1/users/nobody-here/groups"));
    assertError(404, "NoSuchEntity", call(rootA, "POST", "/iam/v1/groups/devs/attached-policies",
        Map.of("policyArn", "arn:aws:iam::aws:policy/NoSuchPolicy")));
    assertError(400, "MalformedPolicyDocument", call(rootA, "PUT", "/iam/v1/groups/devs/policies/p",
        Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Perhaps", "Action", "s3:*",
            "Resource", "*")))));
    assertError(404, "NoSuchEntity", rootA.get("iam", "/iam/v1/groups/devs/policies/p"));
    // Another account does not see the group.
    assertError(404, "NoSuchEntity", rootB.get("iam", "/iam/v1/groups/devs"));
    assertEquals(0, ok(200, rootB.get("iam", "/iam/v1/groups")).get("groups").size());

    ok(201, call(rootA, "POST", "/iam/v1/users", Map.of("userName", "erin")));
    assertError(404, "NoSuchEntity", call(rootA, "DELETE", "/iam/v1/groups/devs/users/erin", null));
    // Users without a policy may not manage groups.
    SigningCredentials erinKey = keyOf(ok(201, call(rootA, "POST", "/iam/v1/users/erin/access-keys", null))
        .get("accessKey"));
    SignedHttp erin = iam(erinKey);
    assertError(403, "AccessDenied", call(erin, "POST", "/iam/v1/groups", Map.of("groupName", "mine")));
    assertError(403, "AccessDenied", call(erin, "PUT", "/iam/v1/groups/devs/users/erin", null));

    // DeleteConflict while the group has a member, an attached policy or an inline policy, as IAM.
    ok(204, call(rootA, "PUT", "/iam/v1/groups/devs/users/erin", null));
    ok(204, call(rootA, "PUT", "/iam/v1/groups/devs/users/erin", null)); // idempotent
    JsonNode policy = ok(201, call(rootA, "POST", "/iam/v1/policies", Map.of("policyName", "DevTools",
        "policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
            "Action", "compute:*", "Resource", "*")))))).get("policy");
    ok(200, call(rootA, "POST", "/iam/v1/groups/devs/attached-policies", Map.of("policyArn", policy.get("arn").asText())));
    ok(204, call(rootA, "PUT", "/iam/v1/groups/devs/policies/p", Map.of("Version", "2012-10-17", "Statement",
        List.of(Map.of("Effect", "Allow", "Action", "s3:ListAllMyBuckets", "Resource", "*")))));
    assertError(409, "DeleteConflict", call(rootA, "DELETE", "/iam/v1/policies/DevTools", null));
    assertError(409, "DeleteConflict", call(rootA, "DELETE", "/iam/v1/groups/devs", null));
    ok(204, call(rootA, "DELETE", "/iam/v1/groups/devs/users/erin", null));
    assertError(409, "DeleteConflict", call(rootA, "DELETE", "/iam/v1/groups/devs", null));
    ok(204, call(rootA, "DELETE", "/iam/v1/groups/devs/attached-policies?policyArn="
        + java.net.URLEncoder.encode(policy.get("arn").asText(), java.nio.charset.StandardCharsets.UTF_8), null));
    assertEquals(0, ok(200, rootA.get("iam", "/iam/v1/groups/devs/attached-policies")).get("attachedPolicies").size());
    assertError(409, "DeleteConflict", call(rootA, "DELETE", "/iam/v1/groups/devs", null));
    JsonNode stored = Json.fromBytes(ok(200, rootA.get("iam", "/iam/v1/groups/devs/policies/p")).get("policyDocument")
        .asText().getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
    assertEquals("s3:ListAllMyBuckets", stored.get("Statement").get(0).get("Action").asText(), stored.toString());
    ok(204, call(rootA, "DELETE", "/iam/v1/groups/devs/policies/p", null));
    ok(204, call(rootA, "DELETE", "/iam/v1/groups/devs", null));
    assertError(404, "NoSuchEntity", rootA.get("iam", "/iam/v1/groups/devs"));
    ok(204, call(rootA, "DELETE", "/iam/v1/policies/DevTools", null));

    // Deleting a user ends its memberships (as it deletes its policies): the group can then go.
    ok(201, call(rootA, "POST", "/iam/v1/groups", Map.of("groupName", "leavers")));
    ok(204, call(rootA, "PUT", "/iam/v1/groups/leavers/users/erin", null));
    ok(204, call(rootA, "DELETE", "/iam/v1/users/erin", null));
    assertEquals(0, ok(200, rootA.get("iam", "/iam/v1/groups/leavers")).get("users").size());
    ok(204, call(rootA, "DELETE", "/iam/v1/groups/leavers", null));
  }

  // ---- helpers ----

  private static S3Client s3(SigningCredentials c) {
    return platform.s3(c.accessKeyId(), c.secretKey());
  }

  private static SignedHttp iam(SigningCredentials c) {
    return new SignedHttp(platform.endpoint(), c, Clock.systemUTC());
  }

  private static SigningCredentials createUserWithKey(SignedHttp caller, String userName) {
    ok(201, call(caller, "POST", "/iam/v1/users", Map.of("userName", userName)));
    return keyOf(ok(201, call(caller, "POST", "/iam/v1/users/" + userName + "/access-keys", null)).get("accessKey"));
  }

  private static HttpResponse<String> call(SignedHttp caller, String method, String path, Object body) {
    return caller.send(method, "iam", path, body == null ? new byte[0] : json(body),
        body == null ? Map.of() : Map.of("content-type", "application/json"));
  }

  /** The S3 error code of a call that must fail with 403. */
  private static String s3Error(Runnable call) {
    S3Exception e = assertThrows(S3Exception.class, call::run);
    assertEquals(403, e.statusCode());
    return e.awsErrorDetails().errorCode();
  }

  private static List<String> names(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}

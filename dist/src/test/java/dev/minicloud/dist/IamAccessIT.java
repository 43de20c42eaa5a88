package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.SignedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Multi-tenant access control end to end: the real platform, the AWS SDK v2 S3 client and signed
 * JSON calls. Two accounts; in account A a user without policy and a user with ReadOnlyAccess; an
 * anonymous client. Every cell of the matrix asserts the exact HTTP status and S3 error code.
 */
class IamAccessIT {

  @TempDir
  static Path data;

  static InProcessPlatform platform;
  static SignedHttp platformRoot;
  static final HttpClient http = HttpClient.newHttpClient();

  static String accountA;
  static String accountB;
  static SigningCredentials rootA;
  static SigningCredentials rootB;
  static SigningCredentials noPolicyA;
  static SigningCredentials readerA;
  static String uploadId;

  enum Actor { OWNER, OTHER_ACCOUNT, USER_NO_POLICY, USER_READ_ONLY, ANONYMOUS }

  static final Map<Actor, S3Client> clients = new EnumMap<>(Actor.class);
  static final Map<Actor, String> abortable = new EnumMap<>(Actor.class);

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    platformRoot = new SignedHttp(platform.endpoint(), platform.root, Clock.systemUTC());
    JsonNode a = ok(201, platformRoot.send("POST", "iam", "/iam/v1/accounts", json(Map.of("name", "alpha-team")), Map.of()));
    JsonNode b = ok(201, platformRoot.send("POST", "iam", "/iam/v1/accounts", json(Map.of("name", "beta-team")), Map.of()));
    accountA = a.get("accountId").asText();
    accountB = b.get("accountId").asText();
    rootA = keyOf(a.get("rootAccessKey"));
    rootB = keyOf(b.get("rootAccessKey"));
    SignedHttp iamA = iam(rootA);
    noPolicyA = createUserWithKey(iamA, "nobody");
    readerA = createUserWithKey(iamA, "reader");
    ok(200, iamA.send("POST", "iam", "/iam/v1/users/reader/attached-policies",
        json(Map.of("policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")), Map.of()));

    clients.put(Actor.OWNER, s3(rootA));
    clients.put(Actor.OTHER_ACCOUNT, s3(rootB));
    clients.put(Actor.USER_NO_POLICY, s3(noPolicyA));
    clients.put(Actor.USER_READ_ONLY, s3(readerA));
    clients.put(Actor.ANONYMOUS, S3Client.builder().endpointOverride(URI.create(platform.endpoint()))
        .region(Region.US_EAST_1).forcePathStyle(true).credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClient(ApacheHttpClient.create()).build());

    S3Client owner = clients.get(Actor.OWNER);
    owner.createBucket(r -> r.bucket("alpha"));
    owner.putObject(r -> r.bucket("alpha").key("doc.txt"), RequestBody.fromString("alpha secret document"));
    owner.putObject(r -> r.bucket("alpha").key("sealed.txt").serverSideEncryption(ServerSideEncryption.AES256),
        RequestBody.fromString("alpha encrypted document"));
    for (Actor actor : Actor.values()) {
      owner.putObject(r -> r.bucket("alpha").key("victim-" + actor), RequestBody.fromString("x"));
    }
    uploadId = owner.createMultipartUpload(r -> r.bucket("alpha").key("mp")).uploadId();
    for (Actor actor : Actor.values()) {
      abortable.put(actor, owner.createMultipartUpload(r -> r.bucket("alpha").key("abort-" + actor)).uploadId());
      owner.createBucket(r -> r.bucket("empty-" + bucketSuffix(actor)));
    }
    S3Client other = clients.get(Actor.OTHER_ACCOUNT);
    other.createBucket(r -> r.bucket("beta"));
    other.putObject(r -> r.bucket("beta").key("b.txt"), RequestBody.fromString("beta public"));
  }

  @AfterAll
  static void stop() {
    clients.values().forEach(S3Client::close);
    platform.close();
  }

  // ---- the matrix ----

  private static final int OK = 200;
  private static final int DENIED = 403;

  /** One row: the operation against account A's resources, and each actor's expected status. */
  private record Row(String operation, Function<Actor, Runnable> call, Map<Actor, Integer> expected) {}

  private static Map<Actor, Integer> expect(int owner, int other, int noPolicy, int readOnly, int anonymous) {
    Map<Actor, Integer> m = new EnumMap<>(Actor.class);
    m.put(Actor.OWNER, owner);
    m.put(Actor.OTHER_ACCOUNT, other);
    m.put(Actor.USER_NO_POLICY, noPolicy);
    m.put(Actor.USER_READ_ONLY, readOnly);
    m.put(Actor.ANONYMOUS, anonymous);
    return m;
  }

  @Test
  void accessMatrixAcrossAccountsUsersAndAnonymous() {
    List<Row> rows = List.of(
        new Row("ListBuckets", actor -> () -> {
          var names = clients.get(actor).listBuckets().buckets().stream().map(x -> x.name()).toList();
          boolean b = actor == Actor.OTHER_ACCOUNT;
          assertTrue(names.contains(b ? "beta" : "alpha") && !names.contains(b ? "alpha" : "beta"), actor + ": " + names);
        }, expect(OK, OK, DENIED, OK, DENIED)),
        new Row("CreateBucket", actor -> () -> clients.get(actor).createBucket(r -> r.bucket("new-" + bucketSuffix(actor))),
            expect(OK, OK, DENIED, DENIED, DENIED)),
        new Row("PutObject", actor -> () -> clients.get(actor).putObject(r -> r.bucket("alpha").key("put-" + actor),
            RequestBody.fromString("hello")), expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("GetObject", actor -> () -> assertEquals("alpha secret document",
            clients.get(actor).getObjectAsBytes(r -> r.bucket("alpha").key("doc.txt")).asUtf8String()),
            expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("HeadObject", actor -> () -> clients.get(actor).headObject(r -> r.bucket("alpha").key("doc.txt")),
            expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("GetObject (server-side encrypted)", actor -> () -> assertEquals("alpha encrypted document",
            clients.get(actor).getObjectAsBytes(r -> r.bucket("alpha").key("sealed.txt")).asUtf8String()),
            expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("PutBucketEncryption", actor -> () -> clients.get(actor).putBucketEncryption(r -> r.bucket("alpha")
            .serverSideEncryptionConfiguration(c -> c.rules(ServerSideEncryptionRule.builder()
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)).build()))),
            expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("GetBucketEncryption", actor -> () -> clients.get(actor).getBucketEncryption(r -> r.bucket("alpha")),
            expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("DeleteBucketEncryption", actor -> () -> clients.get(actor).deleteBucketEncryption(r -> r.bucket("alpha")),
            expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("ListObjectsV2", actor -> () -> assertTrue(clients.get(actor).listObjectsV2(r -> r.bucket("alpha"))
            .contents().stream().anyMatch(o -> o.key().equals("doc.txt"))), expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("HeadBucket", actor -> () -> clients.get(actor).headBucket(r -> r.bucket("alpha")),
            expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("DeleteObject", actor -> () -> clients.get(actor).deleteObject(r -> r.bucket("alpha").key("victim-" + actor)),
            expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("CopyObject from A's bucket into the caller's own", actor -> () -> clients.get(actor).copyObject(r -> r
            .sourceBucket("alpha").sourceKey("doc.txt")
            .destinationBucket(actor == Actor.OTHER_ACCOUNT ? "beta" : "alpha").destinationKey("copy-" + actor)),
            expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("UploadPart into A's upload", actor -> () -> clients.get(actor).uploadPart(r -> r.bucket("alpha").key("mp")
            .uploadId(uploadId).partNumber(1 + actor.ordinal()), RequestBody.fromString("part")),
            expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("UploadPartCopy into A's upload", actor -> () -> clients.get(actor).uploadPartCopy(r -> r
            .sourceBucket("alpha").sourceKey("doc.txt").destinationBucket("alpha").destinationKey("mp")
            .uploadId(uploadId).partNumber(20 + actor.ordinal())), expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("ListObjects (v1)", actor -> () -> clients.get(actor).listObjects(r -> r.bucket("alpha")),
            expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("GetBucketLocation", actor -> () -> clients.get(actor).getBucketLocation(r -> r.bucket("alpha")),
            expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("GetBucketAcl", actor -> () -> clients.get(actor).getBucketAcl(r -> r.bucket("alpha")),
            expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("GetObjectTagging", actor -> () -> clients.get(actor).getObjectTagging(r -> r.bucket("alpha")
            .key("doc.txt")), expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("PutObjectTagging", actor -> () -> clients.get(actor).putObjectTagging(r -> r.bucket("alpha")
            .key("doc.txt").tagging(t -> t.tagSet(Tag.builder().key("by").value(actor.name()).build()))),
            expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("CreateMultipartUpload", actor -> () -> clients.get(actor).createMultipartUpload(r -> r.bucket("alpha")
            .key("mpu-" + actor)), expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("ListMultipartUploads", actor -> () -> clients.get(actor).listMultipartUploads(r -> r.bucket("alpha")),
            expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("ListParts", actor -> () -> clients.get(actor).listParts(r -> r.bucket("alpha").key("mp")
            .uploadId(uploadId)), expect(OK, DENIED, DENIED, OK, DENIED)),
        new Row("AbortMultipartUpload", actor -> () -> clients.get(actor).abortMultipartUpload(r -> r.bucket("alpha")
            .key("abort-" + actor).uploadId(abortable.get(actor))), expect(OK, DENIED, DENIED, DENIED, DENIED)),
        new Row("DeleteBucket", actor -> () -> clients.get(actor).deleteBucket(r -> r.bucket("empty-" + bucketSuffix(actor))),
            expect(OK, DENIED, DENIED, DENIED, DENIED)));

    List<String> failures = new ArrayList<>();
    for (Row row : rows) {
      for (Actor actor : Actor.values()) {
        int want = row.expected().get(actor);
        Outcome got = run(row.call().apply(actor));
        boolean codeOk = want == OK || got.code() == null || got.code().equals("AccessDenied");
        if (got.status() != want || !codeOk) {
          failures.add(row.operation() + " by " + actor + ": expected " + want + ", got " + got);
        }
      }
    }
    assertEquals(List.of(), failures);
    // Nothing the denied callers tried left a trace in account A.
    S3Client owner = clients.get(Actor.OWNER);
    List<String> keys = owner.listObjectsV2(r -> r.bucket("alpha")).contents().stream().map(o -> o.key()).toList();
    assertFalse(keys.contains("put-" + Actor.OTHER_ACCOUNT) || keys.contains("copy-" + Actor.USER_READ_ONLY), keys.toString());
    assertEquals(List.of(1, 20), owner.listParts(r -> r.bucket("alpha").key("mp").uploadId(uploadId)).parts().stream()
        .map(part -> part.partNumber()).toList());
    List<String> buckets = owner.listBuckets().buckets().stream().map(b -> b.name()).toList();
    assertFalse(buckets.contains("empty-owner"), buckets.toString());
    assertTrue(buckets.contains("empty-other-account") && buckets.contains("empty-anonymous"), buckets.toString());
  }

  private static String bucketSuffix(Actor actor) {
    return actor.name().toLowerCase().replace('_', '-');
  }

  private record Outcome(int status, String code) {
    @Override
    public String toString() {
      return status + (code == null ? "" : " " + code);
    }
  }

  private static Outcome run(Runnable call) {
    try {
      call.run();
      return new Outcome(OK, null);
    } catch (S3Exception e) {
      return new Outcome(e.statusCode(), e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode());
    }
  }

  @Test
  void deleteObjectsIsAuthorizedKeyByKey() {
    SignedHttp iamA = iam(rootA);
    SigningCredentials cleaner = createUserWithKey(iamA, "cleaner");
    ok(204, iamA.send("PUT", "iam", "/iam/v1/users/cleaner/policies/tmp-only", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::alpha","arn:aws:s3:::alpha/*"]},
          {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::alpha/keep/*"}]}"""
        .getBytes(StandardCharsets.UTF_8), Map.of()));
    S3Client owner = clients.get(Actor.OWNER);
    for (String key : List.of("keep/a", "tmp/b", "tmp/c")) {
      owner.putObject(r -> r.bucket("alpha").key(key), RequestBody.fromString(key));
    }
    try (S3Client client = s3(cleaner)) {
      var result = client.deleteObjects(r -> r.bucket("alpha").delete(d -> d.objects(
          ObjectIdentifier.builder().key("keep/a").build(), ObjectIdentifier.builder().key("tmp/b").build())));
      assertEquals(List.of("tmp/b"), result.deleted().stream().map(x -> x.key()).toList());
      assertEquals(List.of("keep/a AccessDenied"), result.errors().stream().map(e -> e.key() + " " + e.code()).toList());
    }
    var fromOther = clients.get(Actor.OTHER_ACCOUNT).deleteObjects(r -> r.bucket("alpha").delete(d -> d.objects(
        ObjectIdentifier.builder().key("tmp/c").build())));
    assertEquals(List.of("tmp/c AccessDenied"), fromOther.errors().stream().map(e -> e.key() + " " + e.code()).toList());
    assertEquals("keep/a", owner.getObjectAsBytes(r -> r.bucket("alpha").key("keep/a")).asUtf8String());
    assertEquals("tmp/c", owner.getObjectAsBytes(r -> r.bucket("alpha").key("tmp/c")).asUtf8String());
  }

  // ---- bucket policies and ACLs ----

  @Test
  void publicReadBucketPolicyServesPlainAnonymousGets() throws Exception {
    S3Client other = clients.get(Actor.OTHER_ACCOUNT);
    other.createBucket(r -> r.bucket("beta-public"));
    other.putObject(r -> r.bucket("beta-public").key("index.html"), RequestBody.fromString("<h1>hi</h1>"));
    assertEquals(403, anonymousGet("/beta-public/index.html").statusCode());

    other.putBucketPolicy(r -> r.bucket("beta-public").policy("""
        {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*",
          "Action":"s3:GetObject","Resource":"arn:aws:s3:::beta-public/*"}]}"""));
    HttpResponse<String> get = anonymousGet("/beta-public/index.html");
    assertEquals(200, get.statusCode());
    assertEquals("<h1>hi</h1>", get.body());
    assertTrue(other.getBucketPolicyStatus(r -> r.bucket("beta-public")).policyStatus().isPublic());
    assertTrue(other.getBucketPolicy(r -> r.bucket("beta-public")).policy().contains("PublicRead"));

    HttpResponse<String> list = anonymousGet("/beta-public");
    assertEquals(403, list.statusCode(), "the policy grants GetObject, not listing");
    assertTrue(list.body().contains("<Code>AccessDenied</Code>"), list.body());

    // A different account can neither read the policy nor replace it.
    Outcome steal = run(() -> clients.get(Actor.OWNER).getBucketPolicy(r -> r.bucket("beta-public")));
    assertEquals(403, steal.status());

    other.deleteBucketPolicy(r -> r.bucket("beta-public"));
    assertEquals(403, anonymousGet("/beta-public/index.html").statusCode());
    assertEquals(404, run(() -> other.getBucketPolicy(r -> r.bucket("beta-public"))).status());
  }

  @Test
  void anExpectedBucketOwnerThatIsNotTheOwnerIsDeniedAndChangesNothing() {
    S3Client owner = clients.get(Actor.OWNER);
    owner.putObject(r -> r.bucket("alpha").key("guarded").expectedBucketOwner(accountA), RequestBody.fromString("g"));
    assertEquals("g", owner.getObjectAsBytes(r -> r.bucket("alpha").key("guarded").expectedBucketOwner(accountA))
        .asUtf8String());
    // The request a client meant for account B's bucket of that name: refused before anything happens.
    assertEquals(new Outcome(403, "AccessDenied"), run(() -> owner.putObject(r -> r.bucket("alpha").key("guarded")
        .expectedBucketOwner(accountB), RequestBody.fromString("overwritten"))));
    assertEquals(new Outcome(403, "AccessDenied"), run(() -> owner.listObjectsV2(r -> r.bucket("alpha")
        .expectedBucketOwner(accountB))));
    assertEquals(new Outcome(403, "AccessDenied"), run(() -> owner.copyObject(r -> r.sourceBucket("alpha")
        .sourceKey("guarded").destinationBucket("alpha").destinationKey("guarded-copy")
        .expectedSourceBucketOwner(accountB))));
    assertEquals("g", owner.getObjectAsBytes(r -> r.bucket("alpha").key("guarded")).asUtf8String());
    assertEquals(new Outcome(404, "NoSuchKey"), run(() -> owner.headObject(r -> r.bucket("alpha").key("guarded-copy"))));
    owner.copyObject(r -> r.sourceBucket("alpha").sourceKey("guarded").destinationBucket("alpha")
        .destinationKey("guarded-copy").expectedSourceBucketOwner(accountA).expectedBucketOwner(accountA));
    owner.deleteObjects(r -> r.bucket("alpha").delete(d -> d.objects(ObjectIdentifier.builder().key("guarded").build(),
        ObjectIdentifier.builder().key("guarded-copy").build())));
  }

  @Test
  void malformedBucketPolicyIsRejected() {
    S3Client other = clients.get(Actor.OTHER_ACCOUNT);
    Outcome bad = run(() -> other.putBucketPolicy(r -> r.bucket("beta").policy(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")));
    assertEquals(new Outcome(400, "MalformedPolicy"), bad);
  }

  @Test
  void publicReadAclsOnBucketsAndObjects() throws Exception {
    S3Client other = clients.get(Actor.OTHER_ACCOUNT);
    other.createBucket(r -> r.bucket("beta-listed").acl(BucketCannedACL.PUBLIC_READ));
    other.putObject(r -> r.bucket("beta-listed").key("a"), RequestBody.fromString("a"));
    HttpResponse<String> list = anonymousGet("/beta-listed?list-type=2");
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().contains("<Key>a</Key>"), list.body());
    assertEquals(403, anonymousGet("/beta-listed/a").statusCode(), "a public-read bucket ACL does not expose objects");
    other.putBucketAcl(r -> r.bucket("beta-listed").acl(BucketCannedACL.PRIVATE));
    assertEquals(403, anonymousGet("/beta-listed?list-type=2").statusCode());
    assertEquals(501, run(() -> other.putObject(r -> r.bucket("beta-listed").key("b").acl(ObjectCannedACL.AUTHENTICATED_READ),
        RequestBody.fromString("b"))).status());

    // Object ACLs: public-read at upload, then back to private with PutObjectAcl.
    other.putObject(r -> r.bucket("beta-listed").key("pub*lic").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("p"));
    assertEquals("p", anonymousGet("/beta-listed/pub*lic").body());
    assertEquals(403, anonymousGet("/beta-listed/pub-other").statusCode(), "a '*' in a public key is no wildcard");
    assertEquals(403, run(() -> clients.get(Actor.ANONYMOUS).putObject(r -> r.bucket("beta-listed").key("pub*lic"),
        RequestBody.fromString("overwrite"))).status());
    assertTrue(other.getObjectAcl(r -> r.bucket("beta-listed").key("pub*lic")).grants().stream()
        .anyMatch(g -> g.grantee().uri() != null && g.grantee().uri().endsWith("AllUsers")));
    other.putObjectAcl(r -> r.bucket("beta-listed").key("pub*lic").acl(ObjectCannedACL.PRIVATE));
    assertEquals(403, anonymousGet("/beta-listed/pub*lic").statusCode());

    // The same as AccessControlPolicy bodies (what s3cmd's setacl sends): grants equal to a canned ACL.
    String ownerId = other.getObjectAcl(r -> r.bucket("beta-listed").key("pub*lic")).owner().id();
    Grant ownerFull = Grant.builder().permission(Permission.FULL_CONTROL)
        .grantee(g -> g.type(Type.CANONICAL_USER).id(ownerId)).build();
    Grant everyone = Grant.builder().permission(Permission.READ)
        .grantee(g -> g.type(Type.GROUP).uri("http://acs.amazonaws.com/groups/global/AllUsers")).build();
    other.putObjectAcl(r -> r.bucket("beta-listed").key("pub*lic")
        .accessControlPolicy(p -> p.owner(o -> o.id(ownerId)).grants(ownerFull, everyone)));
    assertEquals("p", anonymousGet("/beta-listed/pub*lic").body());
    other.putObjectAcl(r -> r.bucket("beta-listed").key("pub*lic")
        .accessControlPolicy(p -> p.owner(o -> o.id(ownerId)).grants(ownerFull)));
    assertEquals(403, anonymousGet("/beta-listed/pub*lic").statusCode());
    Grant everyoneWrites = everyone.toBuilder().permission(Permission.WRITE).build();
    assertEquals(new Outcome(501, "NotImplemented"), run(() -> other.putObjectAcl(r -> r.bucket("beta-listed")
        .key("pub*lic").accessControlPolicy(p -> p.owner(o -> o.id(ownerId)).grants(ownerFull, everyoneWrites)))));
    assertEquals(403, anonymousGet("/beta-listed/pub*lic").statusCode(), "a refused ACL changes nothing");
    assertEquals(new Outcome(404, "NoSuchKey"), run(() -> other.putObjectAcl(r -> r.bucket("beta-listed")
        .key("missing").accessControlPolicy(p -> p.owner(o -> o.id(ownerId)).grants(ownerFull)))));
    other.putBucketAcl(r -> r.bucket("beta-listed").accessControlPolicy(p -> p.owner(o -> o.id(ownerId))
        .grants(ownerFull, everyone)));
    assertEquals(200, anonymousGet("/beta-listed?list-type=2").statusCode());
    other.putBucketAcl(r -> r.bucket("beta-listed").accessControlPolicy(p -> p.owner(o -> o.id(ownerId))
        .grants(ownerFull)));
    assertEquals(403, anonymousGet("/beta-listed?list-type=2").statusCode());
  }

  @Test
  void bucketPolicyGrantsAnotherAccountAPrefix() {
    clients.get(Actor.OTHER_ACCOUNT).createBucket(r -> r.bucket("beta-shared"));
    clients.get(Actor.OTHER_ACCOUNT).putObject(r -> r.bucket("beta-shared").key("shared/x"), RequestBody.fromString("x"));
    clients.get(Actor.OTHER_ACCOUNT).putObject(r -> r.bucket("beta-shared").key("private/y"), RequestBody.fromString("y"));
    clients.get(Actor.OTHER_ACCOUNT).putBucketPolicy(r -> r.bucket("beta-shared").policy("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
          "Action":"s3:GetObject","Resource":"arn:aws:s3:::beta-shared/shared/*"}]}""".formatted(accountA)));
    S3Client owner = clients.get(Actor.OWNER);
    assertEquals("x", owner.getObjectAsBytes(r -> r.bucket("beta-shared").key("shared/x")).asUtf8String());
    assertEquals(403, run(() -> owner.getObjectAsBytes(r -> r.bucket("beta-shared").key("private/y"))).status());
    // A's read-only user has an identity policy allowing GetObject: both sides allow.
    assertEquals("x", clients.get(Actor.USER_READ_ONLY).getObjectAsBytes(r -> r.bucket("beta-shared").key("shared/x"))
        .asUtf8String());
    // A's user without a policy: account A never delegated to it.
    assertEquals(403, run(() -> clients.get(Actor.USER_NO_POLICY).getObjectAsBytes(r -> r.bucket("beta-shared")
        .key("shared/x"))).status());
  }

  // ---- the /iam/v1 API ----

  @Test
  void accessKeysLifecycleAndLimit() throws Exception {
    SignedHttp iamA = iam(rootA);
    ok(201, iamA.send("POST", "iam", "/iam/v1/users", json(Map.of("userName", "keys")), Map.of()));
    JsonNode first = ok(201, iamA.send("POST", "iam", "/iam/v1/users/keys/access-keys", new byte[0], Map.of())).get("accessKey");
    ok(201, iamA.send("POST", "iam", "/iam/v1/users/keys/access-keys", new byte[0], Map.of()));
    assertError(409, "LimitExceeded", iamA.send("POST", "iam", "/iam/v1/users/keys/access-keys", new byte[0], Map.of()));

    SigningCredentials key = keyOf(first);
    ok(204, iamA.send("PUT", "iam", "/iam/v1/users/keys/policies/all-s3",
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"""
            .getBytes(StandardCharsets.UTF_8), Map.of()));
    try (S3Client client = s3(key)) {
      client.listObjectsV2(r -> r.bucket("alpha"));
      JsonNode keys = ok(200, iamA.get("iam", "/iam/v1/users/keys/access-keys"));
      assertEquals(2, keys.get("accessKeys").size());
      assertFalse(keys.toString().contains("secretAccessKey"), keys.toString());
      assertTrue(keys.toString().contains("lastUsedAt"), "the used key reports its last use: " + keys);

      ok(200, iamA.send("PUT", "iam", "/iam/v1/users/keys/access-keys/" + key.accessKeyId(),
          json(Map.of("status", "Inactive")), Map.of()));
      assertEquals(403, run(() -> client.listObjectsV2(r -> r.bucket("alpha"))).status());
      ok(200, iamA.send("PUT", "iam", "/iam/v1/users/keys/access-keys/" + key.accessKeyId(),
          json(Map.of("status", "Active")), Map.of()));
      client.listObjectsV2(r -> r.bucket("alpha"));

      ok(204, iamA.send("DELETE", "iam", "/iam/v1/users/keys/access-keys/" + key.accessKeyId(), new byte[0], Map.of()));
      assertEquals(403, run(() -> client.listObjectsV2(r -> r.bucket("alpha"))).status());
    }
    assertError(404, "NoSuchEntity", iamA.send("DELETE", "iam", "/iam/v1/users/ghost", new byte[0], Map.of()));
    assertError(409, "EntityAlreadyExists", iamA.send("POST", "iam", "/iam/v1/users", json(Map.of("userName", "keys")), Map.of()));
  }

  @Test
  void malformedPolicyDocumentsNameTheLine() {
    SignedHttp iamA = iam(rootA);
    ok(201, iamA.send("POST", "iam", "/iam/v1/users", json(Map.of("userName", "malformed")), Map.of()));
    HttpResponse<String> bad = iamA.send("PUT", "iam", "/iam/v1/users/malformed/policies/p", """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "bucket"}
          ]
        }""".getBytes(StandardCharsets.UTF_8), Map.of());
    assertError(400, "MalformedPolicyDocument", bad);
    assertTrue(bad.body().contains("line 4"), bad.body());
    // Both body forms: the document itself (even one mentioning policyDocument), or wrapped.
    ok(204, iamA.send("PUT", "iam", "/iam/v1/users/malformed/policies/raw", """
        {"Version":"2012-10-17","Statement":[{"Sid":"policyDocument","Effect":"Allow","Action":"s3:GetObject",
          "Resource":"*"}]}""".getBytes(StandardCharsets.UTF_8), Map.of()));
    ok(204, iamA.send("PUT", "iam", "/iam/v1/users/malformed/policies/wrapped", json(Map.of("policyDocument",
        Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow", "Action", "s3:ListBucket",
            "Resource", "*"))))), Map.of()));
    assertTrue(ok(200, iamA.get("iam", "/iam/v1/users/malformed/policies/wrapped")).get("policyDocument").asText()
        .contains("s3:ListBucket"));
    assertError(400, "MalformedPolicyDocument", iamA.send("POST", "iam", "/iam/v1/policies",
        json(Map.of("policyName", "broken", "policyDocument", "{\"Statement\": 7}")), Map.of()));
  }

  @Test
  void managedPolicyAttachDetachAndSimulate() {
    SignedHttp iamA = iam(rootA);
    ok(201, iamA.send("POST", "iam", "/iam/v1/users", json(Map.of("userName", "writer")), Map.of()));
    JsonNode policy = ok(201, iamA.send("POST", "iam", "/iam/v1/policies", json(Map.of("policyName", "WriteAlphaTmp",
        "policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
            "Action", List.of("s3:PutObject"), "Resource", "arn:aws:s3:::alpha/tmp/*"))))), Map.of())).get("policy");
    String arn = policy.get("arn").asText();
    assertEquals("arn:minicloud:iam::" + accountA + ":policy/WriteAlphaTmp", arn);

    Map<String, Object> simulateTmp = Map.of("userName", "writer", "action", "s3:PutObject",
        "resource", "arn:aws:s3:::alpha/tmp/a");
    JsonNode before = ok(200, iamA.send("POST", "iam", "/iam/v1/simulate", json(simulateTmp), Map.of()));
    assertEquals("implicitDeny", before.get("decision").asText(), before.toString());

    ok(200, iamA.send("POST", "iam", "/iam/v1/users/writer/attached-policies", json(Map.of("policyArn", arn)), Map.of()));
    JsonNode after = ok(200, iamA.send("POST", "iam", "/iam/v1/simulate", json(simulateTmp), Map.of()));
    assertEquals("allowed", after.get("decision").asText(), after.toString());
    assertTrue(after.get("matchedStatements").toString().contains("WriteAlphaTmp"), after.toString());
    JsonNode elsewhere = ok(200, iamA.send("POST", "iam", "/iam/v1/simulate", json(Map.of("userName", "writer",
        "action", "s3:PutObject", "resource", "arn:aws:s3:::alpha/etc/a")), Map.of()));
    assertEquals("implicitDeny", elsewhere.get("decision").asText());

    assertError(409, "DeleteConflict", iamA.send("DELETE", "iam", "/iam/v1/policies/WriteAlphaTmp", new byte[0], Map.of()));
    ok(204, iamA.send("DELETE", "iam", "/iam/v1/users/writer/attached-policies?policyArn=" + arn, new byte[0], Map.of()));
    ok(204, iamA.send("DELETE", "iam", "/iam/v1/policies/WriteAlphaTmp", new byte[0], Map.of()));
  }

  @Test
  void iamCallsAreAuthorizedToo() {
    // A user without a policy may not manage users; a read-only user may list them but not create.
    assertError(403, "AccessDenied", iam(noPolicyA).send("POST", "iam", "/iam/v1/users",
        json(Map.of("userName", "sneaky")), Map.of()));
    ok(200, iam(readerA).get("iam", "/iam/v1/users"));
    assertError(403, "AccessDenied", iam(readerA).send("POST", "iam", "/iam/v1/users",
        json(Map.of("userName", "sneaky")), Map.of()));
    // Accounts belong to the platform root alone; each account sees only its own users.
    assertError(403, "AccessDenied", iam(rootA).get("iam", "/iam/v1/accounts"));
    assertFalse(ok(200, iam(rootB).get("iam", "/iam/v1/users")).toString().contains("reader"));
  }

  @Test
  void suspendedAccountsAreRefusedEverywhereAndOnlyEmptyAccountsDelete() throws Exception {
    JsonNode c = ok(201, platformRoot.send("POST", "iam", "/iam/v1/accounts", json(Map.of("name", "gamma-team")), Map.of()));
    String accountC = c.get("accountId").asText();
    SigningCredentials rootC = keyOf(c.get("rootAccessKey"));
    try (S3Client gamma = s3(rootC)) {
      gamma.createBucket(r -> r.bucket("gamma-public"));
      gamma.putObject(r -> r.bucket("gamma-public").key("k"), RequestBody.fromString("k"));
      gamma.putBucketPolicy(r -> r.bucket("gamma-public").policy("""
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
            "Resource":"arn:aws:s3:::gamma-public/*"}]}"""));
      assertEquals(200, anonymousGet("/gamma-public/k").statusCode());

      ok(200, platformRoot.send("POST", "iam", "/iam/v1/accounts/" + accountC + "/suspend", new byte[0], Map.of()));
      assertEquals("Suspended", ok(200, platformRoot.get("iam", "/iam/v1/accounts/" + accountC)).get("status").asText());
      assertEquals(403, run(() -> gamma.listBuckets()).status());
      assertEquals(403, anonymousGet("/gamma-public/k").statusCode());
      assertEquals(403, iam(rootC).get("iam", "/iam/v1/users").statusCode());

      ok(200, platformRoot.send("POST", "iam", "/iam/v1/accounts/" + accountC + "/reactivate", new byte[0], Map.of()));
      assertError(409, "DeleteConflict", platformRoot.send("DELETE", "iam", "/iam/v1/accounts/" + accountC, new byte[0], Map.of()));
      gamma.deleteObject(r -> r.bucket("gamma-public").key("k"));
      gamma.deleteBucket(r -> r.bucket("gamma-public"));
    }
    ok(204, platformRoot.send("DELETE", "iam", "/iam/v1/accounts/" + accountC, new byte[0], Map.of()));
    assertError(404, "NoSuchEntity", platformRoot.get("iam", "/iam/v1/accounts/" + accountC));
    assertFalse(ok(200, platformRoot.get("iam", "/iam/v1/accounts")).toString().contains(accountC));
  }

  @Test
  void createdSecretsAreNowhereInTheDataDirectory() throws IOException {
    SignedHttp iamB = iam(rootB);
    ok(201, iamB.send("POST", "iam", "/iam/v1/users", json(Map.of("userName", "secretive")), Map.of()));
    String secret = ok(201, iamB.send("POST", "iam", "/iam/v1/users/secretive/access-keys", new byte[0], Map.of()))
        .get("accessKey").get("secretAccessKey").asText();
    assertEquals(40, secret.length());
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    // Object bytes too: the server-side encrypted object's text is nowhere, the plain one's is on a node.
    byte[] encryptedText = "alpha encrypted document".getBytes(StandardCharsets.UTF_8);
    byte[] plainText = "alpha secret document".getBytes(StandardCharsets.UTF_8);
    boolean plainFound = false;
    List<Path> scanned = new ArrayList<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        scanned.add(file);
        assertFalse(ByteSearch.contains(bytes, needle), "the secret is in clear in " + file);
        assertFalse(ByteSearch.contains(bytes, rootB.secretKey().getBytes(StandardCharsets.UTF_8)),
            "account B's root secret is in clear in " + file);
        assertFalse(ByteSearch.contains(bytes, encryptedText), "an encrypted object's text is in clear in " + file);
        plainFound |= file.startsWith(data.resolve("storage")) && ByteSearch.contains(bytes, plainText);
      }
    }
    assertTrue(scanned.stream().anyMatch(p -> p.toString().contains("metadata")), "the metadata store was scanned");
    assertTrue(plainFound, "an unencrypted object's text is found on the storage node, so the search can find text");
  }

  // ---- helpers ----

  static S3Client s3(SigningCredentials c) {
    return platform.s3(c.accessKeyId(), c.secretKey());
  }

  static SignedHttp iam(SigningCredentials c) {
    return new SignedHttp(platform.endpoint(), c, Clock.systemUTC());
  }

  static SigningCredentials keyOf(JsonNode key) {
    return new SigningCredentials(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());
  }

  static SigningCredentials createUserWithKey(SignedHttp iam, String userName) {
    ok(201, iam.send("POST", "iam", "/iam/v1/users", json(Map.of("userName", userName)), Map.of()));
    return keyOf(ok(201, iam.send("POST", "iam", "/iam/v1/users/" + userName + "/access-keys", new byte[0], Map.of()))
        .get("accessKey"));
  }

  static byte[] json(Object value) {
    return Json.toBytes(value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value);
  }

  static JsonNode ok(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    return response.body().isEmpty() ? Json.mapper().createObjectNode()
        : Json.fromBytes(response.body().getBytes(StandardCharsets.UTF_8), JsonNode.class);
  }

  static void assertError(int status, String code, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode error = Json.fromBytes(response.body().getBytes(StandardCharsets.UTF_8), JsonNode.class).get("error");
    assertEquals(code, error.get("code").asText(), response.body());
  }

  static HttpResponse<String> anonymousGet(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(platform.endpoint() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

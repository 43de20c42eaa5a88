package dev.minicloud.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.MutableClock;
import dev.minicloud.common.testing.SignedHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** The control plane on loopback, driven over real HTTP by the AWS SDK for Java v2 and a signed JDK client. */
class ControlPlaneIT {

  @TempDir
  static Path data;

  static ControlPlane controlPlane;
  static SigningCredentials root;
  static final ByteArrayOutputStream console = new ByteArrayOutputStream();
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    ControlPlaneOptions options = ControlPlaneOptions.defaults(data).withPort(0);
    controlPlane = new ControlPlane(options, Clock.systemUTC(), new PrintStream(console, true, StandardCharsets.UTF_8))
        .start();
    root = SignedHttp.credentialsFile(controlPlane.rootCredentialsFile());
  }

  @AfterAll
  static void stop() {
    controlPlane.close();
  }

  static StsClient sts(String accessKeyId, String secret) {
    return StsClient.builder()
        .endpointOverride(URI.create(controlPlane.endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  static HttpResponse<String> plain(String method, String path, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(controlPlane.endpoint() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> heartbeat(String nodeId, String kind, String token) throws Exception {
    String body = "{\"kind\":\"" + kind + "\",\"endpoint\":\"http://127.0.0.1:1\",\"version\":\"test\","
        + "\"startedAt\":\"2026-01-01T00:00:00Z\",\"capacity\":{\"diskFreeBytes\":1}}";
    return plain("PUT", "/internal/v1/nodes/" + nodeId,
        Map.of(ClusterToken.HEADER, token, "content-type", "application/json"), body);
  }

  static JsonNode json(HttpResponse<String> response) {
    return Json.fromBytes(response.body().getBytes(StandardCharsets.UTF_8), JsonNode.class);
  }

  @Test
  void stsGetCallerIdentityWithTheRootKey() {
    try (StsClient client = sts(root.accessKeyId(), root.secretKey())) {
      GetCallerIdentityResponse identity = client.getCallerIdentity();
      assertEquals(controlPlane.rootAccountId(), identity.account());
      assertEquals("arn:minicloud:iam::" + controlPlane.rootAccountId() + ":root", identity.arn());
      assertEquals(controlPlane.rootAccountId(), identity.userId());
    }
  }

  @Test
  void stsRejectsAWrongSecretAndAnUnknownKey() {
    try (StsClient client = sts(root.accessKeyId(), "0".repeat(40))) {
      StsException e = assertThrows(StsException.class, client::getCallerIdentity);
      assertEquals(403, e.statusCode());
      assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
      assertEquals(16, e.requestId().length());
    }
    try (StsClient client = sts("AKIAAAAAAAAAAAAAAAAA", root.secretKey())) {
      StsException e = assertThrows(StsException.class, client::getCallerIdentity);
      assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
    }
  }

  @Test
  void readinessFollowsStorageNodesAndTheInternalApiNeedsTheToken() throws Exception {
    HttpResponse<String> wrong = heartbeat("sn-wrong", "storage", "not-the-token");
    assertEquals(401, wrong.statusCode());
    assertEquals("InvalidClusterToken", json(wrong).at("/error/code").asText());
    assertEquals(wrong.headers().firstValue("x-amz-request-id").orElseThrow(),
        json(wrong).at("/error/requestId").asText());

    assertEquals(200, plain("GET", "/health/live", Map.of(), null).statusCode());
    HttpResponse<String> joined = heartbeat("sn-ready", "storage", controlPlane.clusterToken().value());
    assertEquals(200, joined.statusCode(), joined.body());
    assertEquals("up", json(joined).get("state").asText());
    HttpResponse<String> ready = plain("GET", "/health/ready", Map.of(), null);
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(json(ready).get("storageNodesUp").asInt() >= 1);
  }

  @Test
  void badHeartbeatsGetJsonErrors() throws Exception {
    String token = controlPlane.clusterToken().value();
    HttpResponse<String> malformed = plain("PUT", "/internal/v1/nodes/sn-x",
        Map.of(ClusterToken.HEADER, token, "content-type", "application/json"), "{not json");
    assertEquals(400, malformed.statusCode());
    assertEquals("MalformedJson", json(malformed).at("/error/code").asText());
    HttpResponse<String> badKind = heartbeat("sn-y", "toaster", token);
    assertEquals(400, badKind.statusCode());
    HttpResponse<String> badId = heartbeat("..%2F..", "storage", token);
    assertEquals(400, badId.statusCode());
    for (String socket : List.of("relative/node.sock", "/" + "s".repeat(107), "/tmp/a\\u0000b")) {
      HttpResponse<String> badSocket = plain("PUT", "/internal/v1/nodes/sn-z",
          Map.of(ClusterToken.HEADER, token, "content-type", "application/json"),
          "{\"kind\":\"storage\",\"endpoint\":\"http://127.0.0.1:1\",\"socket\":\"" + socket + "\"}");
      assertEquals(400, badSocket.statusCode(), socket);
      assertEquals("ValidationError", json(badSocket).at("/error/code").asText(), badSocket.body());
    }
  }

  @Test
  void adminNodesIsSignedAndListsNodes() throws Exception {
    heartbeat("ca-listed", "compute", controlPlane.clusterToken().value());
    SignedHttp admin = new SignedHttp(controlPlane.endpoint(), root, Clock.systemUTC());
    HttpResponse<String> nodes = admin.get("admin", "/admin/v1/nodes");
    assertEquals(200, nodes.statusCode(), nodes.body());
    boolean listed = false;
    for (JsonNode node : json(nodes).get("nodes")) {
      if (node.get("nodeId").asText().equals("ca-listed")) {
        listed = true;
        assertEquals("compute", node.get("kind").asText());
        assertEquals("up", node.get("state").asText());
        assertFalse(node.get("lastHeartbeat").asText().isEmpty());
      }
    }
    assertTrue(listed, nodes.body());

    HttpResponse<String> anonymous = plain("GET", "/admin/v1/nodes", Map.of(), null);
    assertEquals(403, anonymous.statusCode());
    assertEquals("MissingAuthenticationToken", json(anonymous).at("/error/code").asText());

    HttpResponse<String> unknown = admin.get("admin", "/admin/v1/nothing-here");
    assertEquals(404, unknown.statusCode());
    assertEquals("NotFound", json(unknown).at("/error/code").asText());
  }

  @Test
  void skewedClocksAndTamperedBodiesAreRejected() {
    MutableClock late = new MutableClock(Instant.now().minus(Duration.ofMinutes(16)));
    HttpResponse<String> skewed = new SignedHttp(controlPlane.endpoint(), root, late).get("admin", "/admin/v1/nodes");
    assertEquals(403, skewed.statusCode());
    assertEquals("RequestTimeTooSkewed", json(skewed).at("/error/code").asText());

    SignedHttp admin = new SignedHttp(controlPlane.endpoint(), root, Clock.systemUTC());
    HttpResponse<String> mismatch = admin.send("POST", "admin", "/admin/v1/nodes", "{}".getBytes(StandardCharsets.UTF_8),
        Map.of("x-amz-content-sha256", "0".repeat(64)));
    assertEquals(400, mismatch.statusCode());
    assertEquals("XAmzContentSHA256Mismatch", json(mismatch).at("/error/code").asText());

    HttpResponse<String> huge = admin.send("POST", "admin", "/admin/v1/nodes", new byte[(1 << 20) + 1], Map.of());
    assertEquals(413, huge.statusCode());
    assertEquals("RequestEntityTooLarge", json(huge).at("/error/code").asText());
  }

  @Test
  void s3SurfaceAnswersInS3XmlWithRequestIds() throws Exception {
    HttpResponse<String> anonymous = plain("GET", "/some-bucket/some-key", Map.of(), null);
    assertEquals(403, anonymous.statusCode());
    assertTrue(anonymous.body().contains("<Code>AccessDenied</Code>"), anonymous.body());
    String requestId = anonymous.headers().firstValue("x-amz-request-id").orElseThrow();
    assertTrue(requestId.matches("[0-9A-F]{16}"), requestId);
    assertTrue(anonymous.body().contains("<RequestId>" + requestId + "</RequestId>"));
    assertTrue(anonymous.headers().firstValue("x-amz-id-2").isPresent());
    assertTrue(anonymous.body().contains("<Resource>/some-bucket/some-key</Resource>"));

    HttpResponse<String> garbage = plain("GET", "/b", Map.of("authorization", "AWS4-HMAC-SHA256 nonsense"), null);
    assertEquals(400, garbage.statusCode());
    assertTrue(garbage.body().contains("<Code>AuthorizationHeaderMalformed</Code>"), garbage.body());
  }

  @Test
  void metricsExposeRequestTimingsByApiActionAndStatusAndNodeCounts() throws Exception {
    heartbeat("sn-metrics", "storage", controlPlane.clusterToken().value());
    plain("GET", "/health/live", Map.of(), null);
    HttpResponse<String> metrics = plain("GET", "/metrics", Map.of(), null);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("minicloud_nodes{kind=\"storage\",state=\"up\"}"), "node gauge");
    assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("minicloud_api_requests_seconds_count")
        && l.contains("api=\"probe\"") && l.contains("status=\"200\"")), "request timings by API and status");
    assertFalse(metrics.body().contains("vertx_http_server_"), "requests are timed once, not again by Vert.x");
    assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "JVM metrics");
  }

  @Test
  void secretsAreNotStoredInPlaintextInTheMetadataStore() throws IOException {
    try (Stream<Path> files = Files.walk(data.resolve("metadata"))) {
      byte[] secret = root.secretKey().getBytes(StandardCharsets.US_ASCII);
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] content = Files.readAllBytes(file);
        assertFalse(indexOf(content, secret) >= 0, "root secret in plaintext in " + file);
      }
    }
  }

  @Test
  void aRestartKeepsTheRootAccountAndDoesNotPrintTheSecretAgain(@TempDir Path other) {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ControlPlaneOptions options = ControlPlaneOptions.defaults(other).withPort(0);
    String accountId;
    try (ControlPlane a = new ControlPlane(options, Clock.systemUTC(), new PrintStream(first, true, StandardCharsets.UTF_8)).start()) {
      accountId = a.rootAccountId();
    }
    SigningCredentials creds = SignedHttp.credentialsFile(other.resolve("root-credentials"));
    assertTrue(first.toString(StandardCharsets.UTF_8).contains(creds.secretKey()));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    try (ControlPlane b = new ControlPlane(options, Clock.systemUTC(), new PrintStream(second, true, StandardCharsets.UTF_8)).start()) {
      assertEquals(accountId, b.rootAccountId());
      assertFalse(second.toString(StandardCharsets.UTF_8).contains(creds.secretKey()));
      try (StsClient client = StsClient.builder().endpointOverride(URI.create(b.endpoint())).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(creds.accessKeyId(), creds.secretKey())))
          .httpClient(ApacheHttpClient.create()).build()) {
        assertEquals(accountId, client.getCallerIdentity().account());
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

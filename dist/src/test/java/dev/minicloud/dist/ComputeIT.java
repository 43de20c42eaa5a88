package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.testing.Poll;
import dev.minicloud.common.testing.SignedHttp;
import dev.minicloud.computeagent.ComputeAgent;
import dev.minicloud.computeagent.ComputeAgentOptions;
import dev.minicloud.controlplane.ControlPlane;
import dev.minicloud.controlplane.ControlPlaneOptions;
import dev.minicloud.storagenode.StorageNode;
import dev.minicloud.storagenode.StorageNodeOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The compute service end to end: a control plane and a compute agent on the machine's real Docker
 * engine (sharing one Vert.x, as the all-in-one server does), called with signed JSON requests.
 * Fails (does not skip) when no Docker engine answers or the base image is missing.
 */
class ComputeIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String USER_DATA = String.join("\n",
      "mkdir -p /www",
      "echo \"hello from $(hostname)\" > /www/index.html",
      "httpd -p 80 -h /www",
      "echo user-data-done first-boot=$MINICLOUD_FIRST_BOOT");

  @TempDir
  Path data;

  private ControlPlane controlPlane;
  private ComputeAgent agent;
  private StorageNode storage;
  private SignedHttp api;
  private final List<String> launched = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    requireDocker();
    controlPlane = new ControlPlane(ControlPlaneOptions.defaults(data).withPort(0), Clock.systemUTC(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
    api = new SignedHttp(controlPlane.endpoint(), SignedHttp.credentialsFile(controlPlane.rootCredentialsFile()),
        Clock.systemUTC());
    storage = new StorageNode(controlPlane.vertx(), new StorageNodeOptions()
        .setDataDir(data.resolve("storage"))
        .setControlPlaneUrl(URI.create(controlPlane.endpoint()))
        .setClusterToken(controlPlane.clusterToken()));
    storage.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    agent = startAgent();
    Poll.until(DEADLINE, "the compute agent is up", () -> {
      for (JsonNode node : json(api.get("admin", "/admin/v1/nodes")).get("nodes")) {
        if ("compute".equals(node.get("kind").asText()) && "up".equals(node.get("state").asText())
            && node.get("capacity").get("dockerAvailable").asBoolean()) {
          return true;
        }
      }
      return false;
    });
  }

  private ComputeAgent startAgent() throws Exception {
    return startAgent(controlPlane.vertx());
  }

  /** An agent on {@code vertx}, or with a Vert.x of its own when null (to outlive the control plane). */
  private ComputeAgent startAgent(io.vertx.core.Vertx vertx) throws Exception {
    ComputeAgent a = new ComputeAgent(vertx, new ComputeAgentOptions()
        .setDataDir(data.resolve("compute"))
        .setControlPlaneUrl(URI.create(controlPlane.endpoint()))
        .setClusterToken(controlPlane.clusterToken()), null);
    return a.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      for (String id : launched) {
        send("DELETE", "/compute/v1/instances/" + id, null);
      }
    } finally {
      for (String id : launched) {
        run("docker", "rm", "-f", "minicloud-" + id); // last resort when the API could not terminate it
      }
      if (agent != null) {
        agent.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      if (storage != null) {
        storage.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      if (controlPlane != null) {
        controlPlane.close();
      }
    }
  }

  @Test
  void anInstanceServesItsUserDataWebsiteThroughStopStartRebootAndTerminate() throws Exception {
    assertEquals(List.of("nano", "micro", "small", "medium", "large"),
        names(json(api.get("compute", "/compute/v1/instance-types")).get("instanceTypes"), "instanceType"));
    JsonNode images = json(api.get("compute", "/compute/v1/images")).get("images");
    assertEquals("busybox", images.get(0).get("name").asText());
    String imageId = images.get(0).get("imageId").asText();
    assertTrue(imageId.matches("img-[0-9a-f]{17}"), imageId);

    Map<String, Object> run = Map.of("imageId", imageId, "instanceType", "nano",
        "userData", Base64.getEncoder().encodeToString(USER_DATA.getBytes(StandardCharsets.UTF_8)),
        "ports", List.of(80), "tags", Map.of("Name", "web"), "clientToken", "web-1");
    HttpResponse<String> ran = send("POST", "/compute/v1/instances", run);
    assertEquals(200, ran.statusCode(), ran.body());
    JsonNode instance = json(ran).get("instances").get(0);
    String id = instance.get("instanceId").asText();
    launched.add(id);
    assertTrue(id.matches("i-[0-9a-f]{17}"), id);
    assertEquals(16, instance.get("state").get("code").asInt());
    assertEquals("running", instance.get("state").get("name").asText());
    assertEquals("nano", instance.get("instanceType").asText());
    assertEquals(agent.nodeId(), instance.get("agentId").asText());
    awaitPage(id);

    // Idempotent client token: the same call returns the same instance; other parameters are refused.
    JsonNode again = json(send("POST", "/compute/v1/instances", run)).get("instances");
    assertEquals(1, again.size());
    assertEquals(id, again.get(0).get("instanceId").asText());
    Map<String, Object> changed = new java.util.HashMap<>(run);
    changed.put("instanceType", "micro");
    assertError(send("POST", "/compute/v1/instances", changed), 400, "IdempotentParameterMismatch");

    Poll.until(DEADLINE, "user-data output on the console", () ->
        json(api.get("compute", "/compute/v1/instances/" + id + "/console?tail=20")).get("output").asText()
            .contains("user-data-done first-boot=1"));

    // The console followed as a stream: the earlier lines, then what is written after.
    try (java.io.BufferedReader stream = followConsole(id)) {
      awaitLine(stream, "user-data-done first-boot=1");
      send("POST", "/compute/v1/instances/" + id + "/exec",
          Map.of("command", List.of("sh", "-c", "echo followed-marker > /proc/1/fd/1")));
      awaitLine(stream, "followed-marker");
    }

    // Hardening and limits, as Docker itself reports them.
    JsonNode host = dockerInspect("minicloud-" + id).get("HostConfig");
    assertEquals(64L << 20, host.get("Memory").asLong());
    assertEquals(64L << 20, host.get("MemorySwap").asLong());
    assertEquals(100_000, host.get("CpuPeriod").asLong());
    assertEquals(25_000, host.get("CpuQuota").asLong());
    assertEquals(64, host.get("PidsLimit").asLong());
    assertFalse(host.get("Privileged").asBoolean());
    assertEquals(List.of("ALL"), strings(host.get("CapDrop")));
    assertTrue(strings(host.get("SecurityOpt")).contains("no-new-privileges"));
    assertEquals("minicloud0", host.get("NetworkMode").asText());
    assertTrue(host.get("Binds") == null || host.get("Binds").isNull() || host.get("Binds").isEmpty());
    assertEquals(0, dockerInspect("minicloud-" + id).get("Mounts").size());
    assertEquals("127.0.0.1", host.get("PortBindings").get("80/tcp").get(0).get("HostIp").asText());

    HttpResponse<String> exec = send("POST", "/compute/v1/instances/" + id + "/exec",
        Map.of("command", List.of("sh", "-c", "cat /www/index.html; echo oops >&2; exit 7"), "timeoutSeconds", 10));
    assertEquals(200, exec.statusCode(), exec.body());
    assertEquals(7, json(exec).get("exitCode").asInt());
    assertEquals("hello from " + id + "\n", json(exec).get("stdout").asText());
    assertEquals("oops\n", json(exec).get("stderr").asText());

    assertChange(send("POST", "/compute/v1/instances/" + id + "/stop", null), "running", "stopped");
    assertError(send("POST", "/compute/v1/instances/" + id + "/reboot", null), 409, "IncorrectInstanceState");
    assertError(send("POST", "/compute/v1/instances/" + id + "/exec", Map.of("command", List.of("true"))), 409,
        "IncorrectInstanceState");
    assertChange(send("POST", "/compute/v1/instances/" + id + "/stop", null), "stopped", "stopped");
    assertEquals(0, describe(id).get("ports").size(), "no published port while stopped");

    assertChange(send("POST", "/compute/v1/instances/" + id + "/start", null), "stopped", "running");
    awaitPage(id);
    assertChange(send("POST", "/compute/v1/instances/" + id + "/reboot", null), "running", "running");
    awaitPage(id);

    // Filters.
    assertTrue(ids("/compute/v1/instances?state=running&tag:Name=web").contains(id));
    assertFalse(ids("/compute/v1/instances?state=stopped").contains(id));
    assertFalse(ids("/compute/v1/instances?tag:Name=db").contains(id));
    assertTrue(ids("/compute/v1/instances?instanceType=nano").contains(id));
    assertEquals(List.of(id), ids("/compute/v1/instances?instanceId=" + id));
    assertEquals(List.of(), ids("/compute/v1/instances?instanceId=i-0123456789abcdef0"));

    // The agent's internal API listens on the host's loopback: from inside the instance, 127.0.0.1 is
    // the instance itself, so the call cannot even connect (and would need the cluster token).
    HttpResponse<String> probe = send("POST", "/compute/v1/instances/" + id + "/exec", Map.of("command",
        List.of("wget", "-q", "-T", "2", "-O", "-", "http://127.0.0.1:" + agent.port() + "/internal/v1/info")));
    assertEquals(200, probe.statusCode(), probe.body());
    assertNotEquals(0, json(probe).get("exitCode").asInt(), probe.body());

    assertChange(send("DELETE", "/compute/v1/instances/" + id, null), "running", "terminated");
    assertTrue(dockerInspectOrNull("minicloud-" + id) == null, "container removed");
    assertEquals("terminated", describe(id).get("state").get("name").asText());
    assertChange(send("DELETE", "/compute/v1/instances/" + id, null), "terminated", "terminated");
    assertError(send("POST", "/compute/v1/instances/" + id + "/start", null), 409, "IncorrectInstanceState");
    assertError(send("POST", "/compute/v1/instances/" + id + "/stop", null), 409, "IncorrectInstanceState");
  }

  @Test
  void unknownIdsBadParametersPaginationAndInstancesChangedBehindThePlatformsBack() throws Exception {
    assertError(api.get("compute", "/compute/v1/instances/i-0123456789abcdef0"), 404, "InvalidInstanceID.NotFound");
    assertError(send("POST", "/compute/v1/instances/i-0123456789abcdef0/stop", null), 404,
        "InvalidInstanceID.NotFound");
    assertError(api.get("compute", "/compute/v1/instances/not-an-id"), 404, "InvalidInstanceID.NotFound");
    assertError(send("POST", "/compute/v1/instances", Map.of("imageId", "busybox", "instanceType", "huge")), 400,
        "InvalidParameterValue");
    assertError(send("POST", "/compute/v1/instances", Map.of("imageId", "img-00000000000000000")), 404,
        "InvalidAMIID.NotFound");
    assertError(send("POST", "/compute/v1/instances", Map.of("imageId", "busybox",
        "userData", Base64.getEncoder().encodeToString(new byte[16 * 1024 + 1]))), 400, "InvalidParameterValue");
    assertError(send("POST", "/compute/v1/instances", Map.of("imageId", "busybox", "minCount", 100_000,
        "maxCount", 100_000)), 400, "InvalidParameterValue");

    // Three instances (the image named by its name), one per page.
    HttpResponse<String> ran = send("POST", "/compute/v1/instances",
        Map.of("imageId", "busybox", "instanceType", "nano", "minCount", 3, "maxCount", 3));
    assertEquals(200, ran.statusCode(), ran.body());
    List<String> ids = names(json(ran).get("instances"), "instanceId");
    launched.addAll(ids);
    Set<String> paged = new HashSet<>();
    String next = null;
    int pages = 0;
    do {
      JsonNode page = json(api.get("compute", "/compute/v1/instances?maxResults=1"
          + (next == null ? "" : "&nextToken=" + next)));
      paged.addAll(names(page.get("instances"), "instanceId"));
      next = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
      pages++;
    } while (next != null && pages < 10);
    assertEquals(new HashSet<>(ids), paged);
    assertEquals(3, pages);

    // Killed behind the platform's back: stopped. Removed behind its back: terminated.
    docker("kill", "minicloud-" + ids.get(0));
    docker("rm", "-f", "minicloud-" + ids.get(1));
    Poll.until(DEADLINE, "killed instance shows stopped",
        () -> "stopped".equals(describe(ids.get(0)).get("state").get("name").asText()));
    Poll.until(DEADLINE, "removed instance shows terminated",
        () -> "terminated".equals(describe(ids.get(1)).get("state").get("name").asText()));
    assertTrue(describe(ids.get(0)).get("stateReason").asText().startsWith("Server."), describe(ids.get(0)).toString());

    // An agent restart: the new agent process rebuilds its instances from the labels.
    // (Only the agent: a second storage node on the running one's data directory is refused, rightly.)
    agent.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    agent = startAgent();
    Poll.until(DEADLINE, "restarted agent answers for its instance", () ->
        send("POST", "/compute/v1/instances/" + ids.get(2) + "/stop", null).statusCode() == 200);
    assertEquals("stopped", describe(ids.get(2)).get("state").get("name").asText());
    assertChange(send("POST", "/compute/v1/instances/" + ids.get(0) + "/start", null), "stopped", "running");
  }

  @Test
  void aControlPlaneRestartReconcilesInstancesThatDiedWhileItWasDown() throws Exception {
    // An agent with its own Vert.x, so that it keeps running while the control plane restarts.
    agent.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    agent = startAgent(null);
    HttpResponse<String> ran = send("POST", "/compute/v1/instances",
        Map.of("imageId", "busybox", "instanceType", "nano", "minCount", 3, "maxCount", 3));
    assertEquals(200, ran.statusCode(), ran.body());
    List<String> ids = names(json(ran).get("instances"), "instanceId");
    launched.addAll(ids);

    int port = controlPlane.port();
    storage.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    storage = null;
    controlPlane.close();
    controlPlane = null;
    docker("kill", "minicloud-" + ids.get(0));
    docker("rm", "-f", "minicloud-" + ids.get(1));

    controlPlane = new ControlPlane(ControlPlaneOptions.defaults(data).withPort(port), Clock.systemUTC(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
    api = new SignedHttp(controlPlane.endpoint(), SignedHttp.credentialsFile(controlPlane.rootCredentialsFile()),
        Clock.systemUTC());
    Poll.until(DEADLINE, "the killed instance is reported stopped after the restart",
        () -> "stopped".equals(describe(ids.get(0)).get("state").get("name").asText()));
    Poll.until(DEADLINE, "the removed instance is reported terminated after the restart",
        () -> "terminated".equals(describe(ids.get(1)).get("state").get("name").asText()));
    assertEquals("running", describe(ids.get(2)).get("state").get("name").asText());
    assertChange(send("POST", "/compute/v1/instances/" + ids.get(0) + "/start", null), "stopped", "running");
  }

  @Test
  void twoAgentsOnOneHostAsSeparateProcessesBothReceiveInstances() throws Exception {
    Path token = data.resolve("cluster-token");
    try (DistProcess second = DistProcess.start("compute-agent", "compute-agent", "--join", controlPlane.endpoint(),
        "--token-file", token.toString(), "--data", data.resolve("compute-2").toString())) {
      second.awaitLine(java.util.regex.Pattern.compile("joined"), DEADLINE);
      Poll.until(DEADLINE, "two compute agents up", () -> {
        int up = 0;
        for (JsonNode node : json(api.get("admin", "/admin/v1/nodes")).get("nodes")) {
          if ("compute".equals(node.get("kind").asText()) && "up".equals(node.get("state").asText())) {
            up++;
          }
        }
        return up == 2;
      });
      HttpResponse<String> ran = send("POST", "/compute/v1/instances",
          Map.of("imageId", "busybox", "instanceType", "nano", "minCount", 4, "maxCount", 4));
      assertEquals(200, ran.statusCode(), ran.body());
      JsonNode instances = json(ran).get("instances");
      Set<String> agents = new HashSet<>();
      for (JsonNode i : instances) {
        launched.add(i.get("instanceId").asText());
        assertEquals("running", i.get("state").get("name").asText(), i.toString());
        agents.add(i.get("agentId").asText());
      }
      assertEquals(2, agents.size(), "spread over both agents: " + agents);
      for (String id : List.copyOf(launched)) {
        assertChange(send("DELETE", "/compute/v1/instances/" + id, null), "running", "terminated");
      }
      launched.clear();
    }
  }

  @Test
  void anImageImportedFromARootfsTarballInABucketLaunches() throws Exception {
    Path tar = data.resolve("rootfs.tar");
    String builder = "minicloud-it-rootfs-" + System.nanoTime();
    docker("run", "--name", builder, "--network", "none", "minicloud/busybox:latest", "sh", "-c",
        "echo imported-ok > /marker");
    try {
      docker("export", "-o", tar.toString(), builder);
    } finally {
      docker("rm", "-f", builder);
    }
    Poll.until(DEADLINE, "platform ready (storage node joined)", () -> {
      try {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(controlPlane.endpoint()
            + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    var root = SignedHttp.credentialsFile(controlPlane.rootCredentialsFile());
    try (S3Client s3 = S3Client.builder()
        .endpointOverride(URI.create(controlPlane.endpoint()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(root.accessKeyId(),
            root.secretKey())))
        .httpClient(ApacheHttpClient.create())
        .build()) {
      s3.createBucket(b -> b.bucket("images"));
      // Stored with server-side encryption: the import streams the decrypted tarball to the agents.
      s3.putObject(b -> b.bucket("images").key("marked/rootfs.tar")
          .serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256),
          RequestBody.fromFile(tar));
    }

    assertError(send("POST", "/compute/v1/images/import", Map.of("name", "x", "bucket", "images", "key", "nope.tar")),
        400, "InvalidParameterValue");
    HttpResponse<String> imported = send("POST", "/compute/v1/images/import",
        Map.of("name", "marked", "bucket", "images", "key", "marked/rootfs.tar"));
    assertEquals(200, imported.statusCode(), imported.body());
    String imageId = json(imported).get("image").get("imageId").asText();
    try {
      assertTrue(names(json(api.get("compute", "/compute/v1/images")).get("images"), "imageId").contains(imageId));
      HttpResponse<String> ran = send("POST", "/compute/v1/instances", Map.of("imageId", imageId, "instanceType", "nano"));
      assertEquals(200, ran.statusCode(), ran.body());
      String id = json(ran).get("instances").get(0).get("instanceId").asText();
      launched.add(id);
      assertEquals("running", json(ran).get("instances").get(0).get("state").get("name").asText());
      HttpResponse<String> exec = send("POST", "/compute/v1/instances/" + id + "/exec",
          Map.of("command", List.of("cat", "/marker")));
      assertEquals("imported-ok\n", json(exec).get("stdout").asText(), exec.body());
      assertChange(send("DELETE", "/compute/v1/instances/" + id, null), "running", "terminated");

      assertEquals(200, send("DELETE", "/compute/v1/images/" + imageId, null).statusCode());
      assertFalse(names(json(api.get("compute", "/compute/v1/images")).get("images"), "imageId").contains(imageId));
      String busybox = json(api.get("compute", "/compute/v1/images")).get("images").get(0).get("imageId").asText();
      assertError(send("DELETE", "/compute/v1/images/" + busybox, null), 403, "AccessDenied");
    } finally {
      run("docker", "rmi", "-f", "minicloud/" + imageId + ":latest");
    }
  }

  @Test
  void otherAccountsAndUsersWithoutPolicyCannotTouchAnInstance() throws Exception {
    String imageId = json(api.get("compute", "/compute/v1/images")).get("images").get(0).get("imageId").asText();
    HttpResponse<String> ran = send("POST", "/compute/v1/instances", Map.of("imageId", imageId, "instanceType", "nano"));
    assertEquals(200, ran.statusCode(), ran.body());
    String id = json(ran).get("instances").get(0).get("instanceId").asText();
    launched.add(id);
    String instance = "/compute/v1/instances/" + id;
    Map<String, Object> exec = Map.of("command", List.of("echo", "hi"));

    // Another account: the instance does not exist for it (as in EC2), whatever the call.
    JsonNode other = json(send("iam", "POST", "/iam/v1/accounts", Map.of("name", "other-team")));
    SignedHttp otherRoot = as(other.get("rootAccessKey"));
    assertError(otherRoot.get("compute", instance), 404, "InvalidInstanceID.NotFound");
    assertError(otherRoot.get("compute", instance + "/console?tail=5"), 404, "InvalidInstanceID.NotFound");
    assertError(call(otherRoot, "POST", instance + "/exec", exec), 404, "InvalidInstanceID.NotFound");
    assertError(call(otherRoot, "POST", instance + "/stop", null), 404, "InvalidInstanceID.NotFound");
    assertError(call(otherRoot, "DELETE", instance, null), 404, "InvalidInstanceID.NotFound");
    assertFalse(names(json(otherRoot.get("compute", "/compute/v1/instances")).get("instances"), "instanceId")
        .contains(id));

    // Users of the owning account: nothing without a policy; ReadOnlyAccess describes but cannot act.
    SignedHttp nobody = as(userKey("nobody"));
    assertError(nobody.get("compute", instance), 403, "AccessDenied");
    assertError(call(nobody, "POST", "/compute/v1/instances", Map.of("imageId", imageId, "instanceType", "nano")),
        403, "AccessDenied");
    SignedHttp reader = as(userKey("reader"));
    assertEquals(200, send("iam", "POST", "/iam/v1/users/reader/attached-policies",
        Map.of("policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")).statusCode());
    assertEquals(id, json(reader.get("compute", instance)).get("instanceId").asText());
    assertError(call(reader, "POST", instance + "/stop", null), 403, "AccessDenied");
    assertError(call(reader, "POST", instance + "/exec", exec), 403, "AccessDenied");
    assertEquals("running", describe(id).get("state").get("name").asText());
  }

  @Test
  void runTimeIsMeteredPerSecondWithASixtySecondMinimumPerStart() throws Exception {
    String imageId = json(api.get("compute", "/compute/v1/images")).get("images").get(0).get("imageId").asText();
    Map<String, Object> run = Map.of("imageId", imageId, "instanceType", "micro");
    String shortRun = json(send("POST", "/compute/v1/instances", run)).get("instances").get(0).get("instanceId").asText();
    launched.add(shortRun);
    long longStarted = System.nanoTime();
    String longRun = json(send("POST", "/compute/v1/instances", run)).get("instances").get(0).get("instanceId").asText();
    launched.add(longRun);
    // The wall clock is the measure here: the instances must really run ~10 s and ~70 s.
    long shortStop = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Poll.until(Duration.ofSeconds(30), "10 s of the short run", () -> System.nanoTime() >= shortStop);
    assertChange(send("POST", "/compute/v1/instances/" + shortRun + "/stop", null), "running", "stopped");
    long longStop = longStarted + Duration.ofSeconds(70).toNanos();
    Poll.until(Duration.ofSeconds(90), "70 s of the long run", () -> System.nanoTime() >= longStop);
    assertChange(send("POST", "/compute/v1/instances/" + longRun + "/stop", null), "running", "stopped");
    double longSeconds = (System.nanoTime() - longStarted) / 1e9;

    // 60 s for the short run (10 s plus the minimum), the long run's own seconds; within 2 s.
    double expected = 60 + longSeconds;
    Poll.until(DEADLINE, "instance-seconds metered", () -> Math.abs(meteredSeconds("micro") - expected) <= 2.0);
    assertEquals(0.0, meteredSeconds("nano"), "no other type is billed");
  }

  @Test
  void suspendingAnAccountStopsItsInstancesAndReactivationLetsTheOwnerStartThemAgain() throws Exception {
    JsonNode b = json(send("iam", "POST", "/iam/v1/accounts", Map.of("name", "suspended-team")));
    String accountB = b.get("accountId").asText();
    SignedHttp rootB = as(b.get("rootAccessKey"));
    HttpResponse<String> ran = call(rootB, "POST", "/compute/v1/instances",
        Map.of("imageId", "busybox", "instanceType", "nano", "minCount", 2, "maxCount", 2));
    assertEquals(200, ran.statusCode(), ran.body());
    List<String> ids = names(json(ran).get("instances"), "instanceId");
    launched.addAll(ids); // for the docker rm fallback; the API cleanup runs as another account
    for (String id : ids) {
      assertTrue(containerRunning(id), id);
    }

    HttpResponse<String> suspend = send("iam", "POST", "/iam/v1/accounts/" + accountB + "/suspend", null);
    assertEquals(200, suspend.statusCode(), suspend.body());
    assertEquals("Suspended", json(suspend).get("status").asText());
    assertEquals(new HashSet<>(ids), new HashSet<>(strings(json(suspend).get("stoppingInstances"))));
    // Every call of the account is refused at authentication, starting its instances included.
    assertError(rootB.get("compute", "/compute/v1/instances/" + ids.get(0)), 403, "InvalidAccessKeyId");
    assertError(call(rootB, "POST", "/compute/v1/instances/" + ids.get(0) + "/start", null), 403,
        "InvalidAccessKeyId");
    Poll.until(DEADLINE, "the suspended account's containers have stopped",
        () -> ids.stream().noneMatch(ComputeIT::containerRunning));
    // Still stopped after a few reconciler passes (each followed by the suspension pass).
    Poll.until(DEADLINE, "the agent reports both stopped", () -> ids.stream().allMatch(
        id -> "stopped".equals(agentState(id))));
    assertError(call(rootB, "POST", "/compute/v1/instances/" + ids.get(0) + "/start", null), 403,
        "InvalidAccessKeyId");

    // Reactivated: access is back, and nothing started by itself.
    HttpResponse<String> reactivate = send("iam", "POST", "/iam/v1/accounts/" + accountB + "/reactivate", null);
    assertEquals("Active", json(reactivate).get("status").asText(), reactivate.body());
    for (String id : ids) {
      Poll.until(DEADLINE, id + " is recorded stopped",
          () -> "stopped".equals(json(rootB.get("compute", "/compute/v1/instances/" + id)).get("state").get("name")
              .asText()));
      JsonNode described = json(rootB.get("compute", "/compute/v1/instances/" + id));
      assertTrue(described.get("stateReason").asText().startsWith("Server.AccountSuspended"), described.toString());
      assertFalse(containerRunning(id), id);
    }
    assertChange(call(rootB, "POST", "/compute/v1/instances/" + ids.get(0) + "/start", null), "stopped", "running");
    assertTrue(containerRunning(ids.get(0)));
    assertFalse(containerRunning(ids.get(1)), "only what the owner started runs");
    for (String id : ids) {
      assertEquals(200, call(rootB, "DELETE", "/compute/v1/instances/" + id, null).statusCode());
    }
  }

  @Test
  void anAccountSuspendedRightBeforeACrashHasItsInstancesStoppedAfterTheRestart() throws Exception {
    // An agent with its own Vert.x, so that it keeps running while the control plane is down.
    agent.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    agent = startAgent(null);
    JsonNode b = json(send("iam", "POST", "/iam/v1/accounts", Map.of("name", "crash-team")));
    String accountB = b.get("accountId").asText();
    SignedHttp rootB = as(b.get("rootAccessKey"));
    HttpResponse<String> ran = call(rootB, "POST", "/compute/v1/instances",
        Map.of("imageId", "busybox", "instanceType", "nano"));
    assertEquals(200, ran.statusCode(), ran.body());
    String id = json(ran).get("instances").get(0).get("instanceId").asText();
    launched.add(id);

    int port = controlPlane.port();
    storage.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    storage = null;
    controlPlane.close();
    controlPlane = null;
    // What a crash right after the suspension's durable write leaves: the account suspended, the
    // instance's record and container still running.
    try (var metadata = dev.minicloud.controlplane.metadata.rocksdb.RocksMetadataStore.open(data.resolve("metadata"))) {
      new dev.minicloud.controlplane.identity.IdentityStore(metadata,
          dev.minicloud.controlplane.identity.SecretCipher.loadOrCreate(data.resolve("master.key")))
          .setStatus(accountB, dev.minicloud.controlplane.identity.AccountRecord.Status.SUSPENDED);
    }
    assertTrue(containerRunning(id));

    controlPlane = new ControlPlane(ControlPlaneOptions.defaults(data).withPort(port), Clock.systemUTC(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
    api = new SignedHttp(controlPlane.endpoint(), SignedHttp.credentialsFile(controlPlane.rootCredentialsFile()),
        Clock.systemUTC());
    Poll.until(DEADLINE, "the suspended account's container is stopped after the restart",
        () -> !containerRunning(id));
    assertEquals("Suspended", json(api.get("iam", "/iam/v1/accounts/" + accountB)).get("status").asText());

    assertEquals(200, send("iam", "POST", "/iam/v1/accounts/" + accountB + "/reactivate", null).statusCode());
    Poll.until(DEADLINE, "recorded stopped", () -> "stopped".equals(
        json(rootB.get("compute", "/compute/v1/instances/" + id)).get("state").get("name").asText()));
    assertChange(call(rootB, "POST", "/compute/v1/instances/" + id + "/start", null), "stopped", "running");
    assertEquals(200, call(rootB, "DELETE", "/compute/v1/instances/" + id, null).statusCode());
  }

  // ------------------------------------------------------------------ helpers

  /** compute.instance-seconds.TYPE of the caller's account this month, summed over hours. */
  private double meteredSeconds(String type) {
    HttpResponse<String> r = api.get("billing",
        "/billing/v1/usage?granularity=hour&meter=compute.instance-seconds." + type);
    assertEquals(200, r.statusCode(), r.body());
    double total = 0;
    for (JsonNode row : json(r).get("usage")) {
      total += row.get("quantity").asDouble();
    }
    return total;
  }


  private HttpResponse<String> send(String service, String method, String path, Object body) {
    return api.send(method, service, path, body == null ? new byte[0] : Json.toBytes(body),
        body == null ? Map.of() : Map.of("content-type", "application/json"));
  }

  private static HttpResponse<String> call(SignedHttp caller, String method, String path, Object body) {
    return caller.send(method, "compute", path, body == null ? new byte[0] : Json.toBytes(body),
        body == null ? Map.of() : Map.of("content-type", "application/json"));
  }

  /** A user of the platform root's account with an access key of its own. */
  private JsonNode userKey(String userName) {
    assertEquals(201, send("iam", "POST", "/iam/v1/users", Map.of("userName", userName)).statusCode());
    return json(send("iam", "POST", "/iam/v1/users/" + userName + "/access-keys", null)).get("accessKey");
  }

  private SignedHttp as(JsonNode key) {
    return new SignedHttp(controlPlane.endpoint(), new dev.minicloud.common.sigv4.SigningCredentials(
        key.get("accessKeyId").asText(), key.get("secretAccessKey").asText()), Clock.systemUTC());
  }


  private HttpResponse<String> send(String method, String path, Object body) {
    byte[] bytes = body == null ? new byte[0] : Json.toBytes(body);
    return api.send(method, "compute", path, bytes,
        body == null ? Map.of() : Map.of("content-type", "application/json"));
  }

  /** Opens {@code console?follow=true} with a signed request; the body is read line by line. */
  private java.io.BufferedReader followConsole(String id) throws Exception {
    URI uri = URI.create(controlPlane.endpoint() + "/compute/v1/instances/" + id + "/console?follow=true&tail=50");
    var root = SignedHttp.credentialsFile(controlPlane.rootCredentialsFile());
    var signed = new dev.minicloud.common.sigv4.SigV4Signer(root, "us-east-1", "compute")
        .sign(dev.minicloud.common.sigv4.SignableRequest.builder("GET").uri(uri).build(), new byte[0],
            Clock.systemUTC().instant());
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    signed.headers().forEach(request::header);
    HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request.build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
    return new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  /** Reads lines until one contains {@code text}; the stream's own end or the deadline fails. */
  private static void awaitLine(java.io.BufferedReader stream, String text) throws Exception {
    var reader = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      var found = reader.submit(() -> {
        for (String line = stream.readLine(); line != null; line = stream.readLine()) {
          if (line.contains(text)) {
            return true;
          }
        }
        return false;
      });
      assertTrue(found.get(DEADLINE.toSeconds(), TimeUnit.SECONDS), "stream ended before '" + text + "'");
    } finally {
      reader.shutdownNow();
    }
  }

  private JsonNode describe(String id) {
    HttpResponse<String> r = api.get("compute", "/compute/v1/instances/" + id);
    assertEquals(200, r.statusCode(), r.body());
    return json(r);
  }

  private List<String> ids(String path) {
    HttpResponse<String> r = api.get("compute", path);
    assertEquals(200, r.statusCode(), r.body());
    return names(json(r).get("instances"), "instanceId");
  }

  private void awaitPage(String id) {
    Poll.until(DEADLINE, "the instance's page through its published port", () -> {
      JsonNode ports = describe(id).get("ports");
      if (ports.size() != 1) {
        return false;
      }
      assertEquals("127.0.0.1", ports.get(0).get("hostAddress").asText());
      String page = fetch("http://127.0.0.1:" + ports.get(0).get("hostPort").asInt() + "/");
      return page != null && page.equals("hello from " + id + "\n");
    });
  }

  private static void assertChange(HttpResponse<String> response, String previous, String current) {
    assertEquals(200, response.statusCode(), response.body());
    JsonNode change = json(response);
    assertEquals(previous, change.get("previousState").get("name").asText(), response.body());
    assertEquals(current, change.get("currentState").get("name").asText(), response.body());
    assertNotNull(change.get("currentState").get("code"));
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(code, json(response).get("error").get("code").asText(), response.body());
    assertNotEquals("", json(response).get("error").get("requestId").asText());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Json.fromBytes(response.body().getBytes(StandardCharsets.UTF_8), JsonNode.class);
  }

  private static List<String> names(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static String fetch(String url) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void requireDocker() {
    try {
      String out = docker("image", "inspect", "--format", "{{.Id}}", "minicloud/busybox:latest");
      assertFalse(out.isBlank());
    } catch (AssertionError | RuntimeException e) {
      fail("ComputeIT needs a Docker engine and the image minicloud/busybox:latest: run scripts/ensure-docker. "
          + e.getMessage(), e);
    }
  }

  private static JsonNode dockerInspect(String name) {
    JsonNode node = dockerInspectOrNull(name);
    assertNotNull(node, "no container " + name);
    return node;
  }

  private static JsonNode dockerInspectOrNull(String name) {
    Result r = run("docker", "inspect", name);
    return r.exit == 0 ? Json.fromBytes(r.out.getBytes(StandardCharsets.UTF_8), JsonNode.class).get(0) : null;
  }

  private static String docker(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Result r = run(command.toArray(String[]::new));
    assertEquals(0, r.exit, String.join(" ", command) + ": " + r.out);
    return r.out;
  }

  /** Whether Docker reports the instance's container running (false when it does not exist). */
  private static boolean containerRunning(String instanceId) {
    JsonNode node = dockerInspectOrNull("minicloud-" + instanceId);
    return node != null && node.get("State").get("Running").asBoolean();
  }

  /** The instance's state as its agent reports it over the internal API (with the cluster token). */
  private String agentState(String instanceId) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + agent.port() + "/internal/v1/instances/" + instanceId))
          .header(dev.minicloud.common.cluster.ClusterToken.HEADER, controlPlane.clusterToken().value()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return json(r).get("state").asText();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Result(int exit, String out) {}

  private static Result run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

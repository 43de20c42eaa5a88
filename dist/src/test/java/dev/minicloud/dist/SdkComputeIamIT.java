package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.testing.Poll;
import dev.minicloud.sdk.ComputeClient;
import dev.minicloud.sdk.IamClient;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.compute.ExecResult;
import dev.minicloud.sdk.compute.Image;
import dev.minicloud.sdk.compute.Instance;
import dev.minicloud.sdk.compute.InstanceFilter;
import dev.minicloud.sdk.compute.InstanceTypeInfo;
import dev.minicloud.sdk.compute.RunInstancesRequest;
import dev.minicloud.sdk.compute.StateChange;
import dev.minicloud.sdk.iam.AccessKey;
import dev.minicloud.sdk.iam.Account;
import dev.minicloud.sdk.iam.Group;
import dev.minicloud.sdk.iam.ManagedPolicy;
import dev.minicloud.sdk.iam.NewAccessKey;
import dev.minicloud.sdk.iam.NewAccount;
import dev.minicloud.sdk.iam.SimulationResult;
import dev.minicloud.sdk.iam.User;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's compute and IAM clients end to end: the real platform on loopback with a compute agent
 * on the machine's Docker engine (fails, does not skip, without one).
 */
class SdkComputeIamIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String USER_DATA = String.join("\n",
      "mkdir -p /www",
      "echo \"hello from $(hostname)\" > /www/index.html",
      "httpd -p 80 -h /www",
      "echo sdk-user-data-done first-boot=$MINICLOUD_FIRST_BOOT");

  @TempDir
  static Path data;

  static InProcessPlatform platform;
  static MiniCloudClient client;
  static final List<String> launched = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    platform.startComputeAgent();
    client = client(platform.root.accessKeyId(), platform.root.secretKey());
  }

  static MiniCloudClient client(String accessKeyId, String secret) {
    return MiniCloudClient.builder().endpoint(platform.endpoint()).credentials(accessKeyId, secret)
        .profileFile(data.resolve("no-such-config")).build();
  }

  @AfterAll
  static void stop() {
    try {
      for (String id : launched) {
        client.compute().terminateInstance(id);
      }
    } finally {
      client.close();
      platform.close();
    }
  }

  @Test
  void anInstanceLivesThroughItsLifecycleWithWaiters() throws Exception {
    ComputeClient compute = client.compute();
    assertEquals(List.of("nano", "micro", "small", "medium", "large"),
        compute.describeInstanceTypes().stream().map(InstanceTypeInfo::instanceType).toList());
    assertEquals(64, compute.describeInstanceTypes().get(0).memoryMiB());
    Image busybox = compute.describeImages().get(0);
    assertEquals("busybox", busybox.name());
    assertTrue(busybox.imageId().matches("img-[0-9a-f]{17}"), busybox.imageId());

    List<Instance> ran = compute.runInstances(new RunInstancesRequest("busybox").instanceType("nano")
        .userData(USER_DATA).port(80).tag("Name", "sdk-web").clientToken("sdk-web-1"));
    assertEquals(1, ran.size());
    String id = ran.get(0).instanceId();
    launched.add(id);
    assertEquals(busybox.imageId(), ran.get(0).imageId());
    assertEquals(id, compute.runInstances(new RunInstancesRequest("busybox").instanceType("nano")
        .userData(USER_DATA).port(80).tag("Name", "sdk-web").clientToken("sdk-web-1")).get(0).instanceId(),
        "the same client token returns the same instance");

    Instance running = compute.waitUntilRunning(id, DEADLINE);
    assertEquals("running", running.stateName());
    assertEquals("sdk-web", running.tags().get("Name"));
    awaitPage(id);
    Poll.until(DEADLINE, "user-data output on the console",
        () -> compute.consoleOutput(id, 20).output().contains("sdk-user-data-done first-boot=1"));

    ExecResult exec = compute.exec(id, List.of("sh", "-c", "cat /www/index.html; echo oops >&2; exit 3"),
        Duration.ofSeconds(10));
    assertEquals(3, exec.exitCode());
    assertEquals("hello from " + id + "\n", exec.stdout());
    assertEquals("oops\n", exec.stderr());
    assertFalse(exec.timedOut());

    // The console followed: the earlier lines, then a line written after.
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try (BufferedReader follow = new BufferedReader(new InputStreamReader(compute.followConsoleOutput(id, 50),
        StandardCharsets.UTF_8))) {
      Future<Boolean> found = reader.submit(() -> {
        for (String line = follow.readLine(); line != null; line = follow.readLine()) {
          if (line.contains("sdk-follow-marker")) {
            return true;
          }
        }
        return false;
      });
      compute.exec(id, "sh", "-c", "echo sdk-follow-marker > /proc/1/fd/1");
      assertTrue(found.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
    } finally {
      reader.shutdownNow();
    }

    StateChange stop = compute.stopInstance(id);
    assertEquals("running", stop.previousState().name());
    assertEquals("stopped", compute.waitUntilStopped(id, DEADLINE).stateName());
    assertTrue(compute.describeInstance(id).ports().isEmpty(), "no published port while stopped");
    MiniCloudException notRunning = assertThrows(MiniCloudException.class, () -> compute.exec(id, "true"));
    assertEquals("IncorrectInstanceState", notRunning.code());
    assertEquals(409, notRunning.statusCode());
    MiniCloudException impatient = assertThrows(MiniCloudException.class,
        () -> compute.waitUntilRunning(id, Duration.ofMillis(300)));
    assertEquals(ComputeClient.WAITER_TIMEOUT, impatient.code());

    assertEquals("stopped", compute.startInstance(id).previousState().name());
    compute.waitUntilRunning(id, DEADLINE);
    awaitPage(id);
    assertEquals("running", compute.rebootInstance(id).currentState().name());

    assertTrue(compute.describeInstances(new InstanceFilter().state("running").tag("Name", "sdk-web"))
        .anyMatch(i -> i.instanceId().equals(id)));
    assertFalse(compute.describeInstances(new InstanceFilter().state("stopped")).anyMatch(i -> i.instanceId().equals(id)));
    assertEquals(List.of(id), compute.describeInstances(new InstanceFilter().instanceId(id)).map(Instance::instanceId)
        .toList());

    StateChange terminated = compute.terminateInstance(id);
    assertEquals("terminated", terminated.currentState().name());
    assertEquals(48, compute.waitUntilTerminated(id, DEADLINE).state().code());
    MiniCloudException hopeless = assertThrows(MiniCloudException.class, () -> compute.waitUntilRunning(id, DEADLINE));
    assertEquals(ComputeClient.WAITER_FAILURE, hopeless.code());
    launched.remove(id);

    MiniCloudException unknown = assertThrows(MiniCloudException.class,
        () -> compute.describeInstance("i-0123456789abcdef0"));
    assertEquals("InvalidInstanceID.NotFound", unknown.code());
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.requestId() != null && !unknown.requestId().isEmpty());
  }

  @Test
  void describeInstancesPagesLazily() {
    ComputeClient compute = client.compute();
    List<Instance> three = compute.runInstances(new RunInstancesRequest("busybox").instanceType("nano").count(3, 3)
        .tag("group", "paged"));
    three.forEach(i -> launched.add(i.instanceId()));
    assertEquals(3, three.size());
    Set<String> ids = three.stream().map(Instance::instanceId).collect(Collectors.toSet());
    assertEquals(ids, compute.describeInstances(new InstanceFilter().tag("group", "paged").pageSize(1))
        .map(Instance::instanceId).collect(Collectors.toSet()));
    assertEquals(1, compute.describeInstances(new InstanceFilter().tag("group", "paged").pageSize(1)).limit(1).count());
    for (Instance i : three) {
      assertEquals("terminated", compute.terminateInstance(i.instanceId()).currentState().name());
      launched.remove(i.instanceId());
    }
  }

  @Test
  void anImportedImageLaunchesUntilDeregistered() throws Exception {
    Path tar = data.resolve("rootfs.tar");
    String builder = "minicloud-sdk-it-rootfs-" + System.nanoTime();
    docker("run", "--name", builder, "--network", "none", "minicloud/busybox:latest", "sh", "-c",
        "echo sdk-imported > /marker");
    try {
      docker("export", "-o", tar.toString(), builder);
    } finally {
      docker("rm", "-f", builder);
    }
    client.storage().createBucket("sdk-images");
    client.storage().putObject("sdk-images", "rootfs.tar", tar);
    ComputeClient compute = client.compute();
    assertEquals("InvalidParameterValue", assertThrows(MiniCloudException.class,
        () -> compute.importImage("nope", null, "sdk-images", "missing.tar")).code());
    Image image = compute.importImage("sdk-marked", "from a tarball", "sdk-images", "rootfs.tar");
    try {
      assertEquals("sdk-marked", image.name());
      assertTrue(compute.describeImages().stream().anyMatch(i -> i.imageId().equals(image.imageId())));
      String id = compute.runInstances(new RunInstancesRequest(image.imageId()).instanceType("nano")).get(0)
          .instanceId();
      launched.add(id);
      assertEquals("sdk-imported\n", compute.exec(id, "cat", "/marker").stdout());
      compute.terminateInstance(id);
      launched.remove(id);
      compute.deregisterImage(image.imageId());
      assertFalse(compute.describeImages().stream().anyMatch(i -> i.imageId().equals(image.imageId())));
      assertEquals("InvalidAMIID.NotFound", assertThrows(MiniCloudException.class,
          () -> compute.runInstances(new RunInstancesRequest(image.imageId()))).code());
    } finally {
      new ProcessBuilder("docker", "rmi", "-f", "minicloud/" + image.imageId() + ":latest").start()
          .waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
    assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
  }

  @Test
  void aReadOnlyUsersKeyListsButCannotWrite() {
    IamClient iam = client.iam();
    client.storage().createBucket("sdk-iam");
    client.storage().putObject("sdk-iam", "seen.txt", "visible".getBytes(StandardCharsets.UTF_8));

    User alice = iam.createUser("sdk-alice");
    assertTrue(alice.arn().endsWith(":user/sdk-alice"), alice.arn());
    assertTrue(iam.listUsers().stream().anyMatch(u -> u.userName().equals("sdk-alice")));
    NewAccessKey key = iam.createAccessKey("sdk-alice");
    assertEquals(20, key.accessKeyId().length());
    assertEquals(40, key.secretAccessKey().length());
    assertFalse(key.toString().contains(key.secretAccessKey()), "the secret stays out of toString");

    String readOnly = IamClient.builtInPolicyArn("ReadOnlyAccess");
    assertEquals(List.of(readOnly), iam.attachUserPolicy("sdk-alice", readOnly));
    assertEquals(List.of(readOnly), iam.getUser("sdk-alice").attachedPolicies());

    try (MiniCloudClient asAlice = client(key.accessKeyId(), key.secretAccessKey())) {
      assertTrue(asAlice.whoami().arn().endsWith(":user/sdk-alice"));
      assertEquals(List.of("seen.txt"), asAlice.storage().listObjects("sdk-iam", "").map(o -> o.key()).toList());
      MiniCloudException denied = assertThrows(MiniCloudException.class,
          () -> asAlice.storage().putObject("sdk-iam", "new.txt", new byte[] {1}));
      assertEquals("AccessDenied", denied.code());
      assertEquals(403, denied.statusCode());
      assertFalse(client.storage().objectExists("sdk-iam", "new.txt"));
      assertEquals("AccessDenied", assertThrows(MiniCloudException.class,
          () -> asAlice.iam().createUser("sdk-mallory")).code());
    }

    SimulationResult put = iam.simulate("s3:PutObject", "arn:minicloud:s3:::sdk-iam/new.txt", "sdk-alice", Map.of());
    assertEquals("implicitDeny", put.decision());
    assertFalse(put.allowed());
    assertTrue(iam.simulate("s3:GetObject", "arn:minicloud:s3:::sdk-iam/seen.txt", "sdk-alice", Map.of()).allowed());

    // An inline policy lets her write under tmp/ only.
    String writeTmp = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
        + "\"Resource\":\"arn:minicloud:s3:::sdk-iam/tmp/*\"}]}";
    iam.putUserPolicy("sdk-alice", "WriteTmp", writeTmp);
    assertEquals(writeTmp, iam.getUserPolicy("sdk-alice", "WriteTmp").policyDocument());
    assertEquals(List.of("WriteTmp"), iam.getUser("sdk-alice").inlinePolicies());
    assertTrue(iam.simulate("s3:PutObject", "arn:minicloud:s3:::sdk-iam/tmp/a", "sdk-alice", Map.of()).allowed());
    MiniCloudException malformed = assertThrows(MiniCloudException.class,
        () -> iam.putUserPolicy("sdk-alice", "Bad", "{\"Statement\":[{\"Effect\":\"Maybe\"}]}"));
    assertEquals("MalformedPolicyDocument", malformed.code());
    iam.deleteUserPolicy("sdk-alice", "WriteTmp");
    assertTrue(iam.getUser("sdk-alice").inlinePolicies().isEmpty());

    // A customer managed policy: attached, it cannot be deleted.
    ManagedPolicy own = iam.createPolicy("SdkDescribe", "{\"Version\":\"2012-10-17\",\"Statement\":"
        + "{\"Effect\":\"Allow\",\"Action\":\"compute:Describe*\",\"Resource\":\"*\"}}", "describe only");
    assertTrue(iam.listPolicies().stream().anyMatch(p -> p.arn().equals(own.arn()) && !p.builtIn()));
    assertTrue(iam.listPolicies().stream().anyMatch(p -> p.policyName().equals("ReadOnlyAccess") && p.builtIn()));
    iam.attachUserPolicy("sdk-alice", own.arn());
    assertEquals("DeleteConflict", assertThrows(MiniCloudException.class, () -> iam.deletePolicy("SdkDescribe")).code());
    iam.detachUserPolicy("sdk-alice", own.arn());
    iam.detachUserPolicy("sdk-alice", readOnly);
    assertTrue(iam.listAttachedUserPolicies("sdk-alice").isEmpty());
    iam.deletePolicy("SdkDescribe");

    // Keys: deactivated, a key stops working; a third key is over the limit.
    AccessKey inactive = iam.updateAccessKey("sdk-alice", key.accessKeyId(), false);
    assertFalse(inactive.active());
    iam.attachUserPolicy("sdk-alice", readOnly);
    try (MiniCloudClient asAlice = client(key.accessKeyId(), key.secretAccessKey())) {
      assertEquals("InvalidAccessKeyId", assertThrows(MiniCloudException.class,
          () -> asAlice.storage().listObjects("sdk-iam", "").count()).code());
    }
    iam.createAccessKey("sdk-alice");
    assertEquals("LimitExceeded", assertThrows(MiniCloudException.class, () -> iam.createAccessKey("sdk-alice")).code());
    assertEquals(2, iam.listAccessKeys("sdk-alice").size());
    iam.deleteAccessKey("sdk-alice", key.accessKeyId());
    assertEquals(1, iam.listAccessKeys("sdk-alice").size());
    iam.deleteUser("sdk-alice");
    assertEquals("NoSuchEntity", assertThrows(MiniCloudException.class, () -> iam.getUser("sdk-alice")).code());
  }

  @Test
  void groupsGiveTheirMembersTheirPolicies() {
    IamClient iam = client.iam();
    client.storage().createBucket("sdk-groups");
    client.storage().putObject("sdk-groups", "g.txt", "grouped".getBytes(StandardCharsets.UTF_8));
    iam.createUser("sdk-gus");
    NewAccessKey key = iam.createAccessKey("sdk-gus");
    Group created = iam.createGroup("sdk-readers");
    assertTrue(created.arn().endsWith(":group/sdk-readers"), created.arn());
    assertEquals("EntityAlreadyExists", assertThrows(MiniCloudException.class, () -> iam.createGroup("sdk-readers"))
        .code());
    assertEquals("ValidationError", assertThrows(MiniCloudException.class, () -> iam.createGroup("no spaces")).code());
    String readOnly = IamClient.builtInPolicyArn("ReadOnlyAccess");
    assertEquals(List.of(readOnly), iam.attachGroupPolicy("sdk-readers", readOnly));
    iam.addUserToGroup("sdk-readers", "sdk-gus");
    assertEquals(List.of("sdk-readers"), iam.listGroupsForUser("sdk-gus").stream().map(Group::groupName).toList());
    Group got = iam.getGroup("sdk-readers");
    assertEquals(List.of("sdk-gus"), got.users().stream().map(User::userName).toList());
    assertEquals(List.of(readOnly), got.attachedPolicies());
    assertTrue(iam.listGroups().stream().anyMatch(g -> g.groupName().equals("sdk-readers")));

    try (MiniCloudClient asGus = client(key.accessKeyId(), key.secretAccessKey())) {
      assertEquals(List.of("g.txt"), asGus.storage().listObjects("sdk-groups", "").map(o -> o.key()).toList());
      String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
          + "\"Resource\":\"arn:minicloud:s3:::sdk-groups*\"}]}";
      iam.putGroupPolicy("sdk-readers", "NoGroups", deny);
      assertEquals(deny, iam.getGroupPolicy("sdk-readers", "NoGroups").policyDocument());
      assertEquals(List.of("NoGroups"), iam.listGroupPolicies("sdk-readers"));
      assertEquals("AccessDenied", assertThrows(MiniCloudException.class,
          () -> asGus.storage().listObjects("sdk-groups", "").count()).code());
      iam.deleteGroupPolicy("sdk-readers", "NoGroups");
      assertEquals(1, asGus.storage().listObjects("sdk-groups", "").count());
      iam.removeUserFromGroup("sdk-readers", "sdk-gus");
      assertEquals("AccessDenied", assertThrows(MiniCloudException.class,
          () -> asGus.storage().listObjects("sdk-groups", "").count()).code());
    }
    assertEquals("NoSuchEntity", assertThrows(MiniCloudException.class,
        () -> iam.removeUserFromGroup("sdk-readers", "sdk-gus")).code());
    assertEquals("DeleteConflict", assertThrows(MiniCloudException.class, () -> iam.deleteGroup("sdk-readers")).code());
    iam.detachGroupPolicy("sdk-readers", readOnly);
    assertTrue(iam.listAttachedGroupPolicies("sdk-readers").isEmpty());
    iam.deleteGroup("sdk-readers");
    assertEquals("NoSuchEntity", assertThrows(MiniCloudException.class, () -> iam.getGroup("sdk-readers")).code());
    iam.deleteAccessKey("sdk-gus", key.accessKeyId());
    iam.deleteUser("sdk-gus");
  }

  @Test
  void accountsAreThePlatformRootsToManage() {
    IamClient iam = client.iam();
    NewAccount team = iam.createAccount("sdk-team");
    Account account = team.account();
    assertTrue(account.accountId().matches("[0-9]{12}"), account.accountId());
    assertEquals("Active", account.status());
    assertTrue(iam.listAccounts().stream().anyMatch(a -> a.accountId().equals(account.accountId())));
    try (MiniCloudClient asTeam = client(team.rootAccessKeyId(), team.rootSecretAccessKey())) {
      assertEquals(account.accountId(), asTeam.whoami().account());
      assertEquals("AccessDenied", assertThrows(MiniCloudException.class, () -> asTeam.iam().listAccounts()).code());
      assertEquals("Suspended", iam.suspendAccount(account.accountId()).status());
      assertEquals("InvalidAccessKeyId", assertThrows(MiniCloudException.class, () -> asTeam.storage().listBuckets()).code());
      assertEquals("Active", iam.reactivateAccount(account.accountId()).status());
      assertEquals(account.accountId(), asTeam.whoami().account());
    }
    assertEquals("sdk-team", iam.describeAccount(account.accountId()).name());
    iam.deleteAccount(account.accountId());
    assertFalse(iam.listAccounts().stream().anyMatch(a -> a.accountId().equals(account.accountId())));
  }

  private static void awaitPage(String id) {
    Poll.until(DEADLINE, "the instance's page through its published port", () -> {
      Instance i = client.compute().describeInstance(id);
      return i.port(80).map(p -> "127.0.0.1".equals(p.hostAddress())
          && ("hello from " + id + "\n").equals(fetch("http://127.0.0.1:" + p.hostPort() + "/"))).orElse(false);
    });
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
}

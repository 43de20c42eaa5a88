package dev.minicloud.computeagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.testing.Poll;
import dev.minicloud.computeagent.instance.AgentInstance;
import dev.minicloud.computeagent.instance.InstanceManager;
import dev.minicloud.computeagent.instance.LaunchRequest;
import dev.minicloud.computeagent.runtime.ContainerRuntimeException;
import dev.minicloud.computeagent.runtime.DockerContainerRuntime;
import dev.minicloud.computeagent.runtime.ExecResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The instance lifecycle on the machine's real Docker engine. Fails (does not skip) without one. */
class InstanceDockerIT {

  static final String IMAGE = "minicloud/busybox:latest";
  static final String USER_DATA = "mkdir -p /www && echo hello-from-$(hostname) > /www/index.html\n"
      + "httpd -p 80 -h /www\necho user-data-done\n";

  private DockerContainerRuntime runtime;
  private InstanceManager manager;
  private String agentId;

  @BeforeEach
  void requireDocker() {
    runtime = new DockerContainerRuntime(DockerContainerRuntime.DEFAULT_DOCKER_HOST);
    try {
      runtime.ping();
    } catch (ContainerRuntimeException e) {
      fail("No Docker engine answers: run scripts/ensure-docker. Cause: " + e.getMessage(), e);
    }
    assertTrue(runtime.imageExists(IMAGE), IMAGE + " missing: run scripts/ensure-docker");
    agentId = "ca-test" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 5);
    manager = new InstanceManager(runtime, agentId, "minicloud0", "127.0.0.1", Duration.ofSeconds(5));
  }

  @AfterEach
  void cleanUp() {
    for (AgentInstance i : manager.list()) {
      manager.terminate(i.instanceId());
    }
    runtime.close();
  }

  static String newInstanceId() {
    return "i-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 16) + "a";
  }

  static String fetch(String url) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pageUrl(AgentInstance i) {
    assertEquals(1, i.ports().size(), i.toString());
    assertEquals("127.0.0.1", i.ports().get(0).hostAddress());
    return "http://127.0.0.1:" + i.ports().get(0).hostPort() + "/";
  }

  private static void awaitPage(AgentInstance i, String id) {
    String url = pageUrl(i);
    Poll.until(Duration.ofSeconds(20), "page served at " + url, () -> {
      String body = fetch(url);
      return body != null && body.contains("hello-from-" + id);
    });
  }

  @Test
  void theBaseImageBuiltFromTheHostsStaticBusyboxRunsInstances() throws Exception {
    java.nio.file.Path tar = java.nio.file.Files.createTempFile("minicloud-rootfs-", ".tar");
    String tag = "it" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try {
      try (var out = java.nio.file.Files.newOutputStream(tar)) {
        dev.minicloud.computeagent.instance.BaseImageAccess.writeRootfs(java.nio.file.Path.of("/bin/busybox"), out);
      }
      runtime.importImage(tar, "minicloud/busybox-it", tag);
      String id = newInstanceId();
      manager.launch(new LaunchRequest(id, "123456789012", "img-test", "minicloud/busybox-it:" + tag, "nano", 250,
          64L << 20, 64, "echo booted-from-built-image\n", List.of()));
      Poll.until(Duration.ofSeconds(10), "user data ran", () -> manager.console(id, 10).contains("booted-from-built-image"));
      ExecResult id0 = manager.exec(id, List.of("id", "-un"), Duration.ofSeconds(5));
      assertEquals("root\n", id0.stdout(), id0.toString());
      manager.terminate(id);
    } finally {
      java.nio.file.Files.deleteIfExists(tar);
      new ProcessBuilder("docker", "rmi", "-f", "minicloud/busybox-it:" + tag).start().waitFor();
    }
  }

  @Test
  void launchServeStopStartRebootExecConsoleTerminate() {
    String id = newInstanceId();
    LaunchRequest request = new LaunchRequest(id, "123456789012", "img-test", IMAGE, "nano", 250,
        64L << 20, 64, USER_DATA, List.of(80));
    AgentInstance launched = manager.launch(request);
    assertEquals("running", launched.state());
    assertEquals("123456789012", launched.accountId());
    awaitPage(launched, id);

    assertEquals(launched.containerId(), manager.launch(request).containerId(), "launch is idempotent");

    Poll.until(Duration.ofSeconds(10), "user data output on the console",
        () -> manager.console(id, 50).contains("user-data-done"));

    ExecResult exec = manager.exec(id, List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
    assertEquals(3, exec.exitCode());
    assertEquals("out\n", exec.stdout());
    assertEquals("err\n", exec.stderr());
    assertFalse(exec.timedOut());
    ExecResult slow = manager.exec(id, List.of("sleep", "30"), Duration.ofMillis(500));
    assertTrue(slow.timedOut());
    assertNull(slow.exitCode());

    AgentInstance stopped = manager.stop(id);
    assertEquals("stopped", stopped.state());
    assertTrue(stopped.ports().isEmpty());
    assertThrows(ApiException.class, () -> manager.reboot(id));

    AgentInstance started = manager.start(id);
    assertEquals("running", started.state());
    awaitPage(started, id);

    AgentInstance rebooted = manager.reboot(id);
    assertEquals("running", rebooted.state());
    awaitPage(rebooted, id);

    // A new manager object (an agent restarted) sees the same instance from the labels alone.
    InstanceManager restarted = new InstanceManager(runtime, agentId, "minicloud0", "127.0.0.1", Duration.ofSeconds(5));
    assertEquals(List.of(id), restarted.list().stream().map(AgentInstance::instanceId).toList());

    assertEquals("terminated", manager.terminate(id).state());
    assertTrue(runtime.list(java.util.Map.of("dev.minicloud.instance-id", id)).isEmpty(), "container removed");
    assertThrows(ApiException.class, () -> manager.describe(id));
    assertEquals("terminated", manager.terminate(id).state(), "terminate is idempotent");
  }
}

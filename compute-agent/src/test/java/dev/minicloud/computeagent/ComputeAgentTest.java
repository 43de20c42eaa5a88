package dev.minicloud.computeagent;

import static dev.minicloud.computeagent.Http.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.cluster.FakeControlPlane;
import dev.minicloud.common.cluster.FakeControlPlane.Put;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's wiring, HTTP API and registration, with a fake container runtime. */
class ComputeAgentTest {

  private static final ClusterToken TOKEN = ClusterToken.generate();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private final FakeContainerRuntime runtime = new FakeContainerRuntime();
  private final List<ComputeAgent> agents = new ArrayList<>();
  private FakeControlPlane controlPlane;

  @AfterEach
  void closeAll() throws Exception {
    for (ComputeAgent agent : agents) {
      await(agent.close());
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  private ComputeAgent start(ComputeAgentOptions options) throws Exception {
    ComputeAgent agent = new ComputeAgent(null, options.setClusterToken(TOKEN), runtime);
    agents.add(agent);
    return await(agent.start());
  }

  private ComputeAgent start(Path dataDir) throws Exception {
    return start(new ComputeAgentOptions().setDataDir(dataDir));
  }

  private static JsonObject info(ComputeAgent agent) throws Exception {
    HttpResponse<String> response = Http.get(agent.endpoint() + "/internal/v1/info", ClusterToken.HEADER, TOKEN.value());
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body());
  }

  @Test
  void listensOnAFreeLoopbackPortAndIsLive() throws Exception {
    ComputeAgent agent = start(dir);

    assertTrue(agent.port() > 0);
    assertEquals("http://127.0.0.1:" + agent.port(), agent.endpoint());
    HttpResponse<String> live = Http.get(agent.endpoint() + "/health/live");
    assertEquals(200, live.statusCode());
    assertEquals("up", new JsonObject(live.body()).getString("status"));
    assertNull(agent.lastHeartbeat());
  }

  @Test
  void theInternalApiNeedsTheClusterToken() throws Exception {
    ComputeAgent agent = start(dir);
    String url = agent.endpoint() + "/internal/v1/info";

    for (HttpResponse<String> refused : List.of(Http.get(url), Http.get(url, ClusterToken.HEADER, "nope"))) {
      assertEquals(401, refused.statusCode());
      JsonObject error = new JsonObject(refused.body()).getJsonObject("error");
      assertEquals("InvalidClusterToken", error.getString("code"));
      assertEquals(refused.headers().firstValue("x-minicloud-request-id").orElseThrow(), error.getString("requestId"));
    }
  }

  @Test
  void infoReportsTheEnginesCapacity() throws Exception {
    ComputeAgent agent = start(dir);

    JsonObject info = info(agent);

    assertEquals(agent.nodeId(), info.getString("nodeId"));
    assertTrue(agent.nodeId().matches("ca-[0-9a-f]{12}"), agent.nodeId());
    assertEquals("compute", info.getString("kind"));
    JsonObject capacity = info.getJsonObject("capacity");
    assertEquals(4, capacity.getInteger("cpus"));
    assertEquals(8L << 30, capacity.getLong("memoryBytes"));
    assertTrue(capacity.getBoolean("dockerAvailable"));
    assertEquals("fake-24.0", capacity.getString("dockerVersion"));
  }

  @Test
  void startsWithoutDockerAndReportsItUnavailable() throws Exception {
    runtime.setAvailable(false);
    ComputeAgent agent = start(dir);

    JsonObject capacity = info(agent).getJsonObject("capacity");
    assertFalse(capacity.getBoolean("dockerAvailable"));
    assertEquals(0, capacity.getInteger("cpus"));

    runtime.setAvailable(true);
    assertTrue(info(agent).getJsonObject("capacity").getBoolean("dockerAvailable"));
  }

  @Test
  void aRestartedAgentKeepsItsId() throws Exception {
    ComputeAgent first = start(dir);
    String id = first.nodeId();
    await(first.close());

    assertEquals(id, start(dir).nodeId());
    assertFalse(runtime.isClosed(), "an injected runtime belongs to the caller");
  }

  @Test
  void registersAsComputeAndHeartbeatsDockerAvailability() throws Exception {
    controlPlane = new FakeControlPlane(TOKEN.value(), 50).start();
    ComputeAgent agent = start(new ComputeAgentOptions()
        .setDataDir(dir)
        .setControlPlaneUrl(controlPlane.url())
        .setHeartbeatInterval(Duration.ofMillis(50)));

    Put first = controlPlane.awaitPuts(1, WAIT);
    assertEquals(agent.nodeId(), first.nodeId());
    assertEquals("compute", first.body().get("kind"));
    assertEquals(agent.endpoint(), first.body().get("endpoint"));
    assertEquals(4, first.capacity().get("cpus"));
    assertEquals(Boolean.TRUE, first.capacity().get("dockerAvailable"));
    assertEquals("fake-24.0", first.capacity().get("dockerVersion"));

    int before = controlPlane.count();
    runtime.setAvailable(false);
    controlPlane.awaitPut(before + 1, put -> Boolean.FALSE.equals(put.capacity().get("dockerAvailable")), WAIT);
    runtime.setAvailable(true);
    int after = controlPlane.count();
    controlPlane.awaitPut(after + 1, put -> Boolean.TRUE.equals(put.capacity().get("dockerAvailable")), WAIT);
  }

  @Test
  void instancesOverTheInternalApi() throws Exception {
    ComputeAgent agent = start(dir);
    String base = agent.endpoint() + "/internal/v1/instances";
    String launch = "{\"instanceId\":\"i-0123456789abcdef0\",\"accountId\":\"123456789012\","
        + "\"imageId\":\"img-1\",\"image\":\"minicloud/busybox:latest\",\"instanceType\":\"nano\","
        + "\"cpuMillis\":250,\"memoryBytes\":67108864,\"pidsLimit\":64,\"ports\":[80]}";

    assertEquals(401, Http.send("POST", base, launch, null).statusCode(), "the cluster token is required");
    HttpResponse<String> created = Http.send("POST", base, launch, TOKEN.value());
    assertEquals(201, created.statusCode(), created.body());
    assertEquals("running", new JsonObject(created.body()).getString("state"));

    HttpResponse<String> list = Http.get(base, ClusterToken.HEADER, TOKEN.value());
    assertEquals(1, new JsonObject(list.body()).getJsonArray("instances").size());
    HttpResponse<String> stopped = Http.send("POST", base + "/i-0123456789abcdef0/stop", "", TOKEN.value());
    assertEquals("stopped", new JsonObject(stopped.body()).getString("state"));
    HttpResponse<String> reboot = Http.send("POST", base + "/i-0123456789abcdef0/reboot", "", TOKEN.value());
    assertEquals(409, reboot.statusCode());
    assertEquals("IncorrectInstanceState", new JsonObject(reboot.body()).getJsonObject("error").getString("code"));
    HttpResponse<String> console = Http.get(base + "/i-0123456789abcdef0/console?tail=5", ClusterToken.HEADER, TOKEN.value());
    assertTrue(new JsonObject(console.body()).getString("output").contains("minicloud-i-0123456789abcdef0"));
    HttpResponse<String> gone = Http.send("DELETE", base + "/i-0123456789abcdef0", null, TOKEN.value());
    assertEquals("terminated", new JsonObject(gone.body()).getString("state"));
    HttpResponse<String> missing = Http.get(base + "/i-0123456789abcdef0", ClusterToken.HEADER, TOKEN.value());
    assertEquals(404, missing.statusCode());
    assertEquals("InvalidInstanceID.NotFound", new JsonObject(missing.body()).getJsonObject("error").getString("code"));

    runtime.setAvailable(false);
    HttpResponse<String> down = Http.get(base, ClusterToken.HEADER, TOKEN.value());
    assertEquals(503, down.statusCode());
    assertEquals("ServiceUnavailable", new JsonObject(down.body()).getJsonObject("error").getString("code"));
  }

  @Test
  void importStreamsTheWholeTarballToTheEngine() throws Exception {
    ComputeAgent agent = start(dir);
    byte[] tarball = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(1).nextBytes(tarball);
    HttpResponse<String> imported = Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            agent.endpoint() + "/internal/v1/images?repository=minicloud/img-1&tag=latest"))
        .header(ClusterToken.HEADER, TOKEN.value())
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tarball))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(201, imported.statusCode(), imported.body());
    assertEquals(tarball.length, runtime.importedBytes);
    assertTrue(runtime.imageExists("minicloud/img-1:latest"));
  }

  @Test
  void aClusterTokenIsRequired() {
    assertThrows(IllegalArgumentException.class,
        () -> new ComputeAgent(null, new ComputeAgentOptions().setDataDir(dir), runtime));
  }
}

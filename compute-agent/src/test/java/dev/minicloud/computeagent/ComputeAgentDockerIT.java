package dev.minicloud.computeagent;

import static dev.minicloud.computeagent.Http.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.computeagent.runtime.ContainerRuntimeException;
import dev.minicloud.computeagent.runtime.DockerContainerRuntime;
import dev.minicloud.computeagent.runtime.RuntimeInfo;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the machine's real Docker engine. Fails (does not skip) when the engine does not answer:
 * the compute agent cannot be verified without it.
 */
class ComputeAgentDockerIT {

  /** The engine under test; {@code -Dminicloud.it.dockerHost=...} points the test elsewhere. */
  private static final String DOCKER_HOST =
      System.getProperty("minicloud.it.dockerHost", DockerContainerRuntime.DEFAULT_DOCKER_HOST);

  @TempDir
  Path dir;

  private DockerContainerRuntime runtime;

  @BeforeEach
  void requireDocker() {
    runtime = new DockerContainerRuntime(DOCKER_HOST);
    try {
      runtime.ping();
    } catch (ContainerRuntimeException e) {
      fail("No Docker engine answers at " + DOCKER_HOST + ". The compute agent's integration tests need one: "
          + "run scripts/ensure-docker (or start dockerd) and re-run. Cause: " + e.getMessage(), e);
    }
  }

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  @Test
  void infoReportsCpusMemoryAndVersion() {
    RuntimeInfo info = runtime.info();

    assertTrue(info.cpus() > 0, "cpus " + info.cpus());
    assertTrue(info.memoryBytes() > 0, "memory " + info.memoryBytes());
    assertTrue(info.serverVersion() != null && !info.serverVersion().isBlank(), "version " + info.serverVersion());
  }

  @Test
  void anAgentOnTheRealEngineReportsItsCapacity() throws Exception {
    ClusterToken token = ClusterToken.generate();
    ComputeAgent agent = new ComputeAgent(new ComputeAgentOptions()
        .setDataDir(dir)
        .setClusterToken(token)
        .setDockerHost(DOCKER_HOST));
    try {
      await(agent.start());
      HttpResponse<String> response =
          Http.get(agent.endpoint() + "/internal/v1/info", ClusterToken.HEADER, token.value());
      assertEquals(200, response.statusCode(), response.body());

      JsonObject capacity = new JsonObject(response.body()).getJsonObject("capacity");
      assertTrue(capacity.getBoolean("dockerAvailable"), capacity.encode());
      assertTrue(capacity.getInteger("cpus") > 0, capacity.encode());
      assertTrue(capacity.getLong("memoryBytes") > 0, capacity.encode());
      assertFalse(capacity.getString("dockerVersion").isBlank(), capacity.encode());
      assertEquals(runtime.info().serverVersion(), capacity.getString("dockerVersion"));
    } finally {
      await(agent.close());
    }
  }
}

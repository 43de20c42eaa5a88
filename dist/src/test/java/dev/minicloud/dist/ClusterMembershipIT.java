package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.testing.Poll;
import dev.minicloud.common.testing.SignedHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control plane, a storage node and a compute agent as three separate processes: the nodes join
 * with the cluster token, show as up, go down when SIGKILLed and come back when restarted.
 */
class ClusterMembershipIT {

  private static final Pattern CONTROL_PLANE_URL = Pattern.compile("control plane at (http://\\S+)");
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  @Test
  void nodesJoinGoDownWhenKilledAndComeBackWhenRestarted() throws Exception {
    Path cpData = tmp.resolve("cp");
    try (DistProcess cp = DistProcess.start("control-plane", "control-plane", "--port", "0", "--data", cpData.toString())) {
      String url = cp.awaitLine(CONTROL_PLANE_URL, DEADLINE);
      String token = cpData.resolve("cluster-token").toString();
      SignedHttp admin = new SignedHttp(url, SignedHttp.credentialsFile(cpData.resolve("root-credentials")),
          Clock.systemUTC());

      Path snData = tmp.resolve("sn");
      Path caData = tmp.resolve("ca");
      String[] storageArgs = {"storage-node", "--join", url, "--token-file", token, "--data", snData.toString()};
      String[] computeArgs = {"compute-agent", "--join", url, "--token-file", token, "--data", caData.toString()};
      DistProcess storage = DistProcess.start("storage-node", storageArgs);
      DistProcess compute = DistProcess.start("compute-agent", computeArgs);
      try {
        storage.awaitLine(Pattern.compile("joined"), DEADLINE);
        compute.awaitLine(Pattern.compile("joined"), DEADLINE);
        String storageId = Files.readString(snData.resolve("node-id")).trim();
        String computeId = Files.readString(caData.resolve("node-id")).trim();

        awaitState(admin, storageId, "up");
        awaitState(admin, computeId, "up");
        assertEquals("storage", node(admin, storageId).get("kind").asText());
        // Same host: the node offers its Unix socket, which the control plane then uses for blobs.
        assertEquals(snData.resolve("node.sock").toAbsolutePath().toString(), node(admin, storageId).get("socket").asText());
        assertEquals("compute", node(admin, computeId).get("kind").asText());

        storage.kill();
        compute.kill();
        awaitState(admin, storageId, "down");
        awaitState(admin, computeId, "down");

        storage = DistProcess.start("storage-node (restarted)", storageArgs);
        compute = DistProcess.start("compute-agent (restarted)", computeArgs);
        awaitState(admin, storageId, "up");
        awaitState(admin, computeId, "up");
        assertTrue(Files.exists(snData.resolve("node.sock")), "the socket a SIGKILL left behind is replaced");
      } finally {
        storage.close();
        compute.close();
      }
    }
  }

  private static void awaitState(SignedHttp admin, String nodeId, String state) {
    Poll.until(DEADLINE, nodeId + " to be " + state, () -> {
      JsonNode node = node(admin, nodeId);
      return node != null && state.equals(node.get("state").asText());
    });
  }

  private static JsonNode node(SignedHttp admin, String nodeId) {
    HttpResponse<String> response = admin.get("admin", "/admin/v1/nodes");
    assertEquals(200, response.statusCode(), response.body());
    for (JsonNode node : Json.fromBytes(response.body().getBytes(StandardCharsets.UTF_8), JsonNode.class).get("nodes")) {
      if (node.get("nodeId").asText().equals(nodeId)) {
        return node;
      }
    }
    return null;
  }
}

package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.Poll;
import dev.minicloud.common.testing.SignedHttp;
import dev.minicloud.common.tls.PemTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minicloud server}: the all-in-one platform as one process, as the README starts it. */
class ServerIT {

  private static final Pattern READY = Pattern.compile("MiniCloud is ready at (https?://\\S+)");

  @TempDir
  Path data;

  @Test
  void allInOneServerIsReadyWithItsEmbeddedNodesAndStopsGracefully() throws Exception {
    try (DistProcess server = DistProcess.start("server", "server", "--port", "0", "--data", data.toString())) {
      String url = server.awaitLine(READY, Duration.ofSeconds(60));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode(), ready.body());

      SigningCredentials root = SignedHttp.credentialsFile(data.resolve("root-credentials"));
      assertTrue(server.output().stream().anyMatch(l -> l.contains(root.secretKey())), "secret printed once");
      SignedHttp admin = new SignedHttp(url, root, Clock.systemUTC());
      Poll.until(Duration.ofSeconds(30), "embedded storage node and compute agent up", () -> {
        HttpResponse<String> nodes = admin.get("admin", "/admin/v1/nodes");
        Set<String> upKinds = new HashSet<>();
        for (JsonNode node : Json.fromBytes(nodes.body().getBytes(StandardCharsets.UTF_8), JsonNode.class).get("nodes")) {
          if ("up".equals(node.get("state").asText())) {
            upKinds.add(node.get("kind").asText());
          }
        }
        return upKinds.equals(Set.of("storage", "compute"));
      });

      int exit = server.stop(Duration.ofSeconds(30));
      assertEquals(143, exit, "SIGTERM ends the JVM through its shutdown hooks (128 + 15)");
      assertTrue(server.output().stream().noneMatch(l -> l.contains("Exception")),
          "clean shutdown, no stack traces:\n" + String.join("\n", server.output()));
    }
  }

  @Test
  void withTlsTheEmbeddedNodesJoinOverHttpsAndClientsTrustTheGeneratedCertificate() throws Exception {
    try (DistProcess server = DistProcess.start("server --tls", "server", "--tls", "--port", "0", "--data",
        data.toString())) {
      String url = server.awaitLine(READY, Duration.ofSeconds(60));
      assertTrue(url.startsWith("https://127.0.0.1:"), url);
      Path cert = data.resolve("tls").resolve("cert.pem");
      HttpClient https = HttpClient.newBuilder().sslContext(PemTrust.sslContextTrusting(cert)).build();
      // Ready means a storage node joined, which it could only do over this TLS endpoint.
      HttpResponse<String> ready = https.send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode(), ready.body());
      assertTrue(server.output().stream().anyMatch(l -> l.contains(cert.toString())), "certificate path printed");
    }
  }
}

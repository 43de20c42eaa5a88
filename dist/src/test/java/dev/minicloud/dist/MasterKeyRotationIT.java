package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.SignedHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code minicloud admin rotate-master-key} on a stopped platform: every key keeps working. */
class MasterKeyRotationIT {

  @TempDir
  Path data;

  @Test
  void rotatedKeysKeepWorkingAcrossARestart() throws Exception {
    SigningCredentials tenant;
    try (InProcessPlatform platform = new InProcessPlatform(data)) {
      SignedHttp root = new SignedHttp(platform.endpoint(), platform.root, Clock.systemUTC());
      var created = root.send("POST", "iam", "/iam/v1/accounts",
          Json.toBytes(Map.of("name", "rotating")), Map.of());
      assertEquals(201, created.statusCode(), created.body());
      JsonNode key = Json.fromBytes(created.body().getBytes(StandardCharsets.UTF_8), JsonNode.class).get("rootAccessKey");
      tenant = new SigningCredentials(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());
      try (S3Client s3 = platform.s3(tenant.accessKeyId(), tenant.secretKey())) {
        s3.createBucket(r -> r.bucket("rotating"));
      }
    }
    String before = Files.readString(data.resolve("master.key"));

    assertEquals(0, Main.commandLine().execute("admin", "rotate-master-key", "--data", data.toString()));
    assertNotEquals(before, Files.readString(data.resolve("master.key")));

    try (InProcessPlatform platform = new InProcessPlatform(data);
        S3Client s3 = platform.s3(tenant.accessKeyId(), tenant.secretKey())) {
      assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("rotating")));
      assertEquals(200, new SignedHttp(platform.endpoint(), platform.root, Clock.systemUTC())
          .get("iam", "/iam/v1/accounts").statusCode(), "the platform root key was re-encrypted too");
    }
  }
}

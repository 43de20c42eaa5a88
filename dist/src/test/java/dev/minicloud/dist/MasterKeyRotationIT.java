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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code minicloud admin rotate-master-key} on a stopped platform: every access key keeps working,
 * and so does every encrypted object (its data key re-sealed), including a part of an upload left
 * open across the rotation.
 */
class MasterKeyRotationIT {

  private static final String PLAINTEXT = "encrypted before the rotation, readable after it";

  @TempDir
  Path data;

  private String uploadId;
  private String partEtag;

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
        s3.putObject(r -> r.bucket("rotating").key("sealed").serverSideEncryption(ServerSideEncryption.AES256),
            RequestBody.fromString(PLAINTEXT));
        uploadId = s3.createMultipartUpload(r -> r.bucket("rotating").key("open-upload")
            .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
        partEtag = s3.uploadPart(r -> r.bucket("rotating").key("open-upload").uploadId(uploadId).partNumber(1),
            RequestBody.fromString(PLAINTEXT)).eTag();
      }
    }
    String before = Files.readString(data.resolve("master.key"));

    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.commandLine().execute("admin", "rotate-master-key", "--data", data.toString()));
    } finally {
      System.setOut(stdout);
    }
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("2 object data key(s) sealed again"),
        printed.toString(StandardCharsets.UTF_8));
    assertNotEquals(before, Files.readString(data.resolve("master.key")));

    try (InProcessPlatform platform = new InProcessPlatform(data);
        S3Client s3 = platform.s3(tenant.accessKeyId(), tenant.secretKey())) {
      assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("rotating")));
      var sealed = s3.getObjectAsBytes(r -> r.bucket("rotating").key("sealed"));
      assertEquals(PLAINTEXT, sealed.asUtf8String());
      assertEquals(ServerSideEncryption.AES256, sealed.response().serverSideEncryption());
      s3.completeMultipartUpload(r -> r.bucket("rotating").key("open-upload").uploadId(uploadId)
          .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(partEtag).build())));
      assertEquals(PLAINTEXT, s3.getObjectAsBytes(r -> r.bucket("rotating").key("open-upload")).asUtf8String());
      assertEquals(200, new SignedHttp(platform.endpoint(), platform.root, Clock.systemUTC())
          .get("iam", "/iam/v1/accounts").statusCode(), "the platform root key was re-encrypted too");
    }
  }
}

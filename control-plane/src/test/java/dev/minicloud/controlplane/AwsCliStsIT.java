package dev.minicloud.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's own aws-cli (botocore) against the control plane, over HTTP and over HTTPS with
 * the generated self-signed certificate as its CA bundle. Fails, not skips, when aws is missing.
 */
class AwsCliStsIT {

  record CliResult(int exitCode, String stdout, String stderr) {}

  static CliResult aws(Path credentials, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("aws"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
    env.put("AWS_CONFIG_FILE", credentials.resolveSibling("no-aws-config").toString());
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_RETRY_MODE", "standard");
    env.put("AWS_MAX_ATTEMPTS", "1");
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new AssertionError("the machine's aws-cli is needed for this test and was not found on PATH", e);
    }
    process.getOutputStream().close();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errPump = new Thread(() -> copy(process.getErrorStream(), err));
    errPump.start();
    copy(process.getInputStream(), out);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "aws did not finish in 120 s");
    errPump.join();
    return new CliResult(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void copy(java.io.InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ControlPlane start(Path data, boolean tls) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new ControlPlane(ControlPlaneOptions.defaults(data).withPort(0).withTls(tls), Clock.systemUTC(), quiet).start();
  }

  @Test
  void getCallerIdentityOverHttpSucceedsAndAWrongSecretFailsClearly(@TempDir Path data) throws Exception {
    try (ControlPlane cp = start(data, false)) {
      CliResult ok = aws(cp.rootCredentialsFile(), "--endpoint-url", cp.endpoint(), "sts", "get-caller-identity",
          "--output", "json");
      assertEquals(0, ok.exitCode(), ok.stderr());
      JsonNode identity = Json.fromBytes(ok.stdout().getBytes(StandardCharsets.UTF_8), JsonNode.class);
      assertEquals(cp.rootAccountId(), identity.get("Account").asText());
      assertTrue(identity.get("Arn").asText().endsWith(":root"));

      Path wrong = data.resolve("wrong-credentials");
      String text = Files.readString(cp.rootCredentialsFile())
          .replaceAll("aws_secret_access_key = \\S+", "aws_secret_access_key = " + "x".repeat(40));
      Files.writeString(wrong, text);
      CliResult denied = aws(wrong, "--endpoint-url", cp.endpoint(), "sts", "get-caller-identity");
      assertNotEquals(0, denied.exitCode());
      assertTrue(denied.stderr().contains("SignatureDoesNotMatch"), denied.stderr());
    }
  }

  @Test
  void getCallerIdentityOverHttpsWithTheGeneratedCertificate(@TempDir Path data) throws Exception {
    try (ControlPlane cp = start(data, true)) {
      assertTrue(cp.endpoint().startsWith("https://"));
      Path caBundle = cp.tlsCertificate().orElseThrow();
      CliResult ok = aws(cp.rootCredentialsFile(), "--endpoint-url", cp.endpoint(), "--ca-bundle", caBundle.toString(),
          "sts", "get-caller-identity", "--output", "json");
      assertEquals(0, ok.exitCode(), ok.stderr());
      assertTrue(ok.stdout().contains(cp.rootAccountId()), ok.stdout());

      CliResult untrusted = aws(cp.rootCredentialsFile(), "--endpoint-url", cp.endpoint(),
          "sts", "get-caller-identity");
      assertNotEquals(0, untrusted.exitCode(), "a client that does not trust the certificate must fail");
      assertTrue(untrusted.stderr().toLowerCase(java.util.Locale.ROOT).contains("ssl"), untrusted.stderr());
    }
  }
}

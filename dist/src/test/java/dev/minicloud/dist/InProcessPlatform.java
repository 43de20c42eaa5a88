package dev.minicloud.dist;

import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.Poll;
import dev.minicloud.computeagent.ComputeAgent;
import dev.minicloud.computeagent.ComputeAgentOptions;
import dev.minicloud.common.testing.SignedHttp;
import dev.minicloud.common.tls.PemTrust;
import dev.minicloud.controlplane.ControlPlane;
import dev.minicloud.controlplane.ControlPlaneOptions;
import dev.minicloud.storagenode.StorageNode;
import dev.minicloud.storagenode.StorageNodeOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A control plane and one storage node in the test JVM (sharing one Vert.x, as the all-in-one
 * server does), on loopback port 0, with a data directory of the test's own.
 */
final class InProcessPlatform implements AutoCloseable {

  final ControlPlane controlPlane;
  final StorageNode storage;
  final SigningCredentials root;
  private final Path data;
  private ComputeAgent compute;

  InProcessPlatform(Path data) throws Exception {
    this(data, false);
  }

  /** With {@code tls}, the public endpoint is HTTPS with a generated certificate ({@link #s3()} trusts it). */
  InProcessPlatform(Path data, boolean tls) throws Exception {
    this.data = data;
    controlPlane = new ControlPlane(ControlPlaneOptions.defaults(data).withPort(0).withTls(tls), Clock.systemUTC(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
    storage = new StorageNode(controlPlane.vertx(), new StorageNodeOptions()
        .setDataDir(data.resolve("storage"))
        .setControlPlaneUrl(URI.create(controlPlane.endpoint()))
        .setControlPlaneCertificate(controlPlane.tlsCertificate().orElse(null))
        .setClusterToken(controlPlane.clusterToken()));
    storage.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    root = SignedHttp.credentialsFile(controlPlane.rootCredentialsFile());
  }

  /**
   * Starts a compute agent on the machine's Docker engine (once; closed with the platform) and
   * waits until the control plane sees it up with a working engine.
   */
  synchronized ComputeAgent startComputeAgent() throws Exception {
    if (compute == null) {
      compute = new ComputeAgent(controlPlane.vertx(), new ComputeAgentOptions()
          .setDataDir(data.resolve("compute"))
          .setControlPlaneUrl(URI.create(endpoint()))
          .setClusterToken(controlPlane.clusterToken()), null)
          .start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try (dev.minicloud.sdk.MiniCloudClient sdk = dev.minicloud.sdk.MiniCloudClient.builder().endpoint(endpoint())
          .credentials(root.accessKeyId(), root.secretKey()).profileFile(data.resolve("no-profile")).build()) {
        Poll.until(Duration.ofSeconds(30), "the compute agent is up with Docker", () -> sdk.admin().nodes().stream()
            .anyMatch(n -> "compute".equalsIgnoreCase(n.kind()) && "up".equalsIgnoreCase(n.state())
                && Boolean.TRUE.equals(n.capacity().get("dockerAvailable"))));
      }
    }
    return compute;
  }

  String endpoint() {
    return controlPlane.endpoint();
  }

  /** The AWS SDK for Java v2 S3 client with default settings, path-style, as the README tells users. */
  S3Client s3() {
    return s3(root.accessKeyId(), root.secretKey());
  }

  S3Client s3(String accessKeyId, String secret) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClient(controlPlane.tlsCertificate()
            .map(cert -> ApacheHttpClient.builder()
                .socketFactory(new SSLConnectionSocketFactory(PemTrust.sslContextTrusting(cert))).build())
            .orElseGet(ApacheHttpClient::create))
        .build();
  }

  @Override
  public void close() {
    try {
      if (compute != null) {
        compute.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      storage.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("compute agent or storage node did not close", e);
    } finally {
      controlPlane.close();
    }
  }
}

package dev.minicloud.dist;

import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.SignedHttp;
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
import java.util.concurrent.TimeUnit;
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

  InProcessPlatform(Path data) throws Exception {
    controlPlane = new ControlPlane(ControlPlaneOptions.defaults(data).withPort(0), Clock.systemUTC(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
    storage = new StorageNode(controlPlane.vertx(), new StorageNodeOptions()
        .setDataDir(data.resolve("storage"))
        .setControlPlaneUrl(URI.create(controlPlane.endpoint()))
        .setClusterToken(controlPlane.clusterToken()));
    storage.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    root = SignedHttp.credentialsFile(controlPlane.rootCredentialsFile());
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
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    try {
      storage.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("storage node did not close", e);
    } finally {
      controlPlane.close();
    }
  }
}

package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.SignedHttp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.minicloud.common.testing.Poll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * SIGKILL the all-in-one server while 8 clients upload; after a restart on the same data every
 * acknowledged object reads back byte-identical, and every listed object is one a client sent,
 * whole (an upload whose answer was lost in the crash may or may not be there, never half of it).
 */
class CrashIT {

  private static final Pattern READY = Pattern.compile("MiniCloud is ready at (http://\\S+)");

  @TempDir
  Path data;

  static S3Client client(String endpoint, SigningCredentials root) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(root.accessKeyId(), root.secretKey())))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  static byte[] body(String key) {
    Random random = new Random(key.hashCode());
    byte[] bytes = new byte[1000 + random.nextInt(200_000)];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void acknowledgedWritesSurviveSigkillAndNothingPartialIsVisible() throws Exception {
    Map<String, Boolean> attempted = new ConcurrentHashMap<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    SigningCredentials root;
    try (DistProcess server = DistProcess.start("server", "server", "--port", "0", "--data", data.toString())) {
      String url = server.awaitLine(READY, Duration.ofSeconds(60));
      root = SignedHttp.credentialsFile(data.resolve("root-credentials"));
      try (S3Client s3 = client(url, root)) {
        s3.createBucket(b -> b.bucket("crash"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger counter = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
          pool.submit(() -> {
            for (int i = 0; i < 2_000; i++) {
              String key = "obj-" + counter.incrementAndGet();
              attempted.put(key, true);
              try {
                s3.putObject(b -> b.bucket("crash").key(key), RequestBody.fromBytes(body(key)));
                acknowledged.add(key);
              } catch (RuntimeException e) {
                return; // the server is gone
              }
            }
          });
        }
        Poll.until(Duration.ofSeconds(60), "some uploads acknowledged", () -> acknowledged.size() >= 150);
        server.kill(); // SIGKILL mid-flight
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
      }
    }
    try (DistProcess again = DistProcess.start("server (restarted)", "server", "--port", "0", "--data", data.toString());
        S3Client s3 = client(again.awaitLine(READY, Duration.ofSeconds(60)), root)) {
      Set<String> listed = ConcurrentHashMap.newKeySet();
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket("crash")).contents()) {
        listed.add(o.key());
      }
      assertTrue(listed.containsAll(acknowledged), "every acknowledged object is listed");
      for (String key : listed) {
        assertTrue(attempted.containsKey(key), "listed object was never sent: " + key);
        assertArrayEquals(body(key), s3.getObjectAsBytes(b -> b.bucket("crash").key(key)).asByteArray(), key);
      }
    }
  }
}

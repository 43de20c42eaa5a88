import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.storage.GetOptions;
import dev.minicloud.sdk.storage.ObjectSummary;
import dev.minicloud.sdk.storage.PutOptions;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The SDK tour of docs/sdk.md, compiled by the build (sdk module, test sources) so it cannot rot.
 *
 * <p>Run it against a local server after {@code minicloud configure}: the client takes its
 * endpoint and key from the profile file, or from MINICLOUD_ENDPOINT / MINICLOUD_ACCESS_KEY_ID /
 * MINICLOUD_SECRET_ACCESS_KEY.
 */
public final class StorageQuickstart {

  private StorageQuickstart() {}

  public static void main(String[] args) throws Exception {
    // 1. A client: settings not given here come from the environment, then ~/.minicloud/config.
    try (MiniCloudClient client = MiniCloudClient.builder().build()) {
      System.out.println("calling " + client.endpoint() + " as " + client.whoami().arn());

      // 2. A bucket.
      String bucket = "quickstart-" + System.currentTimeMillis();
      client.storage().createBucket(bucket);

      // 3. Uploads: bytes, a file (multipart in parallel above 16 MiB), metadata.
      client.storage().putObject(bucket, "hello.txt", "Hello, MiniCloud!".getBytes(StandardCharsets.UTF_8));
      Path file = Files.createTempFile("quickstart", ".bin");
      Files.write(file, new byte[1024 * 1024]);
      client.storage().putObject(bucket, "data/zeros.bin", file,
          new PutOptions().contentType("application/octet-stream").metadata("origin", "quickstart"));

      // 4. Downloads: a stream (close it), a byte range, a file.
      try (InputStream in = client.storage().getObject(bucket, "hello.txt")) {
        System.out.println(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      byte[] firstFive = client.storage().getObjectBytes(bucket, "hello.txt", new GetOptions().range(0, 4));
      System.out.println(new String(firstFive, StandardCharsets.UTF_8)); // "Hello"
      client.storage().getObject(bucket, "data/zeros.bin", file);

      // 5. Listing is lazy: pages are fetched as the stream is consumed.
      try (Stream<ObjectSummary> objects = client.storage().listObjects(bucket, "data/")) {
        objects.forEach(o -> System.out.println(o.key() + " " + o.size()));
      }

      // 6. A presigned URL anyone can fetch for the next 10 minutes.
      URI url = client.storage().presignGetObject(bucket, "hello.txt", Duration.ofMinutes(10));
      System.out.println("share: " + url);

      // 7. Errors are typed and carry the service's code.
      try {
        client.storage().getObjectBytes(bucket, "missing.txt");
      } catch (MiniCloudException e) {
        System.out.println(e.code() + " (HTTP " + e.statusCode() + ", request " + e.requestId() + ")");
      }

      // 8. Clean up.
      client.storage().deleteObject(bucket, "hello.txt");
      client.storage().deleteObject(bucket, "data/zeros.bin");
      client.storage().deleteBucket(bucket);
      Files.delete(file);
    }
  }
}

package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.tls.PemTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Reads of at least 1 MiB of an unencrypted object, within one blob, over plain HTTP, are sent to
 * the client from the storage node's file on this host (sendfile); every other read streams from
 * the node. The
 * bytes are the same either way; the operations metric {@code minicloud_blob_read_bytes_total}
 * tells which way each read went.
 */
class BlobFileReadIT {

  private static final int MIB = 1024 * 1024;
  private static final Pattern READ_BYTES = Pattern.compile("minicloud_blob_read_bytes_total\\{via=\"(file|node)\"} (\\S+)");

  @TempDir
  static Path data;

  static InProcessPlatform platform;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    s3 = platform.s3();
    s3.createBucket(b -> b.bucket("files"));
  }

  @AfterAll
  static void stop() {
    s3.close();
    platform.close();
  }

  @Test
  void aLargeReadIsSentFromTheFileAndASmallOneIsStreamed() throws Exception {
    byte[] body = SseIT.random(3 * MIB + 17, 1);
    s3.putObject(b -> b.bucket("files").key("big"), RequestBody.fromBytes(body));
    Reads before = Reads.now();

    assertArrayEquals(body, get("big", null));
    assertArrayEquals(Arrays.copyOfRange(body, 1000, 1000 + MIB), get("big", "bytes=1000-" + (1000 + MIB - 1)));
    assertArrayEquals(Arrays.copyOfRange(body, body.length - MIB, body.length), get("big", "bytes=-" + MIB));
    assertEquals(new Reads(body.length + 2L * MIB, 0), Reads.now().minus(before), "all three from the file");

    Reads beforeSmall = Reads.now();
    assertArrayEquals(Arrays.copyOfRange(body, 5, 105), get("big", "bytes=5-104"));
    assertArrayEquals(Arrays.copyOfRange(body, 7, 7 + MIB - 1), get("big", "bytes=7-" + (7 + MIB - 2)));
    assertEquals(new Reads(0, 100 + MIB - 1), Reads.now().minus(beforeSmall), "below 1 MiB: streamed from the node");
  }

  @Test
  void anEncryptedObjectIsNeverSentFromItsFile() throws Exception {
    byte[] body = SseIT.random(2 * MIB, 2);
    s3.putObject(b -> b.bucket("files").key("sealed").serverSideEncryption(ServerSideEncryption.AES256),
        RequestBody.fromBytes(body));
    Reads before = Reads.now();

    assertArrayEquals(body, get("sealed", null), "plaintext, decrypted on the way");
    assertArrayEquals(Arrays.copyOfRange(body, 10, 10 + MIB + 1), get("sealed", "bytes=10-" + (10 + MIB)));
    assertEquals(0, Reads.now().minus(before).file(), "the file holds ciphertext");
  }

  @Test
  void aMultipartObjectIsSentFromAFileOnlyWithinOnePart() throws Exception {
    byte[] first = SseIT.random(5 * MIB, 3);
    byte[] second = SseIT.random(2 * MIB, 4);
    String uploadId = s3.createMultipartUpload(b -> b.bucket("files").key("parts")).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    byte[][] bodies = {first, second};
    for (int n = 1; n <= 2; n++) {
      int partNumber = n;
      String etag = s3.uploadPart(b -> b.bucket("files").key("parts").uploadId(uploadId).partNumber(partNumber),
          RequestBody.fromBytes(bodies[partNumber - 1])).eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
    }
    s3.completeMultipartUpload(b -> b.bucket("files").key("parts").uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    byte[] whole = SseIT.concat(first, second);
    Reads before = Reads.now();

    assertArrayEquals(Arrays.copyOfRange(whole, 5 * MIB, 7 * MIB), get("parts", "bytes=" + 5 * MIB + "-" + (7 * MIB - 1)));
    assertEquals(new Reads(2 * MIB, 0), Reads.now().minus(before), "the second part alone: its file");

    Reads across = Reads.now();
    assertArrayEquals(whole, get("parts", null));
    assertArrayEquals(Arrays.copyOfRange(whole, 4 * MIB, 6 * MIB), get("parts", "bytes=" + 4 * MIB + "-" + (6 * MIB - 1)));
    assertEquals(new Reads(0, whole.length + 2L * MIB), Reads.now().minus(across), "across parts: streamed");
  }

  @Test
  void overHttpsEveryReadStreamsFromTheNode(@TempDir Path tlsData) throws Exception {
    // Under TLS Vert.x sends a file in 8 KiB pieces, slower than streaming from the node.
    try (InProcessPlatform secure = new InProcessPlatform(tlsData, true); S3Client s3s = secure.s3()) {
      assertTrue(secure.endpoint().startsWith("https://"), secure.endpoint());
      s3s.createBucket(b -> b.bucket("files"));
      byte[] body = SseIT.random(2 * MIB + 5, 5);
      s3s.putObject(b -> b.bucket("files").key("big"), RequestBody.fromBytes(body));
      HttpClient https = HttpClient.newBuilder().sslContext(PemTrust.sslContextTrusting(
          secure.controlPlane.tlsCertificate().orElseThrow())).build();
      Reads before = Reads.of(secure, https);

      assertArrayEquals(body, s3s.getObjectAsBytes(b -> b.bucket("files").key("big")).asByteArray());
      assertEquals(new Reads(0, body.length), Reads.of(secure, https).minus(before));
    }
  }

  private static byte[] get(String key, String range) {
    return s3.getObjectAsBytes(b -> b.bucket("files").key(key).range(range)).asByteArray();
  }

  /** The two counters of {@code minicloud_blob_read_bytes_total}, in bytes. */
  record Reads(long file, long node) {

    static Reads now() throws Exception {
      return of(platform, HttpClient.newHttpClient());
    }

    static Reads of(InProcessPlatform platform, HttpClient http) throws Exception {
      String metrics = http.send(HttpRequest.newBuilder(URI.create(platform.endpoint() + "/metrics"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      long file = 0;
      long node = 0;
      Matcher m = READ_BYTES.matcher(metrics);
      while (m.find()) {
        long value = (long) Double.parseDouble(m.group(2));
        if (m.group(1).equals("file")) {
          file = value;
        } else {
          node = value;
        }
      }
      return new Reads(file, node);
    }

    Reads minus(Reads earlier) {
      return new Reads(file - earlier.file, node - earlier.node);
    }
  }
}

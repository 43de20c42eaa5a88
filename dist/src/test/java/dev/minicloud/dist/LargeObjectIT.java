package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.SignedHttp;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 4 GiB single PUT and GET through a server whose JVM has a 256 MiB heap (DistProcess runs it
 * with -Xmx256m): only possible if nothing is buffered whole. The bytes are generated and hashed on
 * the fly on the client side too.
 */
class LargeObjectIT {

  private static final Pattern READY = Pattern.compile("MiniCloud is ready at (http://\\S+)");
  private static final long SIZE = 4L * 1024 * 1024 * 1024;

  @TempDir
  Path data;

  /** Deterministic pseudo-random bytes, generated as they are read. */
  static final class GeneratedStream extends InputStream {
    private long remaining;
    private long state = 0x9E3779B97F4A7C15L;
    private final MessageDigest digest;

    GeneratedStream(long size, MessageDigest digest) {
      this.remaining = size;
      this.digest = digest;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      for (int i = 0; i < n; i++) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        b[off + i] = (byte) state;
      }
      digest.update(b, off, n);
      remaining -= n;
      return n;
    }
  }

  @Test
  void fourGibPutAndGetThroughA256MibHeap() throws Exception {
    try (DistProcess server = DistProcess.start("server -Xmx256m", "server", "--port", "0", "--data", data.toString())) {
      String url = server.awaitLine(READY, Duration.ofSeconds(60));
      SigningCredentials root = SignedHttp.credentialsFile(data.resolve("root-credentials"));
      try (S3Client s3 = CrashIT.client(url, root)) {
        s3.createBucket(b -> b.bucket("large"));
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        s3.putObject(b -> b.bucket("large").key("four-gib"),
            RequestBody.fromContentProvider(() -> new GeneratedStream(SIZE, sent), SIZE, "application/octet-stream"));
        assertEquals(SIZE, s3.headObject(b -> b.bucket("large").key("four-gib")).contentLength());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream in = s3.getObject(b -> b.bucket("large").key("four-gib"))) {
          byte[] buffer = new byte[1 << 16];
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            received.update(buffer, 0, n);
          }
        }
        assertEquals(HexFormat.of().formatHex(sent.digest()), HexFormat.of().formatHex(received.digest()));
      }
    }
  }
}

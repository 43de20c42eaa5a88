package dev.minicloud.storagenode.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real file and a real Vert.x: the flushes along the way never change what is written. */
class EarlyWritebackTest {

  @TempDir
  Path dir;

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void bytesArriveIntactAcrossSeveralFlushes() throws Exception {
    Path target = dir.resolve("blob");
    byte[] expected = new byte[(int) (EarlyWriteback.FLUSH_EVERY_BYTES * 3 + 12_345)];
    new Random(7).nextBytes(expected);
    Future<Void> written = vertx.fileSystem().open(target.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
        .compose(file -> writeInChunks(file, expected));
    written.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertEquals(expected.length, Files.size(target));
    assertArrayEquals(expected, Files.readAllBytes(target));
  }

  /** Writes 64 KiB pieces, then closes at once, usually while a flush is still running. */
  private Future<Void> writeInChunks(AsyncFile file, byte[] bytes) {
    EarlyWriteback stream = new EarlyWriteback(file);
    Future<Void> last = Future.succeededFuture();
    for (int off = 0; off < bytes.length; off += 64 * 1024) {
      int len = Math.min(64 * 1024, bytes.length - off);
      last = stream.write(Buffer.buffer().appendBytes(bytes, off, len));
    }
    return last.compose(v -> file.close());
  }
}

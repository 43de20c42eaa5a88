package dev.minicloud.storagenode.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real file and a real Vert.x: batching and the flushes along the way never change what is written. */
class BlobFileWriterTest {

  private static final int CHUNK = 64 * 1024;

  @TempDir
  Path dir;

  private Vertx vertx;
  private Context context;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void bytesArriveIntactInOrderAcrossBatchesAndFlushes() throws Exception {
    Path target = dir.resolve("blob");
    byte[] expected = new byte[(int) (BlobFileWriter.FLUSH_EVERY_BYTES * 3 + 12_345)];
    new Random(7).nextBytes(expected);
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      // Everything at once, back-pressure ignored: the queue then holds many chunks for each write.
      onContext(v -> {
        BlobFileWriter writer = new BlobFileWriter(vertx, context, channel);
        for (int off = 0; off < expected.length; off += CHUNK) {
          writer.write(Buffer.buffer().appendBytes(expected, off, Math.min(CHUNK, expected.length - off)));
        }
        return writer.end();
      });
    }
    assertArrayEquals(expected, Files.readAllBytes(target));
  }

  @Test
  void aFullQueuePausesTheSenderUntilItIsHalfWritten() throws Exception {
    Path target = dir.resolve("blob");
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      int drained = onContext(v -> {
        BlobFileWriter writer = new BlobFileWriter(vertx, context, channel).setWriteQueueMaxSize(4 * CHUNK);
        for (int i = 0; i < 4; i++) {
          writer.write(Buffer.buffer(new byte[CHUNK]));
        }
        assertTrue(writer.writeQueueFull(), "four chunks queued fill a queue of four chunks");
        Promise<Integer> drainedAt = Promise.promise();
        writer.drainHandler(x -> drainedAt.complete(writer.writeQueueFull() ? -1 : 1));
        return drainedAt.future().compose(d -> writer.end().map(d));
      });
      assertEquals(1, drained, "the drain handler runs once the queue has room");
    }
    assertEquals(4L * CHUNK, Files.size(target));
  }

  @Test
  void afterAFailedWriteEveryLaterWriteAndTheEndFail() throws Exception {
    FileChannel channel = FileChannel.open(dir.resolve("blob"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    channel.close(); // as an abort does while bytes still arrive
    ExecutionException failed = assertThrows(ExecutionException.class, () -> onContext(v -> {
      BlobFileWriter writer = new BlobFileWriter(vertx, context, channel);
      Future<Void> first = writer.write(Buffer.buffer(new byte[10]));
      return first.transform(written -> {
        assertTrue(written.failed(), "writing to a closed file fails");
        assertTrue(writer.write(Buffer.buffer(new byte[10])).failed(), "a later write fails at once");
        return writer.end();
      });
    }));
    assertInstanceOf(ClosedChannelException.class, failed.getCause(), failed.toString());
  }

  /** Runs {@code body} on the writer's context and waits for the future it returns. */
  private <T> T onContext(Function<Void, Future<T>> body) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> body.apply(null).onComplete(done -> {
      if (done.succeeded()) {
        result.complete(done.result());
      } else {
        result.completeExceptionally(done.cause());
      }
    }));
    return result.get(60, TimeUnit.SECONDS);
  }
}

package dev.minicloud.storagenode.blob;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The write stream of a blob file: the bytes go into the file in arrival order, written by one
 * worker task at a time, which takes everything queued since its last write in one gathering
 * write. Vert.x's {@code AsyncFile} instead hands every 64 KiB chunk to the worker pool on its own:
 * a fast upload then had many pool threads writing the same file at once, queueing (and spinning)
 * on the file's lock and each copying through a temporary direct buffer of its own.
 *
 * <p>It also starts putting the bytes on disk while they still arrive: after every
 * {@value #FLUSH_EVERY_BYTES} bytes it asks for an {@code fdatasync} (on another worker, at most one
 * at a time, without pausing the writes). Without that the kernel kept a large upload's bytes in
 * the page cache (writeback starts at a share of RAM, gigabytes here) and the commit's fsync then
 * wrote all of them at once, after the last byte had arrived: on a disk that writes ~250 MB/s that
 * added about 4 s to a 1 GiB PUT. Durability does not depend on these flushes: the commit still
 * fsyncs the file and its directory before the blob is stored.
 *
 * <p>A write's future completes, on the context that created the stream, once its bytes are in the
 * file. After a failed write every later write fails, and so does {@link #end()}, which otherwise
 * completes when every byte written before it is in the file. The caller owns the channel and
 * closes it after {@code end}.
 */
final class BlobFileWriter implements WriteStream<Buffer> {

  static final long FLUSH_EVERY_BYTES = 16L * 1024 * 1024;
  /**
   * Buffers per gathering write: 1 MiB of 64 KiB chunks. The JDK copies each heap buffer through a
   * temporary direct buffer that it keeps per thread, so this also bounds what each worker keeps.
   */
  private static final int MAX_GATHER = 16;

  private final Vertx vertx;
  private final Context context;
  private final FileChannel channel;

  // Shared by the context and the writing task.
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by this
  private boolean writing; // guarded by this: a task is draining the queue
  private Throwable failure; // guarded by this

  // The writing task's own (one task at a time; the hand-over is under the lock above).
  private long written;
  private long flushRequestedAt;
  private final AtomicBoolean flushing = new AtomicBoolean();

  // The context's own.
  private long unwritten;
  private int maxUnwritten = 128 * 1024;
  private Handler<Void> drainHandler;
  private Handler<Throwable> exceptionHandler;
  private Promise<Void> ended;

  private record Pending(Buffer data, Promise<Void> done) {}

  /** A stream into {@code channel} (open for writing, at its end), used from {@code context}. */
  BlobFileWriter(Vertx vertx, Context context, FileChannel channel) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.context = Objects.requireNonNull(context, "context");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public Future<Void> write(Buffer data) {
    Promise<Void> done = Promise.promise();
    Throwable failed;
    boolean start = false;
    synchronized (this) {
      failed = failure;
      if (failed == null) {
        queue.add(new Pending(data, done));
        start = !writing;
        writing = true;
      }
    }
    if (failed != null) {
      return Future.failedFuture(failed);
    }
    unwritten += data.length();
    if (start) {
      vertx.executeBlocking(this::writeQueued, false);
    }
    return done.future();
  }

  /** On a worker: writes what is queued, batch by batch, until the queue is empty or a write fails. */
  private Void writeQueued() {
    while (true) {
      List<Pending> batch = new ArrayList<>(MAX_GATHER);
      synchronized (this) {
        while (!queue.isEmpty() && batch.size() < MAX_GATHER) {
          batch.add(queue.poll());
        }
        if (batch.isEmpty()) {
          writing = false;
          return null;
        }
      }
      try {
        writeFully(batch);
      } catch (IOException | RuntimeException e) {
        List<Pending> rest;
        synchronized (this) {
          failure = e;
          rest = new ArrayList<>(queue);
          queue.clear();
          writing = false;
        }
        batch.addAll(rest);
        context.runOnContext(v -> finished(batch, e));
        return null;
      }
      context.runOnContext(v -> finished(batch, null));
      startWritebackIfDue();
    }
  }

  private void writeFully(List<Pending> batch) throws IOException {
    ByteBuffer[] views = new ByteBuffer[batch.size()];
    long bytes = 0;
    for (int i = 0; i < views.length; i++) {
      views[i] = ((BufferInternal) batch.get(i).data()).getByteBuf().nioBuffer(); // a view, not a copy
      bytes += views[i].remaining();
    }
    for (long left = bytes; left > 0; ) {
      left -= channel.write(views);
    }
    written += bytes;
  }

  private void startWritebackIfDue() {
    if (written - flushRequestedAt >= FLUSH_EVERY_BYTES && flushing.compareAndSet(false, true)) {
      flushRequestedAt = written;
      // A failed flush is not the upload's failure: the commit's own fsync decides.
      vertx.executeBlocking(() -> {
        channel.force(false);
        return null;
      }, false).onComplete(flushed -> flushing.set(false));
    }
  }

  /** On the context: the batch's bytes are in the file, or the batch failed with {@code error}. */
  private void finished(List<Pending> batch, Throwable error) {
    for (Pending pending : batch) {
      unwritten -= pending.data().length();
      if (error == null) {
        pending.done().complete();
      } else {
        pending.done().fail(error);
      }
    }
    if (error != null && exceptionHandler != null) {
      exceptionHandler.handle(error);
    }
    if (error == null && drainHandler != null && unwritten <= maxUnwritten / 2) {
      Handler<Void> handler = drainHandler;
      drainHandler = null;
      handler.handle(null);
    }
    endIfDone();
  }

  @Override
  public Future<Void> end() {
    if (ended == null) {
      ended = Promise.promise();
      endIfDone();
    }
    return ended.future();
  }

  private void endIfDone() {
    if (ended == null || unwritten > 0) {
      return;
    }
    Throwable failed;
    synchronized (this) {
      failed = failure;
    }
    if (failed == null) {
      ended.tryComplete();
    } else {
      ended.tryFail(failed);
    }
  }

  @Override
  public BlobFileWriter exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public BlobFileWriter setWriteQueueMaxSize(int maxSize) {
    this.maxUnwritten = maxSize;
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return unwritten >= maxUnwritten;
  }

  @Override
  public BlobFileWriter drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }
}

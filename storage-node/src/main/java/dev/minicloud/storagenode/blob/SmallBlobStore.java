package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Predicate;
import org.rocksdb.RocksDBException;

/**
 * {@link BlobStore} for small blobs of a known size, in {@link SmallBlobs} (RocksDB). An upload
 * collects its bytes in memory, in one array of exactly the announced size, so it can never hold
 * more than {@link #MAX_BYTES}; its commit then joins {@link SmallBlobs#putIfAbsent}'s group commit
 * (check that the id is free in every tier, then one synced WAL write for the whole group), with no
 * worker hand-off. The file tier needs three or four worker hand-offs and two fsyncs per blob instead.
 *
 * <p>The id is reserved when the upload is created (in memory, on the calling thread), but whether
 * a blob of that id exists is only checked at the commit, to save a worker hand-off per PUT: a
 * taken id is refused after its (small) body rather than before it.
 */
public final class SmallBlobStore implements BlobStore {

  /**
   * The largest blob kept in RocksDB. Up to here a blob's cost is dominated by per-blob overheads
   * (worker hand-offs, fsyncs, file creation) that RocksDB amortises; above it, the LSM tree's
   * compactions rewriting the bytes cost more than a file does, and holding the body in memory
   * while it arrives stops being cheap (16 concurrent uploads hold at most 2 MiB).
   */
  public static final int MAX_BYTES = 128 * 1024;

  private final Vertx vertx;
  private final SmallBlobs blobs;
  private final WriteReservations reservations;
  private final Predicate<String> storedElsewhere;
  private final Clock clock;

  /**
   * @param reservations shared with the other tiers: one writer per id across all of them
   * @param storedElsewhere blocking; whether another tier holds a blob (checked at each commit)
   */
  public SmallBlobStore(Vertx vertx, SmallBlobs blobs, WriteReservations reservations,
      Predicate<String> storedElsewhere, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.reservations = Objects.requireNonNull(reservations, "reservations");
    this.storedElsewhere = Objects.requireNonNull(storedElsewhere, "storedElsewhere");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether this store takes a blob of {@code announcedSize} bytes (null: unknown). */
  public static boolean accepts(Long announcedSize) {
    return announcedSize != null && announcedSize >= 0 && announcedSize <= MAX_BYTES;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code announcedSize} is not {@link #accepts accepted}
   */
  @Override
  public Future<BlobUpload> create(String blobId, Long announcedSize) {
    if (!accepts(announcedSize)) {
      throw new IllegalArgumentException("not a small blob size: " + announcedSize);
    }
    BlobIds.requireValid(blobId);
    try {
      reservations.reserve(blobId);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return Future.succeededFuture(new SmallUpload(blobId, announcedSize.intValue()));
  }

  @Override
  public Future<OpenBlob> open(String blobId) {
    // Read on the calling (event-loop) thread, as the control plane reads its metadata: a point
    // read of a value of at most MAX_BYTES takes microseconds (memtable, block cache or page
    // cache), less than the hand-off to a worker and back, which was a visible share of a small GET.
    try {
      OpenBlob blob = blobs.read(blobId);
      if (blob == null) {
        return Future.failedFuture(BlobErrorCode.noSuchBlob(blobId));
      }
      return Future.succeededFuture(blob);
    } catch (RocksDBException | RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Boolean> delete(String blobId) {
    return vertx.executeBlocking(() -> blobs.delete(blobId), false);
  }

  @Override
  public Future<BlobPage> list(String after, int limit) {
    return vertx.executeBlocking(() -> blobs.list(after, limit), false);
  }

  /**
   * One upload, used from the request's event-loop thread only. It is its own write stream: the
   * bytes go straight into the value array, after the room for the header.
   */
  private final class SmallUpload implements BlobUpload, WriteStream<Buffer> {

    private final String blobId;
    private final int announcedSize;
    private final byte[] framed;
    private long received;
    private boolean finished;

    SmallUpload(String blobId, int announcedSize) {
      this.blobId = blobId;
      this.announcedSize = announcedSize;
      this.framed = new byte[SmallBlobs.HEADER_BYTES + announcedSize];
    }

    @Override
    public WriteStream<Buffer> stream() {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      long offered = received + data.length();
      if (offered > announcedSize || finished) {
        received = Math.max(received, offered);
        // Fails the pipe at once: a body larger than announced is never buffered, whatever its size.
        return Future.failedFuture(incomplete());
      }
      data.getBytes(0, data.length(), framed, SmallBlobs.HEADER_BYTES + (int) received);
      received = offered;
      return Future.succeededFuture();
    }

    @Override
    public Future<Long> commit(Long expectedSize) {
      if (finished) {
        return Future.failedFuture(new IllegalStateException("upload of " + blobId + " already ended"));
      }
      finished = true;
      if (received != announcedSize || (expectedSize != null && received != expectedSize)) {
        reservations.release(blobId);
        return Future.failedFuture(incomplete());
      }
      try {
        return Future.fromCompletionStage(blobs.putIfAbsent(blobId, framed, clock.instant(), storedElsewhere),
                vertx.getOrCreateContext())
            .<Long>map(stored -> (long) announcedSize)
            .onComplete(done -> reservations.release(blobId));
      } catch (RuntimeException e) { // the store is closed
        reservations.release(blobId);
        return Future.failedFuture(e);
      }
    }

    @Override
    public Future<Void> abort() {
      if (!finished) {
        finished = true;
        reservations.release(blobId);
      }
      return Future.succeededFuture();
    }

    private ApiException incomplete() {
      return new ApiException(BlobErrorCode.INCOMPLETE_BODY, "Received " + (received > announcedSize ? "more than " : "")
          + Math.min(received, announcedSize) + " bytes; expected " + announcedSize + ". Nothing was stored.");
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture(); // the upload ends with commit or abort, not here
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this; // writes fail through their futures only
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false; // bounded by the announced size instead
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}

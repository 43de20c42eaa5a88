package dev.minicloud.storagenode.blob;

import dev.minicloud.common.concurrent.GroupCommitter;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Predicate;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Small blobs in a RocksDB database of their own ({@code <dataDir>/small-blobs}), and the only
 * class that imports RocksDB in this module. One key per blob, in the default column family:
 *
 * <pre>
 * key   = blob id (US-ASCII; RocksDB's bytewise order is then the id order the listing needs)
 * value = 8-byte big-endian epoch millis of the commit (the listing's modifiedAt), then the bytes
 * </pre>
 *
 * A blob is written with {@code sync=true}: it becomes visible and durable (the write-ahead log
 * fsynced) at once, and a crash leaves it whole or absent. Concurrent puts share one WAL fsync
 * ({@link #putIfAbsent}'s group commit, on a thread of its own): that is why small blobs live here
 * rather than in files, where each one costs two fsyncs and a rename.
 *
 * <p>Everything else blocks; callers run it on worker threads (or, for a point read, on the event
 * loop: microseconds). Thread-safe: operations run under a shared
 * lock and {@link #close} takes it exclusively, so no native object is used while or after it is
 * freed (a write still running when the node stops finishes first; later calls fail).
 */
public final class SmallBlobs implements AutoCloseable {

  /** Bytes before the blob's own in every value: the commit time in epoch millis. */
  public static final int HEADER_BYTES = Long.BYTES;

  /** Memtable size: 8 MiB holds ~2,000 blobs of 4 KiB before a flush; two of them at most. */
  static final long WRITE_BUFFER_BYTES = 8L << 20;
  static final int MAX_WRITE_BUFFERS = 2;
  /** Block cache for recently read blobs, index and filter blocks; the OS page cache does the rest. */
  static final long BLOCK_CACHE_BYTES = 8L << 20;
  /** The WAL is recycled once it holds this much: bounds replay time after a crash. */
  static final long MAX_TOTAL_WAL_BYTES = 64L << 20;
  /** Bloom filter: every PUT first checks that its new (random) id is absent, a lookup that misses. */
  static final double BLOOM_BITS_PER_KEY = 10.0;

  static {
    RocksDB.loadLibrary(); // once per class loader, as the control plane's metadata store does
  }

  private final Path dir;
  private final Deque<AbstractNativeReference> natives;
  private final RocksDB db;
  private final WriteOptions syncedWrites;
  private final WriteOptions unsyncedWrites;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock
  private final GroupCommitter<PendingPut> committer;
  /** Most puts written as one batch (at most 128 KiB each). */
  private static final int MAX_GROUP = 64;

  private SmallBlobs(Path dir, Deque<AbstractNativeReference> natives, RocksDB db, WriteOptions syncedWrites,
      WriteOptions unsyncedWrites) {
    this.dir = dir;
    this.natives = natives;
    this.db = db;
    this.syncedWrites = syncedWrites;
    this.unsyncedWrites = unsyncedWrites;
    this.committer = new GroupCommitter<>("small-blobs-commit", MAX_GROUP, this::commit);
  }

  /**
   * Opens (creating if needed) the database in {@code dir}; its parent must exist. Modest options:
   * the node may share a JVM with the control plane. No compression: object bytes are opaque and
   * often compressed already, so compressing them again would cost CPU for little.
   */
  public static SmallBlobs open(Path dir) throws RocksDBException {
    Path absolute = Objects.requireNonNull(dir, "dir").toAbsolutePath();
    Deque<AbstractNativeReference> natives = new ArrayDeque<>(); // released newest first
    try {
      LRUCache cache = add(natives, new LRUCache(BLOCK_CACHE_BYTES));
      BloomFilter bloom = add(natives, new BloomFilter(BLOOM_BITS_PER_KEY));
      Options options = add(natives, new Options()
          .setCreateIfMissing(true)
          .setTableFormatConfig(new BlockBasedTableConfig()
              .setBlockCache(cache)
              .setFilterPolicy(bloom)
              .setCacheIndexAndFilterBlocks(true)
              .setPinL0FilterAndIndexBlocksInCache(true))
          .setCompressionType(CompressionType.NO_COMPRESSION)
          .setWriteBufferSize(WRITE_BUFFER_BYTES)
          .setMaxWriteBufferNumber(MAX_WRITE_BUFFERS)
          .setLevelCompactionDynamicLevelBytes(true)
          .setMaxBackgroundJobs(2)
          .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
          .setKeepLogFileNum(5)
          .setMaxLogFileSize(16L << 20));
      RocksDB db = add(natives, RocksDB.open(options, absolute.toString()));
      WriteOptions synced = add(natives, new WriteOptions().setSync(true));
      WriteOptions unsynced = add(natives, new WriteOptions().setSync(false));
      return new SmallBlobs(absolute, natives, db, synced, unsynced);
    } catch (RocksDBException | RuntimeException | Error e) {
      release(natives);
      throw e;
    }
  }

  private static <T extends AbstractNativeReference> T add(Deque<AbstractNativeReference> natives, T resource) {
    natives.push(resource);
    return resource;
  }

  public Path directory() {
    return dir;
  }

  /** Whether {@code blobId} is stored here. */
  public boolean contains(String blobId) {
    lock.readLock().lock();
    try {
      requireOpen();
      return db.keyExists(key(blobId));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Stores a blob through the group commit and waits until it is durable: {@link #putIfAbsent}
   * for callers that may block; a taken id fails with {@link BlobErrorCode#blobExists}.
   *
   * @param framed {@link #HEADER_BYTES} reserved at the front (filled here), then the blob's bytes
   */
  public void put(String blobId, byte[] framed, Instant modifiedAt) throws RocksDBException {
    try {
      putIfAbsent(blobId, framed, modifiedAt, id -> false).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RocksDBException failure) {
        throw failure;
      }
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** One put queued for {@link #putIfAbsent}'s group commit. */
  private record PendingPut(String blobId, byte[] framed, Instant modifiedAt, Predicate<String> takenElsewhere,
      CompletableFuture<Void> done) {}

  /**
   * Stores a blob durably unless its id is taken (here, by an earlier put of the same group, or
   * where {@code takenElsewhere} says: checked on the committing thread, it may block), without
   * blocking the caller: the put joins the next group commit, one synced write for every put queued
   * while the previous one was being written. Completes, on the committing thread, once durable, or
   * with {@link BlobErrorCode#blobExists} or the store's failure.
   *
   * @param framed {@link #HEADER_BYTES} reserved at the front (filled here), then the blob's bytes
   */
  public CompletableFuture<Void> putIfAbsent(String blobId, byte[] framed, Instant modifiedAt,
      Predicate<String> takenElsewhere) {
    if (framed.length < HEADER_BYTES) {
      throw new IllegalArgumentException("no room for the header");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    committer.submit(new PendingPut(BlobIds.requireValid(blobId), framed, modifiedAt, takenElsewhere, done));
    return done;
  }

  private void commit(List<PendingPut> group) {
    List<PendingPut> accepted = new ArrayList<>(group.size());
    Set<String> ids = new HashSet<>();
    lock.readLock().lock();
    try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
      requireOpen();
      for (PendingPut put : group) {
        byte[] key = key(put.blobId());
        if (!ids.add(put.blobId()) || db.keyExists(key) || put.takenElsewhere().test(put.blobId())) {
          put.done().completeExceptionally(BlobErrorCode.blobExists(put.blobId()));
          continue;
        }
        ByteBuffer.wrap(put.framed()).putLong(0, put.modifiedAt().toEpochMilli());
        batch.put(key, put.framed());
        accepted.add(put);
      }
      if (!accepted.isEmpty()) {
        db.write(syncedWrites, batch);
      }
    } catch (RocksDBException | RuntimeException e) {
      group.forEach(put -> put.done().completeExceptionally(e)); // no-op for those already refused
      return;
    } finally {
      lock.readLock().unlock();
    }
    accepted.forEach(put -> put.done().complete(null));
  }

  /** The blob's bytes, or null when it is not stored here. */
  public OpenBlob.InMemory read(String blobId) throws RocksDBException {
    byte[] value;
    lock.readLock().lock();
    try {
      requireOpen();
      value = db.get(key(blobId));
    } finally {
      lock.readLock().unlock();
    }
    return value == null ? null : new OpenBlob.InMemory(Buffer.buffer(value).slice(HEADER_BYTES, value.length));
  }

  /**
   * Deletes a blob; true if it existed. Not synced, like a file delete: a delete lost in a crash
   * leaves an orphan, which the control plane's collector finds and deletes again.
   */
  public boolean delete(String blobId) throws RocksDBException {
    byte[] key = key(blobId);
    lock.readLock().lock();
    try {
      requireOpen();
      if (!db.keyExists(key)) {
        return false;
      }
      db.delete(unsyncedWrites, key);
      return true;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Up to {@code limit} blobs with ids greater than {@code after} (null: from the first), in
   * ascending id order. Reads only each value's header (the iterator copies at most that many bytes
   * into Java) and does not fill the block cache: the collector's walk should not evict hot blobs.
   */
  public BlobPage list(String after, int limit) throws RocksDBException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    List<BlobInfo> page = new ArrayList<>(Math.min(limit, 1024) + 1);
    lock.readLock().lock();
    try (ReadOptions scan = new ReadOptions().setFillCache(false)) {
      requireOpen();
      try (RocksIterator it = db.newIterator(scan)) {
        byte[] afterKey = after == null ? null : key(after);
        if (afterKey == null) {
          it.seekToFirst();
        } else {
          it.seek(afterKey);
          if (it.isValid() && Arrays.equals(it.key(), afterKey)) {
            it.next();
          }
        }
        byte[] header = new byte[HEADER_BYTES];
        for (; it.isValid(); it.next()) {
          int valueLength = it.value(header);
          if (valueLength < HEADER_BYTES) {
            throw new IllegalStateException("small blob value without a header in " + dir);
          }
          String blobId = new String(it.key(), StandardCharsets.US_ASCII);
          page.add(new BlobInfo(blobId, valueLength - HEADER_BYTES,
              Instant.ofEpochMilli(ByteBuffer.wrap(header).getLong(0))));
          if (page.size() > limit) { // one more than asked: proves there is a next page
            page.remove(limit);
            return new BlobPage(page, page.get(limit - 1).blobId());
          }
        }
        it.status(); // throws if the scan stopped on an error rather than at the end
      }
    } finally {
      lock.readLock().unlock();
    }
    return new BlobPage(page, null);
  }

  /**
   * Commits the puts queued so far, then closes the database (its synced writes are all in the WAL
   * already). Idempotent.
   */
  @Override
  public void close() {
    committer.close();
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      release(natives);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the small blob store " + dir + " is closed");
    }
  }

  private static byte[] key(String blobId) {
    return BlobIds.requireValid(blobId).getBytes(StandardCharsets.US_ASCII);
  }

  /** Releases newest first: the database before the options it was opened with. */
  private static void release(Deque<AbstractNativeReference> natives) {
    while (!natives.isEmpty()) {
      natives.pop().close();
    }
  }
}

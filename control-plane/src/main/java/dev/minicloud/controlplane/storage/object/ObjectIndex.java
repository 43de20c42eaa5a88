package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.concurrent.GroupCommitter;
import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.Entry;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The object index: one OBJECTS entry per object, keyed {@code bucket 0x00 key} so that a bucket's
 * objects are one contiguous range in key order and ListObjects is a range scan. Keys are bytes
 * (UTF-8), never paths. Each bucket's totals (bytes, objects) are kept beside it in BUCKET_TOTALS,
 * committed in the same batch as the changes that move them, so they are exact across crashes.
 */
public final class ObjectIndex implements AutoCloseable {

  private final MetadataStore store;
  private final JsonRecords records;
  /** Most writes committed as one batch. */
  private static final int MAX_GROUP = 256;
  private GroupCommitter<Change> committer; // guarded by this
  private boolean closed; // guarded by this

  public ObjectIndex(MetadataStore store) {
    this.store = store;
    this.records = new JsonRecords(store);
  }

  /** A bucket's object bytes and count (parts of uncompleted multipart uploads not included). */
  public record Totals(long bytes, long objects) {
    public Totals plus(Totals more) {
      return new Totals(bytes + more.bytes, objects + more.objects);
    }
  }

  /** Only the size of an object record is read when counting (the rest of the JSON is skipped). */
  private record SizeOnly(long size) {}

  /**
   * The bucket's totals as of the last commit: one read. A bucket whose objects were written
   * before totals were kept has no entry until its next change; it is counted by a scan.
   */
  public Totals totals(String bucket) {
    return records.get(Table.BUCKET_TOTALS, bucket, Totals.class).orElseGet(() -> count(bucket));
  }

  private Totals count(String bucket) {
    long bytes = 0;
    long count = 0;
    try (CloseableIterator<Entry> objects = scan(bucket, "", null)) {
      while (objects.hasNext()) {
        bytes += records.decode(Table.OBJECTS, objects.next().value(), SizeOnly.class).size();
        count++;
      }
    }
    return new Totals(bytes, count);
  }

  public Optional<ObjectRecord> get(String bucket, String key) {
    return store.get(Table.OBJECTS, indexKey(bucket, key)).map(v -> records.decode(Table.OBJECTS, v, ObjectRecord.class));
  }

  /** Stores (replaces) an object version; durable on return. Blocking. */
  public void put(String bucket, ObjectRecord object) {
    replace(bucket, object);
  }

  /**
   * Stores {@code object} and returns the version it replaced, whose bytes the caller releases.
   * Durable on return; two concurrent writes of one key both see a correct "previous". Blocking.
   */
  public Optional<ObjectRecord> replace(String bucket, ObjectRecord object) {
    return await(replaceAsync(bucket, object, batch -> { }));
  }

  /**
   * As {@link #replace(String, ObjectRecord)}, committing {@code alsoWrite}'s operations in the
   * same atomic batch (a completed multipart upload's records disappear with it). Blocking.
   */
  public Optional<ObjectRecord> replace(String bucket, ObjectRecord object, Consumer<WriteBatch> alsoWrite) {
    return await(replaceAsync(bucket, object, alsoWrite));
  }

  /**
   * As {@link #replace(String, ObjectRecord)} without blocking: completes, on the committing
   * thread, once the write is durable (for callers on an event loop).
   */
  public CompletableFuture<Optional<ObjectRecord>> replaceAsync(String bucket, ObjectRecord object) {
    return replaceAsync(bucket, object, batch -> { });
  }

  private CompletableFuture<Optional<ObjectRecord>> replaceAsync(String bucket, ObjectRecord object,
      Consumer<WriteBatch> alsoWrite) {
    return write(bucket, object.key(), before -> Optional.of(object), alsoWrite).thenApply(c -> c.before);
  }

  /** Applies {@code change} to the object if it exists, atomically with respect to other writers. Blocking. */
  public Optional<ObjectRecord> update(String bucket, String key, UnaryOperator<ObjectRecord> change) {
    return await(write(bucket, key, before -> before.map(change), batch -> { }).thenApply(c -> c.after));
  }

  /** Deletes the object and returns what was there. Blocking. */
  public Optional<ObjectRecord> remove(String bucket, String key) {
    return await(write(bucket, key, before -> Optional.empty(), batch -> { }).thenApply(c -> c.before));
  }

  private CompletableFuture<Change> write(String bucket, String key,
      Function<Optional<ObjectRecord>, Optional<ObjectRecord>> next, Consumer<WriteBatch> alsoWrite) {
    Change change = new Change(bucket, key, next, alsoWrite);
    writes().submit(change);
    return change.done;
  }

  /** Stops the committing thread once what was submitted is committed (before the store closes). */
  @Override
  public void close() {
    GroupCommitter<Change> started;
    synchronized (this) {
      started = committer;
      closed = true;
    }
    if (started != null) {
      started.close();
    }
  }

  /** The committer, started by the first write (an index only read from has no thread). */
  private synchronized GroupCommitter<Change> writes() {
    if (closed) {
      throw new IllegalStateException("object index closed");
    }
    if (committer == null) {
      committer = new GroupCommitter<>("object-index-commit", MAX_GROUP, this::commit);
    }
    return committer;
  }

  private static <T> T await(CompletableFuture<T> result) {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** One write of one object: the version after it, given the one before (empty: none, or delete). */
  private static final class Change {
    final String bucket;
    final String key;
    final Function<Optional<ObjectRecord>, Optional<ObjectRecord>> next;
    final Consumer<WriteBatch> alsoWrite;
    final CompletableFuture<Change> done = new CompletableFuture<>();
    Optional<ObjectRecord> before = Optional.empty();
    Optional<ObjectRecord> after = Optional.empty();

    Change(String bucket, String key, Function<Optional<ObjectRecord>, Optional<ObjectRecord>> next,
        Consumer<WriteBatch> alsoWrite) {
      this.bucket = bucket;
      this.key = key;
      this.next = next;
      this.alsoWrite = alsoWrite;
    }
  }

  /**
   * Commits one group on the committing thread. Every write is a read-modify-write of one key (the
   * caller needs the version it replaced), so writes are applied one after the other, in order (a
   * later change of a key sees the earlier one of the same group), and all of them go to disk as
   * one synced batch: the writes queued during the previous fsync share the next. One at a time,
   * each waiting for its own fsync under a lock, capped PUTs at one per fsync. The buckets'
   * totals move in the same batch; this thread is their only writer.
   */
  private void commit(List<Change> group) {
    Map<String, Optional<ObjectRecord>> written = new HashMap<>(); // this group's, by index key
    Map<String, Totals> moved = new HashMap<>(); // bytes and objects added, by bucket
    List<Change> applied = new ArrayList<>(group.size());
    WriteBatch batch = new WriteBatch();
    for (Change c : group) {
      byte[] indexKey = indexKey(c.bucket, c.key);
      String id = new String(indexKey, StandardCharsets.ISO_8859_1);
      try {
        c.before = written.containsKey(id) ? written.get(id) : get(c.bucket, c.key);
        c.after = c.next.apply(c.before);
        WriteBatch own = new WriteBatch();
        if (c.after.isPresent()) {
          own.put(Table.OBJECTS, indexKey, records.encode(c.after.get()));
        } else if (c.before.isPresent()) {
          own.delete(Table.OBJECTS, indexKey);
        }
        c.alsoWrite.accept(own);
        batch.addAll(own);
        written.put(id, c.after);
        applied.add(c);
        moved.merge(c.bucket, new Totals(size(c.after) - size(c.before),
            (c.after.isPresent() ? 1 : 0) - (c.before.isPresent() ? 1 : 0)), Totals::plus);
      } catch (RuntimeException e) {
        c.done.completeExceptionally(e); // this change only: the others go ahead
      }
    }
    try {
      moved.forEach((bucket, delta) -> {
        if (delta.bytes() != 0 || delta.objects() != 0) {
          records.putInto(batch, Table.BUCKET_TOTALS, bucket, totals(bucket).plus(delta));
        }
      });
      store.commit(batch);
    } catch (RuntimeException e) {
      applied.forEach(c -> c.done.completeExceptionally(e));
      return;
    }
    applied.forEach(c -> c.done.complete(c));
  }

  private static long size(Optional<ObjectRecord> object) {
    return object.map(ObjectRecord::size).orElse(0L);
  }

  public boolean isEmpty(String bucket) {
    try (CloseableIterator<Entry> any = store.scan(Table.OBJECTS, KeyRange.prefix(bucketPrefix(bucket)))) {
      return !any.hasNext();
    }
  }

  /**
   * The bucket's objects whose keys start with {@code prefix}, from the first key strictly after
   * {@code after} (null: from the start), in UTF-8 byte order (S3's listing order).
   */
  public CloseableIterator<Entry> scan(String bucket, String prefix, String after) {
    byte[] from = indexKey(bucket, prefix);
    if (after != null) {
      byte[] successor = KeyRange.successor(indexKey(bucket, after));
      if (KeyRange.compare(successor, from) > 0) {
        from = successor;
      }
    }
    return store.scan(Table.OBJECTS, from, KeyRange.prefixEnd(indexKey(bucket, prefix)));
  }

  /**
   * The bucket's objects whose keys start with {@code prefix}, from {@code fromKey} inclusive
   * (null: from the start of the prefix).
   */
  public CloseableIterator<Entry> scanFrom(String bucket, String prefix, byte[] fromIndexKey) {
    byte[] from = indexKey(bucket, prefix);
    if (fromIndexKey != null && KeyRange.compare(fromIndexKey, from) > 0) {
      from = fromIndexKey;
    }
    return store.scan(Table.OBJECTS, from, KeyRange.prefixEnd(indexKey(bucket, prefix)));
  }

  /** The first index key after every key that starts with {@code keyPrefix} (to skip a rolled-up prefix). */
  public static byte[] pastPrefix(String bucket, String keyPrefix) {
    return KeyRange.prefixEnd(indexKey(bucket, keyPrefix));
  }

  /** The first index key strictly after {@code key}. */
  public static byte[] after(String bucket, String key) {
    return KeyRange.successor(indexKey(bucket, key));
  }

  public ObjectRecord decode(Entry entry) {
    return records.decode(Table.OBJECTS, entry.value(), ObjectRecord.class);
  }

  /** The object key of an index entry of {@code bucket}. */
  public static String objectKey(String bucket, Entry entry) {
    int offset = bucket.getBytes(StandardCharsets.UTF_8).length + 1;
    return new String(Arrays.copyOfRange(entry.key(), offset, entry.key().length), StandardCharsets.UTF_8);
  }

  static byte[] bucketPrefix(String bucket) {
    byte[] b = bucket.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(b, b.length + 1); // trailing 0x00 separator
  }

  static byte[] indexKey(String bucket, String key) {
    byte[] prefix = bucketPrefix(bucket);
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(prefix, prefix.length + k.length);
    System.arraycopy(k, 0, out, prefix.length, k.length);
    return out;
  }
}

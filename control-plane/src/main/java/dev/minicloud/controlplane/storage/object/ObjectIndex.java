package dev.minicloud.controlplane.storage.object;

import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.Entry;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The object index: one OBJECTS entry per object, keyed {@code bucket 0x00 key} so that a bucket's
 * objects are one contiguous range in key order and ListObjects is a range scan. Keys are bytes
 * (UTF-8), never paths.
 */
public final class ObjectIndex {

  private final MetadataStore store;
  private final JsonRecords records;

  public ObjectIndex(MetadataStore store) {
    this.store = store;
    this.records = new JsonRecords(store);
  }

  public Optional<ObjectRecord> get(String bucket, String key) {
    return store.get(Table.OBJECTS, indexKey(bucket, key)).map(v -> records.decode(Table.OBJECTS, v, ObjectRecord.class));
  }

  /** Stores (replaces) an object version; durable on return. */
  public void put(String bucket, ObjectRecord object) {
    store.put(Table.OBJECTS, indexKey(bucket, object.key()), records.encode(object));
  }

  /**
   * Stores {@code object} and returns the version it replaced, whose bytes the caller releases.
   * Serialised per index so two concurrent PUTs of one key both see a correct "previous".
   */
  public synchronized Optional<ObjectRecord> replace(String bucket, ObjectRecord object) {
    Optional<ObjectRecord> previous = get(bucket, object.key());
    put(bucket, object);
    return previous;
  }

  /** Applies {@code change} to the object if it exists, atomically with respect to other writers. */
  public synchronized Optional<ObjectRecord> update(String bucket, String key,
      java.util.function.UnaryOperator<ObjectRecord> change) {
    Optional<ObjectRecord> updated = get(bucket, key).map(change);
    updated.ifPresent(o -> put(bucket, o));
    return updated;
  }

  /** Deletes the object and returns what was there. */
  public synchronized Optional<ObjectRecord> remove(String bucket, String key) {
    Optional<ObjectRecord> previous = get(bucket, key);
    previous.ifPresent(p -> delete(bucket, key));
    return previous;
  }

  public void delete(String bucket, String key) {
    store.delete(Table.OBJECTS, indexKey(bucket, key));
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

  /** The OBJECTS table key of an object (for atomic batches that include an object write). */
  public static byte[] indexKeyOf(String bucket, String key) {
    return indexKey(bucket, key);
  }

  static byte[] indexKey(String bucket, String key) {
    byte[] prefix = bucketPrefix(bucket);
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(prefix, prefix.length + k.length);
    System.arraycopy(k, 0, out, prefix.length, k.length);
    return out;
  }
}

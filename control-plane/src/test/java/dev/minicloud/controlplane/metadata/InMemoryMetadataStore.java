package dev.minicloud.controlplane.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link MetadataStore} in memory, for unit tests of features that store metadata: one TreeMap per
 * table ordered like RocksDB (unsigned bytes). Thread-safe (one monitor). A scan copies its range
 * when it starts, giving the same point-in-time view as a RocksDB iterator. Writes are counted, and
 * {@link #failNextWrites} injects failures.
 */
public final class InMemoryMetadataStore implements MetadataStore {

    private final Map<Table, NavigableMap<byte[], byte[]>> tables = new EnumMap<>(Table.class);
    private boolean open = true;
    private int failingWrites;
    private long writes;

    public InMemoryMetadataStore() {
        for (Table table : Table.values()) {
            tables.put(table, new TreeMap<>(Arrays::compareUnsigned));
        }
    }

    @Override
    public synchronized Optional<byte[]> get(Table table, byte[] key) {
        Objects.requireNonNull(key, "key");
        byte[] value = table(table).get(key);
        return Optional.ofNullable(value == null ? null : value.clone());
    }

    @Override
    public synchronized void put(Table table, byte[] key, byte[] value) {
        commit(new WriteBatch().put(table, key, value));
    }

    @Override
    public synchronized void delete(Table table, byte[] key) {
        commit(new WriteBatch().delete(table, key));
    }

    @Override
    public synchronized void commit(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        checkOpen();
        if (failingWrites > 0) {
            failingWrites--;
            throw new MetadataStoreException("IOError", "injected write failure");
        }
        for (WriteBatch.Operation op : batch.operations()) {
            table(op.table()); // validates every table before changing anything
        }
        for (WriteBatch.Operation op : batch.operations()) {
            if (op instanceof WriteBatch.Put put) {
                tables.get(put.table()).put(put.key().clone(), put.value().clone());
            } else {
                tables.get(op.table()).remove(op.key());
            }
        }
        writes++;
    }

    @Override
    public synchronized CloseableIterator<Entry> scan(Table table, KeyRange range) {
        Objects.requireNonNull(range, "range");
        NavigableMap<byte[], byte[]> map = table(table);
        List<Entry> entries = new ArrayList<>();
        if (!range.isEmpty()) {
            byte[] to = range.toExclusive();
            NavigableMap<byte[], byte[]> slice = to == null
                    ? map.tailMap(range.from(), true)
                    : map.subMap(range.from(), true, to, false);
            slice.forEach((k, v) -> entries.add(new Entry(k.clone(), v.clone())));
        }
        Iterator<Entry> iterator = entries.iterator();
        return new CloseableIterator<>() {
            private boolean closed;

            @Override
            public boolean hasNext() {
                if (closed) {
                    return false;
                }
                if (!isOpen()) { // like RocksMetadataStore: closing the store aborts its scans
                    closed = true;
                    throw MetadataStoreException.closed();
                }
                return iterator.hasNext();
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return iterator.next();
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        open = false;
    }

    /** Makes the next {@code count} writes (put, delete or commit) fail without changing anything. */
    public synchronized void failNextWrites(int count) {
        failingWrites = count;
    }

    /** Successful writes so far (a batch counts once). */
    public synchronized long writeCount() {
        return writes;
    }

    private NavigableMap<byte[], byte[]> table(Table table) {
        Objects.requireNonNull(table, "table");
        checkOpen();
        return tables.get(table);
    }

    private void checkOpen() {
        if (!open) {
            throw MetadataStoreException.closed();
        }
    }
}

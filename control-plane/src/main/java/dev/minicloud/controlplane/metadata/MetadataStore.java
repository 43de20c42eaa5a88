package dev.minicloud.controlplane.metadata;

import java.util.Optional;

/**
 * All control-plane metadata: ordered key/value tables with atomic cross-table batches.
 *
 * <ul>
 *   <li>Keys are ordered by unsigned byte comparison; scans return keys in that order.</li>
 *   <li>Every write is durable when the method returns (the write-ahead log is fsynced): an
 *       acknowledged S3 write must survive a crash.</li>
 *   <li>A scan sees a consistent point-in-time view taken when it starts, and streams lazily; close
 *       it (try-with-resources) unless it was read to the end.</li>
 *   <li>Implementations are thread-safe. Any failure is a {@link MetadataStoreException}; so is any
 *       use after {@link #close()}.</li>
 *   <li>Arrays passed in are not retained; arrays returned belong to the caller.</li>
 * </ul>
 */
public interface MetadataStore extends AutoCloseable {

    /** The value stored under {@code key}, if any. */
    Optional<byte[]> get(Table table, byte[] key);

    /** Stores {@code value} under {@code key}, replacing any previous value; durable on return. */
    void put(Table table, byte[] key, byte[] value);

    /** Removes {@code key} if present; durable on return. */
    void delete(Table table, byte[] key);

    /** A new, empty batch to fill and pass to {@link #commit}. */
    default WriteBatch newBatch() {
        return new WriteBatch();
    }

    /** Applies every operation of {@code batch} atomically; durable on return. */
    void commit(WriteBatch batch);

    /**
     * Applies {@code batch} atomically without waiting for the disk: on return it is in the
     * write-ahead log (it survives a crash of the process, e.g. SIGKILL, and is replayed on open)
     * but not yet fsynced (a power loss may drop it) until {@link #syncWal()} or any synced write.
     * For high-rate records that tolerate that window (usage, audit); everything else uses
     * {@link #commit}. Implementations without a log may simply commit.
     */
    default void commitUnsynced(WriteBatch batch) {
        commit(batch);
    }

    /** Fsyncs the write-ahead log: every write accepted so far is durable on return. */
    default void syncWal() {
    }

    /** The entries whose keys lie in {@code range}, in ascending key order, read lazily. */
    CloseableIterator<Entry> scan(Table table, KeyRange range);

    /**
     * The entries with keys in {@code [fromInclusive, toExclusive)}, in ascending key order.
     *
     * @param fromInclusive first key (null or empty: from the start)
     * @param toExclusive end key, excluded (null: to the end of the table)
     */
    default CloseableIterator<Entry> scan(Table table, byte[] fromInclusive, byte[] toExclusive) {
        return scan(table, KeyRange.between(fromInclusive, toExclusive));
    }

    /** The entries whose keys start with {@code prefix}, in ascending key order. */
    default CloseableIterator<Entry> scanPrefix(Table table, byte[] prefix) {
        return scan(table, KeyRange.prefix(prefix));
    }

    /** Whether the store accepts operations (it has not been closed). */
    boolean isOpen();

    /** Releases every resource, closing scans still open; idempotent. */
    @Override
    void close();
}

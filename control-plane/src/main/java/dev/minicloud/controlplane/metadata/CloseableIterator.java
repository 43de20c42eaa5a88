package dev.minicloud.controlplane.metadata;

import java.util.Iterator;

/**
 * An iterator holding resources until it is exhausted or closed; use it in try-with-resources.
 * Not thread-safe: one thread at a time.
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

    /** Releases the iterator's resources; idempotent. Afterwards {@link #hasNext()} is false. */
    @Override
    void close();
}

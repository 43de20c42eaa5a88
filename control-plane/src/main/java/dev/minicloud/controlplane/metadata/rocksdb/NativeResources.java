package dev.minicloud.controlplane.metadata.rocksdb;

import java.util.ArrayDeque;
import java.util.Deque;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.RocksDBException;

/**
 * RocksDB native objects owned together, released in reverse order of registration (so a database
 * is closed before the options it was opened with, and handles before their database). Not
 * thread-safe: the owner serialises access.
 */
final class NativeResources {

    /** How to release one native object. */
    @FunctionalInterface
    interface Closer {
        void close() throws RocksDBException;
    }

    private final Deque<Closer> closers = new ArrayDeque<>();

    /** Registers {@code resource} to be released with {@link AbstractNativeReference#close()}. */
    <T extends AbstractNativeReference> T add(T resource) {
        closers.push(resource::close);
        return resource;
    }

    /** Registers {@code resource} to be released by {@code closer} (e.g. a database's closeE). */
    <T> T add(T resource, Closer closer) {
        closers.push(closer);
        return resource;
    }

    /**
     * Releases everything registered, newest first, even if some releases fail; the first failure
     * is thrown afterwards (later ones suppressed). Calling it again releases nothing.
     */
    void closeAll() throws RocksDBException {
        RocksDBException first = null;
        while (!closers.isEmpty()) {
            try {
                closers.pop().close();
            } catch (RocksDBException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

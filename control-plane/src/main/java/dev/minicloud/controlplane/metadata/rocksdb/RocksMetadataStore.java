package dev.minicloud.controlplane.metadata.rocksdb;

import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.Entry;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.MetadataStoreException;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MetadataStore} on one RocksDB database with one column family per {@link Table}.
 *
 * <p>Opening creates the database and any missing column families, and also opens column families
 * present on disk that no {@link Table} names (RocksDB refuses to open a database otherwise). Writes
 * use {@code sync=true}: the write-ahead log is fsynced before a write returns. Scans use a RocksDB
 * iterator (an implicit snapshot) bounded by {@code iterate_upper_bound}.
 *
 * <p>Thread-safe. Operations run under a shared lock and {@link #close()} takes it exclusively, so
 * no native object is used while or after it is freed. Scans still open at close are closed by it
 * (and report {@link MetadataStoreException#CODE_CLOSED} when used afterwards).
 */
public final class RocksMetadataStore implements MetadataStore {

    /** Shared LRU block cache for all column families. */
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 32L << 20;
    /** Memtable size per column family (12 tables: the total stays small). */
    public static final long DEFAULT_WRITE_BUFFER_BYTES = 8L << 20;
    /** WAL size that forces a flush of rarely written column families so old logs can go. */
    public static final long DEFAULT_MAX_TOTAL_WAL_BYTES = 64L << 20;
    /** Flushes and compactions in parallel (the target machine has 2 cores). */
    public static final int DEFAULT_MAX_BACKGROUND_JOBS = 2;
    /** Bloom filter bits per key (about 1% false positives). */
    public static final double DEFAULT_BLOOM_BITS_PER_KEY = 10.0;

    private static final Logger LOG = LoggerFactory.getLogger(RocksMetadataStore.class);

    private final Path dir;
    private final NativeResources resources;
    private final RocksDB db;
    private final Map<Table, ColumnFamilyHandle> handles;
    private final WriteOptions writeOptions;
    private final WriteOptions unsyncedWriteOptions;
    private final ReadOptions readOptions;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<Scan> openScans = ConcurrentHashMap.newKeySet();
    private boolean open = true; // guarded by lock

    private RocksMetadataStore(Path dir, NativeResources resources, RocksDB db,
            Map<Table, ColumnFamilyHandle> handles, WriteOptions writeOptions, WriteOptions unsyncedWriteOptions,
            ReadOptions readOptions) {
        this.dir = dir;
        this.resources = resources;
        this.db = db;
        this.handles = handles;
        this.writeOptions = writeOptions;
        this.unsyncedWriteOptions = unsyncedWriteOptions;
        this.readOptions = readOptions;
    }

    /**
     * Opens (creating if needed) the database in {@code dir}. A directory it creates is private to
     * the owner (0700 where POSIX permissions exist): metadata includes secret keys.
     */
    public static RocksMetadataStore open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        NativeLibrary.ensureLoaded();
        createPrivateDirectory(dir);
        String path = dir.toAbsolutePath().toString();
        NativeResources resources = new NativeResources();
        try {
            LRUCache blockCache = resources.add(new LRUCache(DEFAULT_BLOCK_CACHE_BYTES));
            BloomFilter bloomFilter = resources.add(new BloomFilter(DEFAULT_BLOOM_BITS_PER_KEY));
            BlockBasedTableConfig tableConfig = new BlockBasedTableConfig()
                    .setBlockCache(blockCache)
                    .setFilterPolicy(bloomFilter)
                    .setCacheIndexAndFilterBlocks(true)
                    .setPinL0FilterAndIndexBlocksInCache(true);
            ColumnFamilyOptions cfOptions = resources.add(new ColumnFamilyOptions())
                    .setTableFormatConfig(tableConfig)
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setWriteBufferSize(DEFAULT_WRITE_BUFFER_BYTES)
                    .setLevelCompactionDynamicLevelBytes(true);
            DBOptions dbOptions = resources.add(new DBOptions())
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(DEFAULT_MAX_BACKGROUND_JOBS)
                    .setMaxTotalWalSize(DEFAULT_MAX_TOTAL_WAL_BYTES)
                    .setKeepLogFileNum(5)
                    .setMaxLogFileSize(16L << 20);

            List<String> names = new ArrayList<>();
            names.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8));
            for (Table table : Table.values()) {
                names.add(table.columnFamilyName());
            }
            for (String existing : existingColumnFamilies(dir, path)) {
                if (!names.contains(existing)) {
                    LOG.warn("Metadata store {} has column family '{}' that no table uses; opening it anyway",
                            dir, existing);
                    names.add(existing);
                }
            }
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (String name : names) {
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
            }
            List<ColumnFamilyHandle> handleList = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, path, descriptors, handleList);
            resources.add(db, db::closeE);
            Map<Table, ColumnFamilyHandle> handles = new EnumMap<>(Table.class);
            for (int i = 0; i < handleList.size(); i++) {
                ColumnFamilyHandle handle = resources.add(handleList.get(i));
                Table.forColumnFamilyName(names.get(i)).ifPresent(table -> handles.put(table, handle));
            }
            WriteOptions writeOptions = resources.add(new WriteOptions()).setSync(true);
            WriteOptions unsyncedWriteOptions = resources.add(new WriteOptions()).setSync(false);
            ReadOptions readOptions = resources.add(new ReadOptions());
            return new RocksMetadataStore(dir, resources, db, handles, writeOptions, unsyncedWriteOptions, readOptions);
        } catch (RocksDBException e) {
            releaseAfterFailure(resources, e);
            throw translate("open", null, e);
        } catch (RuntimeException | Error e) {
            releaseAfterFailure(resources, e);
            throw e;
        }
    }

    /** The directory holding the database. */
    public Path directory() {
        return dir;
    }

    /** Scans not yet exhausted or closed (a leak indicator for tests and metrics). */
    public int openScanCount() {
        return openScans.size();
    }

    @Override
    public Optional<byte[]> get(Table table, byte[] key) {
        Objects.requireNonNull(key, "key");
        Lock shared = lockOpen();
        try {
            return Optional.ofNullable(db.get(handle(table), readOptions, key));
        } catch (RocksDBException e) {
            throw translate("get", table, e);
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void put(Table table, byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Lock shared = lockOpen();
        try {
            db.put(handle(table), writeOptions, key, value);
        } catch (RocksDBException e) {
            throw translate("put", table, e);
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void delete(Table table, byte[] key) {
        Objects.requireNonNull(key, "key");
        Lock shared = lockOpen();
        try {
            db.delete(handle(table), writeOptions, key);
        } catch (RocksDBException e) {
            throw translate("delete", table, e);
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void commit(WriteBatch batch) {
        write(batch, writeOptions, "commit");
    }

    @Override
    public void commitUnsynced(WriteBatch batch) {
        write(batch, unsyncedWriteOptions, "commitUnsynced");
    }

    @Override
    public void syncWal() {
        Lock shared = lockOpen();
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            throw translate("syncWal", null, e);
        } finally {
            shared.unlock();
        }
    }

    private void write(WriteBatch batch, WriteOptions options, String operation) {
        Objects.requireNonNull(batch, "batch");
        Lock shared = lockOpen();
        try {
            if (batch.isEmpty()) {
                return;
            }
            try (org.rocksdb.WriteBatch rocksBatch = new org.rocksdb.WriteBatch()) {
                for (WriteBatch.Operation op : batch.operations()) {
                    if (op instanceof WriteBatch.Put put) {
                        rocksBatch.put(handle(put.table()), put.key(), put.value());
                    } else {
                        rocksBatch.delete(handle(op.table()), op.key());
                    }
                }
                db.write(options, rocksBatch);
            }
        } catch (RocksDBException e) {
            throw translate(operation, null, e);
        } finally {
            shared.unlock();
        }
    }

    @Override
    public CloseableIterator<Entry> scan(Table table, KeyRange range) {
        Objects.requireNonNull(range, "range");
        Lock shared = lockOpen();
        try {
            ColumnFamilyHandle handle = handle(table);
            Scan scan = new Scan(table);
            try {
                byte[] upper = range.toExclusive();
                scan.readOptions = new ReadOptions();
                if (upper != null) {
                    scan.upperBound = new Slice(upper);
                    scan.readOptions.setIterateUpperBound(scan.upperBound);
                }
                scan.iterator = db.newIterator(handle, scan.readOptions);
                scan.iterator.seek(range.from());
            } catch (RuntimeException | Error e) {
                scan.release();
                throw e;
            }
            openScans.add(scan);
            return scan;
        } finally {
            shared.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        Lock shared = lock.readLock();
        shared.lock();
        try {
            return open;
        } finally {
            shared.unlock();
        }
    }

    /**
     * Closes open scans, then the column family handles and the database (flushing memtables), then
     * the options, filter and cache. Idempotent; waits for operations in progress to finish.
     */
    @Override
    public void close() {
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            if (!open) {
                return;
            }
            open = false;
            List<Scan> leaked = new ArrayList<>(openScans);
            if (!leaked.isEmpty()) {
                LOG.warn("Closing metadata store {} with {} scan(s) never closed", dir, leaked.size());
            }
            for (Scan scan : leaked) {
                scan.abort();
            }
            resources.closeAll();
        } catch (RocksDBException e) {
            throw translate("close", null, e);
        } finally {
            exclusive.unlock();
        }
    }

    /** Takes the shared lock, throwing if the store is closed. The caller must unlock it. */
    private Lock lockOpen() {
        Lock shared = lock.readLock();
        shared.lock();
        if (!open) {
            shared.unlock();
            throw MetadataStoreException.closed();
        }
        return shared;
    }

    private ColumnFamilyHandle handle(Table table) {
        Objects.requireNonNull(table, "table");
        return handles.get(table);
    }

    /** A RocksDB status as our exception: operation, table and status code, never keys or values. */
    static MetadataStoreException translate(String operation, Table table, RocksDBException e) {
        Status status = e.getStatus();
        String code = status == null ? "Unknown" : status.getCode().name();
        StringBuilder message = new StringBuilder("RocksDB ").append(operation);
        if (table != null) {
            message.append(" on table ").append(table.columnFamilyName());
        }
        message.append(" failed: status ").append(code);
        if (status != null && status.getSubCode() != null && status.getSubCode() != Status.SubCode.None) {
            message.append(" (").append(status.getSubCode().name()).append(')');
        }
        return new MetadataStoreException(code, message.toString(), e);
    }

    private static void releaseAfterFailure(NativeResources resources, Throwable failure) {
        try {
            resources.closeAll();
        } catch (RocksDBException e) {
            failure.addSuppressed(e);
        }
    }

    private static List<String> existingColumnFamilies(Path dir, String path) throws RocksDBException {
        List<String> names = new ArrayList<>();
        if (!Files.exists(dir.resolve("CURRENT"))) {
            return names; // a new database
        }
        try (Options options = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, path)) {
                names.add(new String(name, StandardCharsets.UTF_8));
            }
        }
        return names;
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            if (dir.toAbsolutePath().getParent() != null) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create metadata directory " + dir, e);
        }
    }

    /** Loads the RocksDB native library once per class loader. */
    private static final class NativeLibrary {
        static {
            RocksDB.loadLibrary();
        }

        static void ensureLoaded() {
            // Class initialisation above runs exactly once.
        }
    }

    /**
     * A lazy scan over one column family. It owns a ReadOptions, an optional upper-bound Slice and
     * the iterator, released when exhausted, closed, or aborted by the store's close. Methods take
     * the store's shared lock before this object's monitor (close takes the exclusive lock first,
     * then monitors), so the lock order is always the same.
     */
    private final class Scan implements CloseableIterator<Entry> {
        private final Table table;
        private ReadOptions readOptions;
        private Slice upperBound;
        private RocksIterator iterator;
        private Entry next;
        private boolean released;
        private boolean aborted;

        Scan(Table table) {
            this.table = table;
        }

        @Override
        public boolean hasNext() {
            Lock shared = lock.readLock();
            shared.lock();
            try {
                synchronized (this) {
                    if (next == null && !released) {
                        advance();
                    }
                    if (next == null && aborted) {
                        throw MetadataStoreException.closed();
                    }
                    return next != null;
                }
            } finally {
                shared.unlock();
            }
        }

        @Override
        public Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            synchronized (this) {
                Entry entry = next;
                next = null;
                return entry;
            }
        }

        @Override
        public void close() {
            Lock shared = lock.readLock();
            shared.lock();
            try {
                synchronized (this) {
                    next = null;
                    aborted = false; // closed by its owner: from now on simply exhausted
                    release();
                }
            } finally {
                shared.unlock();
            }
        }

        /** Reads the current entry and steps past it; at the end, checks status and releases. */
        private void advance() {
            if (iterator.isValid()) {
                next = new Entry(iterator.key(), iterator.value());
                iterator.next();
                return;
            }
            try {
                iterator.status();
            } catch (RocksDBException e) {
                release();
                throw translate("scan", table, e);
            }
            release();
        }

        /** Called by the store's close, under its exclusive lock. */
        synchronized void abort() {
            aborted = true;
            next = null;
            release();
        }

        /** Frees the native objects once: iterator, then its read options, then the bound. */
        synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            openScans.remove(this);
            if (iterator != null) {
                iterator.close();
            }
            if (readOptions != null) {
                readOptions.close();
            }
            if (upperBound != null) {
                upperBound.close();
            }
        }
    }
}

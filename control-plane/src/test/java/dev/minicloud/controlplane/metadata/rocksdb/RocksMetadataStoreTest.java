package dev.minicloud.controlplane.metadata.rocksdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.Entry;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.MetadataStoreException;
import dev.minicloud.controlplane.metadata.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** RocksDB-specific behaviour: files on disk, column families, native resource handling. */
class RocksMetadataStoreTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        Path dir = tmp.resolve("db");
        try (RocksMetadataStore store = RocksMetadataStore.open(dir)) {
            store.put(Table.ACCOUNTS, bytes("acct-1"), bytes("alice"));
            store.commit(store.newBatch()
                    .put(Table.BUCKETS, bytes("b"), bytes("bucket"))
                    .put(Table.OBJECTS, bytes("b/\u00e9t\u00e9"), bytes("obj")));
            store.delete(Table.ACCOUNTS, bytes("gone"));
        }
        try (RocksMetadataStore store = RocksMetadataStore.open(dir)) {
            assertArrayEquals(bytes("alice"), store.get(Table.ACCOUNTS, bytes("acct-1")).orElseThrow());
            assertArrayEquals(bytes("bucket"), store.get(Table.BUCKETS, bytes("b")).orElseThrow());
            assertArrayEquals(bytes("obj"), store.get(Table.OBJECTS, bytes("b/\u00e9t\u00e9")).orElseThrow());
        }
    }

    @Test
    void newDirectoryIsPrivateToTheOwner() throws Exception {
        Path dir = tmp.resolve("parent").resolve("db");
        try (RocksMetadataStore store = RocksMetadataStore.open(dir)) {
            assertEquals(dir, store.directory());
        }
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        }
    }

    @Test
    void opensAnOlderDatabaseWithFewerColumnFamiliesAndAddsTheMissingOnes() throws RocksDBException {
        Path dir = tmp.resolve("old");
        createDatabase(dir, List.of("settings", "accounts"), "accounts", "acct-1", "from-v1");

        try (RocksMetadataStore store = RocksMetadataStore.open(dir)) {
            assertArrayEquals(bytes("from-v1"), store.get(Table.ACCOUNTS, bytes("acct-1")).orElseThrow());
            store.put(Table.AUDIT, bytes("e1"), bytes("new table works"));
        }
        Set<String> families = new HashSet<>(listColumnFamilies(dir));
        for (Table table : Table.values()) {
            assertTrue(families.contains(table.columnFamilyName()), table + " was created");
        }
        try (RocksMetadataStore store = RocksMetadataStore.open(dir)) {
            assertArrayEquals(bytes("new table works"), store.get(Table.AUDIT, bytes("e1")).orElseThrow());
        }
    }

    @Test
    void opensADatabaseWithAColumnFamilyNoTableNames() throws RocksDBException {
        Path dir = tmp.resolve("future");
        List<String> all = new ArrayList<>();
        for (Table table : Table.values()) {
            all.add(table.columnFamilyName());
        }
        all.add("retired_table");
        createDatabase(dir, all, "retired_table", "k", "v");
        try (RocksMetadataStore store = RocksMetadataStore.open(dir)) {
            store.put(Table.SETTINGS, bytes("k"), bytes("v"));
            assertTrue(store.get(Table.SETTINGS, bytes("k")).isPresent());
        }
        assertTrue(listColumnFamilies(dir).contains("retired_table"), "unknown families are kept");
    }

    @Test
    void closingTwiceIsSafe() {
        RocksMetadataStore store = RocksMetadataStore.open(tmp.resolve("db"));
        store.put(Table.SETTINGS, bytes("a"), bytes("b"));
        store.close();
        assertDoesNotThrow(store::close);
        assertFalse(store.isOpen());
    }

    @Test
    void scansLeftOpenAreClosedByTheStore() {
        RocksMetadataStore store = RocksMetadataStore.open(tmp.resolve("db"));
        for (int i = 0; i < 100; i++) {
            store.put(Table.OBJECTS, bytes("k" + i), bytes("v" + i));
        }
        CloseableIterator<Entry> started = store.scan(Table.OBJECTS, KeyRange.all());
        started.next();
        CloseableIterator<Entry> untouched = store.scanPrefix(Table.OBJECTS, bytes("k1"));
        CloseableIterator<Entry> finished = store.scan(Table.OBJECTS, bytes("k0"), bytes("k1"));
        finished.forEachRemaining(e -> { });
        assertEquals(2, store.openScanCount(), "an exhausted scan releases itself");
        store.close();
        assertEquals(0, store.openScanCount());
        assertThrows(MetadataStoreException.class, started::next);
        assertThrows(MetadataStoreException.class, untouched::hasNext);
        assertDoesNotThrow(started::close);
        assertDoesNotThrow(untouched::close);
        assertDoesNotThrow(finished::close);
    }

    @Test
    void closeWhileOtherThreadsReadWriteAndScanNeverCrashes() throws Exception {
        RocksMetadataStore store = RocksMetadataStore.open(tmp.resolve("db"));
        for (int i = 0; i < 1000; i++) {
            store.put(Table.OBJECTS, bytes(String.format("k%04d", i)), bytes("v"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch running = new CountDownLatch(4);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                int worker = t;
                workers.add(pool.submit(() -> {
                    running.countDown();
                    try {
                        for (int i = 0; ; i++) {
                            store.put(Table.USAGE, bytes("w" + worker + "-" + i), bytes("x"));
                            store.get(Table.OBJECTS, bytes("k0001"));
                            CloseableIterator<Entry> scan = store.scan(Table.OBJECTS, KeyRange.all());
                            for (int n = 0; n < 50 && scan.hasNext(); n++) {
                                scan.next();
                            }
                            if (i % 2 == 0) {
                                scan.close(); // odd rounds leak the scan on purpose
                            }
                        }
                    } catch (MetadataStoreException e) {
                        assertEquals(MetadataStoreException.CODE_CLOSED, e.code());
                    }
                    return null;
                }));
            }
            running.await();
            Thread.sleep(200);
            store.close();
            for (Future<?> f : workers) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(0, store.openScanCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void engineErrorsAreTranslatedWithTheStatusCodeAndNoData() {
        Path dir = tmp.resolve("db");
        try (RocksMetadataStore first = RocksMetadataStore.open(dir)) {
            MetadataStoreException e = assertThrows(MetadataStoreException.class, () -> RocksMetadataStore.open(dir));
            assertEquals("IOError", e.code(), e.getMessage());
            assertTrue(e.getMessage().startsWith("RocksDB open failed: status IOError"), e.getMessage());
            assertTrue(e.getCause() instanceof RocksDBException);
            assertTrue(first.isOpen(), "the failed open released only its own resources");
            first.put(Table.SETTINGS, bytes("still"), bytes("works"));
        }
    }

    /** A database written with raw RocksDB, as an older MiniCloud would have left it. */
    private static void createDatabase(Path dir, List<String> families, String family, String key, String value)
            throws RocksDBException {
        try (ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
                DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
            for (String name : families) {
                descriptors.add(new ColumnFamilyDescriptor(bytes(name), cfOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            writeOne(options, dir, descriptors, handles, 1 + families.indexOf(family), key, value);
        }
    }

    private static void writeOne(DBOptions options, Path dir, List<ColumnFamilyDescriptor> descriptors,
            List<ColumnFamilyHandle> handles, int handleIndex, String key, String value) throws RocksDBException {
        try (RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            try {
                db.put(handles.get(handleIndex), bytes(key), bytes(value));
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    private static List<String> listColumnFamilies(Path dir) throws RocksDBException {
        List<String> names = new ArrayList<>();
        try (Options options = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                names.add(new String(name, StandardCharsets.UTF_8));
            }
        }
        return names;
    }
}

package dev.minicloud.controlplane.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link MetadataStore} must have. Subclasses supply the implementation; the same
 * assertions run against RocksDB and the in-memory fake, so the fake cannot drift.
 */
public abstract class MetadataStoreContract {

    protected MetadataStore store;

    /** A new, empty, open store. */
    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static byte[] bytes(int... unsigned) {
        byte[] b = new byte[unsigned.length];
        for (int i = 0; i < unsigned.length; i++) {
            b[i] = (byte) unsigned[i];
        }
        return b;
    }

    protected static List<String> keysHex(CloseableIterator<Entry> scan) {
        List<String> keys = new ArrayList<>();
        try (scan) {
            while (scan.hasNext()) {
                keys.add(HexFormat.of().formatHex(scan.next().key()));
            }
        }
        return keys;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void putGetDelete() {
        assertTrue(store.isOpen());
        assertEquals(Optional.empty(), store.get(Table.BUCKETS, bytes("photos")));
        store.put(Table.BUCKETS, bytes("photos"), bytes("v1"));
        assertArrayEquals(bytes("v1"), store.get(Table.BUCKETS, bytes("photos")).orElseThrow());
        store.put(Table.BUCKETS, bytes("photos"), bytes("v2"));
        assertArrayEquals(bytes("v2"), store.get(Table.BUCKETS, bytes("photos")).orElseThrow());
        store.delete(Table.BUCKETS, bytes("photos"));
        assertEquals(Optional.empty(), store.get(Table.BUCKETS, bytes("photos")));
        assertDoesNotThrow(() -> store.delete(Table.BUCKETS, bytes("never-existed")));
    }

    @Test
    void emptyValueIsStoredAndDistinctFromAbsent() {
        store.put(Table.SETTINGS, bytes("flag"), new byte[0]);
        assertArrayEquals(new byte[0], store.get(Table.SETTINGS, bytes("flag")).orElseThrow());
    }

    @Test
    void tablesAreIndependent() {
        for (Table table : Table.values()) {
            store.put(table, bytes("k"), bytes(table.columnFamilyName()));
        }
        for (Table table : Table.values()) {
            assertArrayEquals(bytes(table.columnFamilyName()), store.get(table, bytes("k")).orElseThrow());
        }
        store.delete(Table.USERS, bytes("k"));
        assertTrue(store.get(Table.USERS, bytes("k")).isEmpty());
        assertTrue(store.get(Table.ACCOUNTS, bytes("k")).isPresent());
    }

    @Test
    void arraysAreNotShared() {
        byte[] key = bytes("k");
        byte[] value = bytes("value");
        store.put(Table.OBJECTS, key, value);
        key[0] = 'x';
        value[0] = 'X';
        byte[] read = store.get(Table.OBJECTS, bytes("k")).orElseThrow();
        assertArrayEquals(bytes("value"), read);
        read[0] = 'Y';
        assertArrayEquals(bytes("value"), store.get(Table.OBJECTS, bytes("k")).orElseThrow());
    }

    @Test
    void batchAppliesEveryOperationAcrossTables() {
        store.put(Table.OBJECTS, bytes("b/old"), bytes("x"));
        WriteBatch batch = store.newBatch()
                .put(Table.BUCKETS, bytes("b"), bytes("bucket"))
                .put(Table.OBJECTS, bytes("b/new"), bytes("y"))
                .delete(Table.OBJECTS, bytes("b/old"))
                .put(Table.USAGE, bytes("acct/1"), bytes("1"))
                .put(Table.USAGE, bytes("acct/1"), bytes("2")); // the later op on a key wins
        assertEquals(5, batch.size());
        store.commit(batch);
        assertArrayEquals(bytes("bucket"), store.get(Table.BUCKETS, bytes("b")).orElseThrow());
        assertArrayEquals(bytes("y"), store.get(Table.OBJECTS, bytes("b/new")).orElseThrow());
        assertTrue(store.get(Table.OBJECTS, bytes("b/old")).isEmpty());
        assertArrayEquals(bytes("2"), store.get(Table.USAGE, bytes("acct/1")).orElseThrow());
        assertDoesNotThrow(() -> store.commit(store.newBatch()));
    }

    @Test
    void batchIsAllOrNothingToConcurrentScans() throws Exception {
        int keys = 50;
        int rounds = 200;
        WriteBatch initial = store.newBatch();
        for (int k = 0; k < keys; k++) {
            initial.put(Table.PARTS, bytes(String.format("u/%03d", k)), bytes("0"));
        }
        store.commit(initial);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> scans = reader.submit(() -> {
                int checked = 0;
                while (!done.get() || checked == 0) {
                    List<String> versions = new ArrayList<>();
                    try (CloseableIterator<Entry> scan = store.scanPrefix(Table.PARTS, bytes("u/"))) {
                        scan.forEachRemaining(e -> versions.add(new String(e.value(), StandardCharsets.UTF_8)));
                    }
                    assertEquals(keys, versions.size());
                    assertEquals(1, versions.stream().distinct().count(), "a scan saw a partial batch");
                    checked++;
                }
                return checked;
            });
            for (int round = 1; round <= rounds; round++) {
                WriteBatch batch = store.newBatch();
                for (int k = 0; k < keys; k++) {
                    batch.put(Table.PARTS, bytes(String.format("u/%03d", k)), bytes(Integer.toString(round)));
                }
                store.commit(batch);
            }
            done.set(true);
            assertTrue(scans.get(60, TimeUnit.SECONDS) > 0);
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void scanIsOrderedByUnsignedBytesIncluding0xFfAndUnicode() {
        List<byte[]> keys = List.of(
                bytes(0xFF, 0xFF), bytes(0x00), bytes(0xFF), bytes(0x7F), bytes(0x80), bytes(0xFF, 0x00),
                bytes("a"), bytes("é"), bytes("😀"), bytes("\uFFFD"), bytes(0x01), bytes("a\u0000"), bytes("ab"));
        for (byte[] key : keys) {
            store.put(Table.OBJECTS, key, bytes("v"));
        }
        List<String> expected = keys.stream().sorted(Arrays::compareUnsigned).map(MetadataStoreContract::hex).toList();
        assertEquals(expected, keysHex(store.scan(Table.OBJECTS, KeyRange.all())));
        // U+FFFD sorts before U+1F600 in UTF-8 (as in S3), although String.compareTo says otherwise.
        assertTrue(expected.indexOf(hex(bytes("\uFFFD"))) < expected.indexOf(hex(bytes("😀"))));
        assertEquals(List.of("00", "01", "61", "6100", "6162", "7f", "80", "c3a9", "efbfbd", "f09f9880",
                "ff", "ff00", "ffff"), expected);
    }

    @Test
    void prefixScans() {
        for (String k : List.of("a", "a/", "a/1", "a/2/x", "a0", "b", "a/\u00e9", "a/\uD83D\uDE00")) {
            store.put(Table.OBJECTS, bytes(k), bytes(k));
        }
        store.put(Table.OBJECTS, bytes(0x61, 0xFF), bytes("a-ff"));
        store.put(Table.OBJECTS, bytes(0x61, 0xFF, 0xFF), bytes("a-ff-ff"));
        store.put(Table.OBJECTS, bytes(0xFF), bytes("ff"));
        store.put(Table.OBJECTS, bytes(0xFF, 0xFF, 0x01), bytes("ff-ff-01"));

        List<String> values = new ArrayList<>();
        try (CloseableIterator<Entry> scan = store.scanPrefix(Table.OBJECTS, bytes("a/"))) {
            scan.forEachRemaining(e -> values.add(new String(e.value(), StandardCharsets.UTF_8)));
        }
        assertEquals(List.of("a/", "a/1", "a/2/x", "a/\u00e9", "a/\uD83D\uDE00"), values);
        assertEquals(List.of("61ff", "61ffff"), keysHex(store.scanPrefix(Table.OBJECTS, bytes(0x61, 0xFF))));
        assertEquals(List.of("ff", "ffff01"), keysHex(store.scanPrefix(Table.OBJECTS, bytes(0xFF))));
        assertEquals(List.of("ffff01"), keysHex(store.scanPrefix(Table.OBJECTS, bytes(0xFF, 0xFF))));
        assertEquals(List.of(), keysHex(store.scanPrefix(Table.OBJECTS, bytes("zzz"))));
        assertEquals(12, keysHex(store.scanPrefix(Table.OBJECTS, new byte[0])).size());
        assertEquals(List.of(), keysHex(store.scanPrefix(Table.BUCKETS, bytes("a"))), "other tables are empty");
    }

    @Test
    void rangeScansAreHalfOpen() {
        for (String k : List.of("k1", "k2", "k3", "k4")) {
            store.put(Table.AUDIT, bytes(k), bytes(k));
        }
        assertEquals(List.of("6b32", "6b33"), keysHex(store.scan(Table.AUDIT, bytes("k2"), bytes("k4"))));
        assertEquals(List.of("6b32", "6b33", "6b34"), keysHex(store.scan(Table.AUDIT, bytes("k2"), null)));
        assertEquals(List.of("6b31"), keysHex(store.scan(Table.AUDIT, null, bytes("k2"))));
        assertEquals(List.of("6b33", "6b34"), keysHex(store.scan(Table.AUDIT, KeyRange.after(bytes("k2")))));
        assertEquals(List.of(), keysHex(store.scan(Table.AUDIT, bytes("k3"), bytes("k3"))));
        assertEquals(List.of(), keysHex(store.scan(Table.AUDIT, bytes("k4"), bytes("k1"))));
    }

    @Test
    void pagesThroughManyKeysLikeListObjects() {
        int count = 20_000;
        WriteBatch batch = store.newBatch();
        for (int i = 0; i < count; i++) {
            batch.put(Table.OBJECTS, bytes(String.format("bkt/obj-%06d", i)), bytes(Integer.toString(i)));
        }
        store.commit(batch);
        int seen = 0;
        byte[] after = null;
        int pages = 0;
        while (true) {
            KeyRange range = after == null
                    ? KeyRange.prefix(bytes("bkt/"))
                    : KeyRange.between(KeyRange.successor(after), KeyRange.prefixEnd(bytes("bkt/")));
            int inPage = 0;
            try (CloseableIterator<Entry> scan = store.scan(Table.OBJECTS, range)) {
                while (inPage < 1000 && scan.hasNext()) {
                    Entry e = scan.next();
                    assertEquals(String.format("bkt/obj-%06d", seen), e.keyAsString());
                    after = e.key();
                    seen++;
                    inPage++;
                }
            }
            if (inPage == 0) {
                break;
            }
            pages++;
        }
        assertEquals(count, seen);
        assertEquals(20, pages);
    }

    @Test
    void scanSeesThePointInTimeWhenItStarted() {
        store.put(Table.NODES, bytes("n1"), bytes("1"));
        store.put(Table.NODES, bytes("n3"), bytes("3"));
        try (CloseableIterator<Entry> scan = store.scan(Table.NODES, KeyRange.all())) {
            store.put(Table.NODES, bytes("n2"), bytes("2"));
            store.delete(Table.NODES, bytes("n3"));
            List<String> keys = new ArrayList<>();
            scan.forEachRemaining(e -> keys.add(e.keyAsString()));
            assertEquals(List.of("n1", "n3"), keys);
        }
    }

    @Test
    void iteratorProtocol() {
        store.put(Table.INSTANCES, bytes("i-1"), bytes("x"));
        CloseableIterator<Entry> scan = store.scan(Table.INSTANCES, KeyRange.all());
        assertTrue(scan.hasNext());
        assertTrue(scan.hasNext(), "hasNext does not advance");
        assertEquals(new Entry(bytes("i-1"), bytes("x")), scan.next());
        assertFalse(scan.hasNext());
        assertThrows(NoSuchElementException.class, scan::next);
        scan.close();
        scan.close();
        assertFalse(scan.hasNext());

        CloseableIterator<Entry> closedEarly = store.scan(Table.INSTANCES, KeyRange.all());
        closedEarly.close();
        assertFalse(closedEarly.hasNext());
        assertThrows(NoSuchElementException.class, closedEarly::next);
    }

    @Test
    void closedStoreRefusesEveryOperationAndClosesTwice() {
        store.put(Table.ACCESS_KEYS, bytes("AKIA"), bytes("secret"));
        store.close();
        assertFalse(store.isOpen());
        assertDoesNotThrow(store::close);
        for (Runnable op : List.<Runnable>of(
                () -> store.get(Table.ACCESS_KEYS, bytes("AKIA")),
                () -> store.put(Table.ACCESS_KEYS, bytes("AKIA"), bytes("s")),
                () -> store.delete(Table.ACCESS_KEYS, bytes("AKIA")),
                () -> store.commit(new WriteBatch().put(Table.USERS, bytes("u"), bytes("u"))),
                () -> store.scan(Table.ACCESS_KEYS, KeyRange.all()))) {
            MetadataStoreException e = assertThrows(MetadataStoreException.class, op::run);
            assertEquals(MetadataStoreException.CODE_CLOSED, e.code());
        }
    }

    @Test
    void scanLeftOpenWhenTheStoreClosesIsAbortedSafely() {
        store.put(Table.UPLOADS, bytes("u1"), bytes("1"));
        store.put(Table.UPLOADS, bytes("u2"), bytes("2"));
        CloseableIterator<Entry> scan = store.scan(Table.UPLOADS, KeyRange.all());
        assertEquals("u1", scan.next().keyAsString());
        CloseableIterator<Entry> untouched = store.scan(Table.UPLOADS, KeyRange.all());
        store.close();
        MetadataStoreException e = assertThrows(MetadataStoreException.class, scan::hasNext);
        assertEquals(MetadataStoreException.CODE_CLOSED, e.code());
        assertDoesNotThrow(scan::close);
        assertDoesNotThrow(untouched::close);
        assertFalse(scan.hasNext());
    }
}

package dev.minicloud.controlplane.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonRecordsTest {

    record Bucket(String name, String owner, Instant created, List<String> tags, Map<String, Long> usage) {
    }

    record BucketV0(String name) {
    }

    private final InMemoryMetadataStore store = new InMemoryMetadataStore();
    private final JsonRecords records = new JsonRecords(store);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void recordsRoundTripWithInstantsAsIsoStrings() {
        Bucket bucket = new Bucket("photos", "acct-1", Instant.parse("2025-03-01T12:34:56.789Z"),
                List.of("a", "b"), Map.of("bytes", 42L));
        records.put(Table.BUCKETS, "photos", bucket);
        assertEquals(Optional.of(bucket), records.get(Table.BUCKETS, "photos", Bucket.class));
        String json = new String(store.get(Table.BUCKETS, JsonRecords.key("photos")).orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"created\":\"2025-03-01T12:34:56.789Z\""), json);
        assertEquals(Optional.empty(), records.get(Table.BUCKETS, "missing", Bucket.class));
        records.delete(Table.BUCKETS, "photos");
        assertFalse(records.get(Table.BUCKETS, "photos", Bucket.class).isPresent());
    }

    @Test
    void unknownPropertiesAreIgnored() {
        store.put(Table.BUCKETS, JsonRecords.key("b"),
                "{\"name\":\"b\",\"created\":\"2023-11-14T22:13:20Z\",\"addedLater\":true}".getBytes(StandardCharsets.UTF_8));
        Bucket read = records.get(Table.BUCKETS, "b", Bucket.class).orElseThrow();
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), read.created());
        assertEquals("b", records.get(Table.BUCKETS, "b", BucketV0.class).orElseThrow().name());
    }

    @Test
    void typedScansFollowUtf8KeyOrder() {
        for (String key : List.of("acct-1/\uD83D\uDE00", "acct-1/\uFFFD", "acct-1/b", "acct-2/a", "acct-1/a")) {
            records.put(Table.BUCKETS, key, new BucketV0(key));
        }
        List<String> keys = new ArrayList<>();
        try (CloseableIterator<JsonRecords.Keyed<BucketV0>> scan =
                records.scanPrefix(Table.BUCKETS, "acct-1/", BucketV0.class)) {
            scan.forEachRemaining(r -> {
                assertEquals(r.key(), r.value().name());
                keys.add(r.key());
            });
        }
        assertEquals(List.of("acct-1/a", "acct-1/b", "acct-1/\uFFFD", "acct-1/\uD83D\uDE00"), keys);
        try (CloseableIterator<JsonRecords.Keyed<BucketV0>> scan =
                records.scan(Table.BUCKETS, "acct-1/b", null, BucketV0.class)) {
            assertEquals("acct-1/b", scan.next().key());
        }
    }

    @Test
    void batchesCombineTypedRecords() {
        WriteBatch batch = store.newBatch();
        records.putInto(batch, Table.ACCOUNTS, "acct-1", new BucketV0("account"));
        records.putInto(batch, Table.USERS, "acct-1/root", new BucketV0("user"));
        store.commit(batch);
        assertEquals("user", records.get(Table.USERS, "acct-1/root", BucketV0.class).orElseThrow().name());
    }

    @Test
    void undecodableValueIsACorruptRecordWithoutItsContentInTheMessage() {
        store.put(Table.BUCKETS, JsonRecords.key("bad"), "{not json secret-value".getBytes(StandardCharsets.UTF_8));
        MetadataStoreException e = assertThrows(MetadataStoreException.class,
                () -> records.get(Table.BUCKETS, "bad", Bucket.class));
        assertEquals(MetadataStoreException.CODE_CORRUPT_RECORD, e.code());
        assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
    }

    @Test
    void unencodableRecordIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> records.put(Table.BUCKETS, "x", new Object()));
    }
}

package dev.minicloud.controlplane.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.minicloud.common.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed records on top of a {@link MetadataStore}: keys are UTF-8 strings, values are JSON written
 * by Jackson. UTF-8 byte order equals Unicode code point order, which is the order S3 lists keys in
 * (it differs from {@link String#compareTo} for characters outside the Basic Multilingual Plane).
 *
 * <p>Records are usually Java records. {@link Instant} fields are stored as ISO-8601 strings (this
 * module does not depend on jackson-datatype-jsr310). Unknown JSON properties are ignored when
 * reading, so a field added to a record later does not break older code reading newer data.
 * Thread-safe.
 */
public final class JsonRecords {

    /**
     * A decoded record and its key.
     *
     * @param key the record's key
     * @param value the decoded record
     */
    public record Keyed<T>(String key, T value) {
    }

    private final MetadataStore store;
    private final ObjectMapper mapper;

    /** Typed access to {@code store} with {@link #defaultMapper()}. */
    public JsonRecords(MetadataStore store) {
        this(store, defaultMapper());
    }

    /** Typed access to {@code store} with a caller-configured mapper. */
    public JsonRecords(MetadataStore store, ObjectMapper mapper) {
        this.store = Objects.requireNonNull(store, "store");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The mapper used for metadata records: MiniCloud's one JSON configuration ({@link Json}). */
    public static ObjectMapper defaultMapper() {
        return Json.mapper();
    }

    /** The UTF-8 bytes of a string key. */
    public static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The underlying store. */
    public MetadataStore store() {
        return store;
    }

    /** The record stored under {@code key}, decoded as {@code type}. */
    public <T> Optional<T> get(Table table, String key, Class<T> type) {
        return store.get(table, key(key)).map(bytes -> decode(table, bytes, type));
    }

    /** Stores {@code record} as JSON under {@code key}; durable on return. */
    public void put(Table table, String key, Object record) {
        store.put(table, key(key), encode(record));
    }

    /** Removes {@code key}; durable on return. */
    public void delete(Table table, String key) {
        store.delete(table, key(key));
    }

    /** Adds a put of {@code record} under {@code key} to {@code batch}; returns the batch. */
    public WriteBatch putInto(WriteBatch batch, Table table, String key, Object record) {
        return batch.put(table, key(key), encode(record));
    }

    /** Records whose keys start with {@code prefix}, in key order, decoded lazily. */
    public <T> CloseableIterator<Keyed<T>> scanPrefix(Table table, String prefix, Class<T> type) {
        return scan(table, KeyRange.prefix(key(prefix)), type);
    }

    /** Records with keys in {@code [fromInclusive, toExclusive)} (null = unbounded), in key order. */
    public <T> CloseableIterator<Keyed<T>> scan(
            Table table, String fromInclusive, String toExclusive, Class<T> type) {
        return scan(table,
                KeyRange.between(fromInclusive == null ? null : key(fromInclusive),
                        toExclusive == null ? null : key(toExclusive)),
                type);
    }

    /** Records with keys in {@code range}, in key order, decoded lazily. */
    public <T> CloseableIterator<Keyed<T>> scan(Table table, KeyRange range, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new TypedIterator<>(table, store.scan(table, range), type);
    }

    /** The JSON encoding of {@code record}. */
    public byte[] encode(Object record) {
        Objects.requireNonNull(record, "record");
        try {
            return mapper.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot encode " + record.getClass().getName() + " as JSON", e);
        }
    }

    /** Decodes a stored value; a value that does not decode is reported as a corrupt record. */
    public <T> T decode(Table table, byte[] value, Class<T> type) {
        try {
            return mapper.readValue(value, type);
        } catch (IOException e) {
            throw new MetadataStoreException(MetadataStoreException.CODE_CORRUPT_RECORD,
                    "cannot decode a record of table " + table.columnFamilyName()
                            + " as " + type.getSimpleName(), e);
        }
    }

    private final class TypedIterator<T> implements CloseableIterator<Keyed<T>> {
        private final Table table;
        private final CloseableIterator<Entry> entries;
        private final Class<T> type;

        TypedIterator(Table table, CloseableIterator<Entry> entries, Class<T> type) {
            this.table = table;
            this.entries = entries;
            this.type = type;
        }

        @Override
        public boolean hasNext() {
            return entries.hasNext();
        }

        @Override
        public Keyed<T> next() {
            if (!entries.hasNext()) {
                throw new NoSuchElementException();
            }
            Entry entry = entries.next();
            return new Keyed<>(entry.keyAsString(), decode(table, entry.value(), type));
        }

        @Override
        public void close() {
            entries.close();
        }
    }
}

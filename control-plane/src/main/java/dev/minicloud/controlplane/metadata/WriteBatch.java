package dev.minicloud.controlplane.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Puts and deletes across any tables, applied atomically by {@link MetadataStore#commit}: after a
 * crash either all of them are visible or none. Operations apply in the order added, so a later
 * operation on the same key wins. Keys and values are copied when added. Not thread-safe.
 */
public final class WriteBatch {

    /** One operation of a batch. */
    public sealed interface Operation permits Put, Delete {
        /** The table the operation writes to. */
        Table table();

        /** The key written or deleted. */
        byte[] key();
    }

    /** Stores {@code value} under {@code key}. The arrays are the batch's own copies: do not modify. */
    public record Put(Table table, byte[] key, byte[] value) implements Operation {
    }

    /** Removes {@code key} (no error if absent). The array is the batch's own copy: do not modify. */
    public record Delete(Table table, byte[] key) implements Operation {
    }

    private final List<Operation> operations = new ArrayList<>();

    /** Adds a put of a copy of {@code key} and {@code value}. */
    public WriteBatch put(Table table, byte[] key, byte[] value) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        operations.add(new Put(table, key.clone(), value.clone()));
        return this;
    }

    /** Adds a delete of a copy of {@code key}. */
    public WriteBatch delete(Table table, byte[] key) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        operations.add(new Delete(table, key.clone()));
        return this;
    }

    /** Adds all of {@code other}'s operations, in their order (they are immutable: shared, not copied). */
    public WriteBatch addAll(WriteBatch other) {
        operations.addAll(other.operations);
        return this;
    }

    /** The operations in the order added (read-only view). */
    public List<Operation> operations() {
        return Collections.unmodifiableList(operations);
    }

    public int size() {
        return operations.size();
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }
}

package dev.minicloud.controlplane.metadata;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A half-open key range {@code [from, toExclusive)} in unsigned byte order (RocksDB's default
 * bytewise comparator). A {@code null} upper bound means "to the end of the table"; an empty lower
 * bound means "from the first key".
 *
 * @param from the first key included; never null (empty = from the start)
 * @param toExclusive the first key excluded, or null for no upper bound
 */
public record KeyRange(byte[] from, byte[] toExclusive) {

    private static final byte[] EMPTY = new byte[0];
    private static final KeyRange ALL = new KeyRange(EMPTY, null);

    /** Copies both bounds, so later changes to the caller's arrays do not move the range. */
    public KeyRange {
        from = from == null ? EMPTY : from.clone();
        toExclusive = toExclusive == null ? null : toExclusive.clone();
    }

    /** Every key of a table. */
    public static KeyRange all() {
        return ALL;
    }

    /** Keys in {@code [fromInclusive, toExclusive)}; either bound may be null (unbounded). */
    public static KeyRange between(byte[] fromInclusive, byte[] toExclusive) {
        return new KeyRange(fromInclusive, toExclusive);
    }

    /** Keys {@code >= fromInclusive}. */
    public static KeyRange startingAt(byte[] fromInclusive) {
        return new KeyRange(fromInclusive, null);
    }

    /** Keys strictly after {@code key} (ListObjectsV2's StartAfter / a continuation token). */
    public static KeyRange after(byte[] key) {
        return new KeyRange(successor(key), null);
    }

    /** Keys starting with {@code prefix}; an empty prefix means every key. */
    public static KeyRange prefix(byte[] prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return new KeyRange(prefix, prefixEnd(prefix));
    }

    /**
     * The smallest key greater than every key starting with {@code prefix}, or null when there is
     * none (the prefix is empty or all 0xFF bytes).
     */
    public static byte[] prefixEnd(byte[] prefix) {
        int last = prefix.length - 1;
        while (last >= 0 && prefix[last] == (byte) 0xFF) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        byte[] end = Arrays.copyOf(prefix, last + 1);
        end[last]++;
        return end;
    }

    /** The smallest key greater than {@code key}: the key followed by one 0x00 byte. */
    public static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /** Compares keys as RocksDB's default comparator does: unsigned, lexicographic. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Whether {@code key} lies within this range. */
    public boolean contains(byte[] key) {
        return compare(key, from) >= 0 && (toExclusive == null || compare(key, toExclusive) < 0);
    }

    /** Whether no key can lie within this range. */
    public boolean isEmpty() {
        return toExclusive != null && compare(from, toExclusive) >= 0;
    }

    @Override
    public byte[] from() {
        return from.clone();
    }

    @Override
    public byte[] toExclusive() {
        return toExclusive == null ? null : toExclusive.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange other
                && Arrays.equals(from, other.from)
                && Arrays.equals(toExclusive, other.toExclusive);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(from) + Arrays.hashCode(toExclusive);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "KeyRange[" + hex.formatHex(from) + ", "
                + (toExclusive == null ? "end" : hex.formatHex(toExclusive)) + ")";
    }
}

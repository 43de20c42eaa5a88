package dev.minicloud.controlplane.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One key/value pair returned by a scan. The arrays belong to the caller.
 *
 * @param key the key
 * @param value the value
 */
public record Entry(byte[] key, byte[] value) {

    /** The key decoded as UTF-8 (keys written through {@link JsonRecords} are UTF-8 strings). */
    public String keyAsString() {
        return new String(key, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry other && Arrays.equals(key, other.key) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    /** Shows the key in hex and only the value's length. */
    @Override
    public String toString() {
        return "Entry[key=" + HexFormat.of().formatHex(key) + ", value=" + value.length + " bytes]";
    }
}

package dev.minicloud.controlplane.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyRangeTest {

    private static byte[] b(int... unsigned) {
        byte[] out = new byte[unsigned.length];
        for (int i = 0; i < unsigned.length; i++) {
            out[i] = (byte) unsigned[i];
        }
        return out;
    }

    @Test
    void prefixEndIncrementsTheLastByteThatIsNot0xFf() {
        assertArrayEquals(b('a', 'c'), KeyRange.prefixEnd(b('a', 'b')));
        assertArrayEquals(b('b'), KeyRange.prefixEnd(b('a', 0xFF, 0xFF)));
        assertArrayEquals(b(0x80), KeyRange.prefixEnd(b(0x7F)));
        assertArrayEquals(b(0x01), KeyRange.prefixEnd(b(0x00, 0xFF)));
        assertNull(KeyRange.prefixEnd(b(0xFF, 0xFF)));
        assertNull(KeyRange.prefixEnd(b()));
    }

    @Test
    void prefixRangeContainsExactlyTheKeysWithThePrefix() {
        KeyRange range = KeyRange.prefix(b('a', 0xFF));
        assertTrue(range.contains(b('a', 0xFF)));
        assertTrue(range.contains(b('a', 0xFF, 0xFF, 0xFF)));
        assertFalse(range.contains(b('a', 0xFE, 0xFF)));
        assertFalse(range.contains(b('b')));
        assertTrue(KeyRange.prefix(b()).contains(b(0xFF, 0xFF)));
    }

    @Test
    void successorIsTheNextPossibleKey() {
        assertArrayEquals(b('k', 0), KeyRange.successor(b('k')));
        KeyRange after = KeyRange.after(b('k'));
        assertFalse(after.contains(b('k')));
        assertTrue(after.contains(b('k', 0)));
    }

    @Test
    void boundsAreCopiedAndComparedByContent() {
        byte[] from = b('a');
        KeyRange range = KeyRange.between(from, b('c'));
        from[0] = 'z';
        assertArrayEquals(b('a'), range.from());
        assertEquals(KeyRange.between(b('a'), b('c')), range);
        assertEquals(KeyRange.between(b('a'), b('c')).hashCode(), range.hashCode());
        assertTrue(KeyRange.between(b('c'), b('a')).isEmpty());
        assertFalse(KeyRange.all().isEmpty());
        assertEquals("KeyRange[61, 63)", range.toString());
    }
}

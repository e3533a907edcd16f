package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class GunzipTest {
    final byte[] idx;

    GunzipTest() throws IOException {
        idx = IdxWriter.encode(IdxTest.sample(), false);
    }

    /** One gzip member of {@code data} with optional extra field, name, comment and header CRC. */
    static byte[] member(byte[] data, byte[] extra, String name, String comment, boolean hcrc) throws IOException {
        var h = new ByteArrayOutputStream();
        int flg = (hcrc ? 2 : 0) | (extra != null ? 4 : 0) | (name != null ? 8 : 0) | (comment != null ? 16 : 0);
        h.write(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flg, 1, 2, 3, 4, 0, 3});
        if (extra != null) {
            h.write(new byte[] {(byte) extra.length, (byte) (extra.length >> 8)});
            h.write(extra);
        }
        for (String s : new String[] {name, comment}) {
            if (s != null) {
                h.write(s.getBytes(StandardCharsets.ISO_8859_1));
                h.write(0);
            }
        }
        if (hcrc) {
            var c = new CRC32();
            c.update(h.toByteArray());
            h.write(new byte[] {(byte) c.getValue(), (byte) (c.getValue() >> 8)});
        }
        try (var d = new DeflaterOutputStream(h, new Deflater(6, true))) {
            d.write(data);
        }
        var c = new CRC32();
        c.update(data);
        for (long v : new long[] {c.getValue(), data.length}) {
            h.write(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
        }
        return h.toByteArray();
    }

    static byte[] cat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    IdxArray read(byte[] b) throws IOException {
        return Idx.read(new ByteArrayInputStream(b), "g.gz");
    }

    @Test
    void optionalHeaderFieldsAndConcatenatedMembersDecode() throws IOException {
        byte[] m = member(idx, new byte[] {9, 9, 9}, "x-idx3-ubyte", "made by hand", true);
        assertArrayEquals(IdxTest.sample().data(), read(m).data());
        byte[] a = java.util.Arrays.copyOf(idx, 30), b = java.util.Arrays.copyOfRange(idx, 30, idx.length);
        assertArrayEquals(IdxTest.sample().data(), read(cat(member(a, null, null, null, false),
                member(b, null, "n", null, false))).data());
    }

    @Test
    void bytesAfterTheGzipDataAreRefused() throws IOException {
        byte[] m = IdxWriter.encode(IdxTest.sample(), true);
        for (byte[] tail : new byte[][] {{0}, {0x1f}, "garbage".getBytes(StandardCharsets.US_ASCII)}) {
            var e = assertThrows(IdxFormatException.class, () -> read(cat(m, tail)));
            assertTrue(e.getMessage().matches("g\\.gz: (corrupt|truncated) gzip stream .*"), e.getMessage());
        }
        var e = assertThrows(IdxFormatException.class, () -> read(cat(m, new byte[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("trailing bytes after the end of the gzip data"), e.getMessage());
    }

    @Test
    void badHeaderCrcAndReservedFlagsAreRefused() throws IOException {
        byte[] m = member(idx, null, "n", null, true);
        m[13]++; // first byte of the header CRC
        var e = assertThrows(IdxFormatException.class, () -> read(m));
        assertTrue(e.getMessage().contains("header CRC mismatch"), e.getMessage());
        byte[] r = member(idx, null, null, null, false);
        r[3] = (byte) 0x20;
        var f = assertThrows(IdxFormatException.class, () -> read(r));
        assertTrue(f.getMessage().contains("reserved gzip flag bits"), f.getMessage());
    }

    @Test
    void anExtraFieldLongerThan255BytesIsSkippedExactly() throws IOException {
        byte[] extra = new byte[258];  // length bytes 02 01: both halves of the little-endian length count
        java.util.Arrays.fill(extra, (byte) 0x1f);
        assertArrayEquals(IdxTest.sample().data(), read(member(idx, extra, null, null, false)).data());
    }

    @Test
    void closeFreesTheInflaterButLeavesTheUnderlyingStreamOpen() throws IOException {
        boolean[] closed = {false};
        var raw = new ByteArrayInputStream(member(new byte[] {1, 2, 3}, null, null, null, false)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        var z = new Gunzip(raw);
        assertEquals(1, z.read());
        z.close();
        // the inflater still holds bytes 2 and 3, but once freed it refuses to run
        assertThrows(NullPointerException.class, z::read);
        assertFalse(closed[0], "closed the underlying stream");
    }

    @Test
    void singleByteReadsGiveUnsignedValuesThenMinusOne() throws IOException {
        try (var z = new Gunzip(new ByteArrayInputStream(member(new byte[] {1, (byte) 200, 3}, null, null, null, false)))) {
            assertEquals(1, z.read());
            assertEquals(200, z.read());
            assertEquals(3, z.read());
            assertEquals(-1, z.read());
        }
    }
}

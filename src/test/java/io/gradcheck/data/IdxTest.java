package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {
    @TempDir Path dir;

    /** A valid 3 x 4 x 5 array with distinct-ish bytes. */
    static IdxArray sample() {
        byte[] b = new byte[60];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 37 + 11);
        return new IdxArray(new int[] {3, 4, 5}, b);
    }

    /** A header with the given type byte and dimension sizes, followed by {@code data} extra bytes. */
    static byte[] header(int type, int data, int... dims) {
        var b = ByteBuffer.allocate(4 + 4 * dims.length + data).put((byte) 0).put((byte) 0)
                .put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        return b.array();
    }

    Path file(String name, byte[] b) throws IOException {
        return Files.write(dir.resolve(name), b);
    }

    /** Reads {@code b} from a file called {@code name} and expects failure mentioning all {@code words}. */
    IdxFormatException fails(String name, byte[] b, String... words) throws IOException {
        Path p = file(name, b);
        var e = assertThrows(IdxFormatException.class, () -> Idx.read(p));
        var s = assertThrows(IdxFormatException.class, () -> Idx.read(new ByteArrayInputStream(b), name));
        for (String m : new String[] {e.getMessage(), s.getMessage()}) {
            assertTrue(m.contains(name), () -> "no file name in: " + m);
            for (String w : words) assertTrue(m.contains(w), () -> "no '" + w + "' in: " + m);
        }
        return e;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTrip(boolean gz) throws IOException {
        IdxArray a = sample();
        Path p = file("x-idx3-ubyte", IdxWriter.encode(a, gz)); // no .gz suffix: detected by magic
        IdxArray r = Idx.read(p);
        assertArrayEquals(a.dims(), r.dims());
        assertArrayEquals(a.data(), r.data());
        assertEquals((byte) 11 & 0xFF, r.at(0));
    }

    @Test
    void emptyFile() throws IOException {
        fails("empty-idx1-ubyte", new byte[0], "empty");
        fails("empty.gz", gzip(new byte[0]), "empty decompressed data");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 9, 15})
    void truncatedInsideHeader(int len) throws IOException {
        byte[] b = Arrays.copyOf(IdxWriter.encode(sample(), false), len);
        fails("h-idx3-ubyte", b, "truncated inside header");
        fails("h-idx3-ubyte.gz", gzip(b), "truncated inside header");
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 17, 50, 75})
    void truncatedData(int len) throws IOException {
        byte[] b = Arrays.copyOf(IdxWriter.encode(sample(), false), len);
        String says = "truncated: header says 3 x 4 x 5 = 60 bytes of data, ";
        fails("d-idx3-ubyte", b, says + "file has " + (len - 16));
        fails("d-idx3-ubyte.gz", gzip(b), says + "decompressed data has " + (len - 16));
    }

    @Test
    void trailingBytes() throws IOException {
        byte[] b = Arrays.copyOf(IdxWriter.encode(sample(), false), 16 + 60 + 3);
        fails("t-idx3-ubyte", b, "trailing bytes", "60 bytes of data, file has 63");
        fails("t-idx3-ubyte.gz", gzip(b), "trailing bytes", "60 bytes of data");
    }

    @Test
    void wrongMagicAndType() throws IOException {
        byte[] b = IdxWriter.encode(sample(), false);
        b[1] = 1;
        fails("m-idx3-ubyte", b, "bad magic number 0x00010803");
        fails("m.gz", gzip(b), "bad magic number");
        fails("u-idx3-ubyte", header(0x07, 0, 2), "unknown data type byte 0x07");
        fails("f-idx3-ubyte", header(0x0D, 8, 2), "unsupported data type 0x0D (float)");
        fails("z-idx3-ubyte", header(0x08, 4), "0 dimensions");
        fails("n-idx1-ubyte", header(0x08, 0, -5), "dimension 0 has size 4294967291");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hugeHeaderFailsFastWithoutAllocating(boolean gz) throws IOException {
        byte[] b = header(0x08, 100, 1_000_000_000, 28, 28);
        long before = allocated();
        var e = fails("huge-idx3-ubyte" + (gz ? ".gz" : ""), gz ? gzip(b) : b,
                "too large", "1000000000 x 28 x 28", "more than " + Idx.MAX_ELEMENTS);
        assertAllocatedLessThan(before, 32 << 20, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void labelHeaderClaiming1e9IsTruncatedNotAllocated(boolean gz) throws IOException {
        byte[] b = header(0x08, 100, 1_000_000_000); // within the element limit, but only 100 bytes follow
        long before = allocated();
        fails("lie-idx1-ubyte" + (gz ? ".gz" : ""), gz ? gzip(b) : b,
                "truncated: header says 1000000000 = 1000000000 bytes of data", "has 100");
        assertAllocatedLessThan(before, 32 << 20, "1e9 labels");
    }

    @Test
    void gzipCutInTheMiddle() throws IOException {
        byte[] gz = IdxWriter.encode(sample(), true);
        for (int len : new int[] {1, 2, 5, 10, gz.length / 2, gz.length - 8, gz.length - 1}) {
            String name = "cut" + len + ".gz";
            Path p = file(name, Arrays.copyOf(gz, len));
            var e = assertThrows(IdxFormatException.class, () -> Idx.read(p), name);
            assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
            assertTrue(e.getMessage().matches(".*(truncated|corrupt|empty).*"), e.getMessage());
        }
    }

    @Test
    void corruptGzipTrailer() throws IOException {
        byte[] gz = IdxWriter.encode(sample(), true);
        gz[gz.length - 6] ^= 1; // inside the CRC-32
        fails("crc.gz", gz, "corrupt gzip stream");
    }

    static byte[] gzip(byte[] raw) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    /** Bytes allocated so far by this thread, or -1 if the JVM cannot tell. */
    static long allocated() {
        var mx = ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    static void assertAllocatedLessThan(long before, long limit, String what) {
        long after = allocated();
        if (before >= 0 && after >= 0) {
            assertTrue(after - before < limit, () -> what + ": allocated " + (after - before) + " bytes");
        }
    }
}

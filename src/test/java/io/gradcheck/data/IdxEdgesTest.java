package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The IDX reader's boundaries: empty dimensions, the element limit, exact byte counts in messages. */
class IdxEdgesTest {
    private static String refused(byte[] b) {
        return assertThrows(IdxFormatException.class, () -> Idx.read(new ByteArrayInputStream(b), "s")).getMessage();
    }

    @Test
    void aDimensionOfSizeZeroReadsAsNoDataAndTrailingBytesAreCounted() throws IOException {
        IdxArray a = Idx.read(new ByteArrayInputStream(IdxTest.header(Idx.UBYTE, 0, 0, 5)), "s");
        assertArrayEquals(new int[] {0, 5}, a.dims());
        assertEquals(0, a.data().length);
        assertEquals("s: trailing bytes: header says 0 x 5 = 0 bytes of data, file has 3",
                refused(IdxTest.header(Idx.UBYTE, 3, 0, 5)));
    }

    @Test
    void aTruncatedHeaderCountsTheBytesItHas() {
        byte[] b = Arrays.copyOf(IdxTest.header(Idx.UBYTE, 0, 3, 4, 5), 9);
        assertEquals("s: truncated inside header: file has 9 bytes, a header with 3 dimensions needs 16", refused(b));
    }

    @Test
    void trailingBytesAreCountedExactlyUpToOneChunkAndAsAtLeastBeyond() throws IOException {
        byte[] idx = IdxWriter.encode(IdxTest.sample(), false);
        String says = "s: trailing bytes: header says 3 x 4 x 5 = 60 bytes of data, file has ";
        assertEquals(says + (60 + 65536), refused(Arrays.copyOf(idx, idx.length + 65536)));
        assertEquals(says + "at least " + (60 + 65536), refused(Arrays.copyOf(idx, idx.length + 65537)));
    }

    @Test
    void theElementCountMayReachTheLimitButNotPassIt() {
        assertEquals(Idx.MAX_ELEMENTS, Idx.count(new int[] {(int) Idx.MAX_ELEMENTS}));
        assertEquals(-1, Idx.count(new int[] {(int) Idx.MAX_ELEMENTS + 1}));
        assertEquals(0, Idx.count(new int[] {Integer.MAX_VALUE, 0}));
    }

    @Test
    void theWriterGzipsAtTheBestCompressionLevelBehindAFixedHeader() throws IOException {
        IdxArray digits;
        try (var in = Mnist.class.getResourceAsStream(Mnist.TEST_IMAGES + ".gz")) {
            digits = Idx.read(in, "t10k");
        }
        // the first 100 embedded digits: enough for levels 6 (the default) and 9 to compress differently
        var a = new IdxArray(new int[] {100, 28, 28}, Arrays.copyOf(digits.data(), 100 * 784));
        byte[] gz = IdxWriter.encode(a, true);
        // magic, deflate, no flags, mtime 0, no extra flags, OS 255 ("unknown", as Java 16 and later write it)
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, Arrays.copyOf(gz, 10));
        var best = new Deflater(Deflater.BEST_COMPRESSION, true);
        best.setInput(IdxWriter.encode(a, false));
        best.finish();
        var deflated = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!best.finished()) deflated.write(buf, 0, best.deflate(buf));
        best.end();
        assertArrayEquals(deflated.toByteArray(), Arrays.copyOfRange(gz, 10, gz.length - 8));
    }

    @Test
    void theWriterRefusesNoDimensionsAndWritesDimensionsBigEndian() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> IdxWriter.encode(new IdxArray(new int[0], new byte[1]), false));
        byte[] b = IdxWriter.encode(new IdxArray(new int[] {0, 0x01020304}, new byte[0]), false);
        assertArrayEquals(new byte[] {0, 0, 8, 2, 0, 0, 0, 0, 1, 2, 3, 4}, b);
        int[] ones = new int[255];
        Arrays.fill(ones, 1);
        IdxArray most = new IdxArray(ones, new byte[] {42});
        assertArrayEquals(most.dims(), Idx.read(new ByteArrayInputStream(IdxWriter.encode(most, false)), "s").dims());
        assertThrows(IllegalArgumentException.class, () -> IdxWriter.encode(new IdxArray(new int[256], new byte[0]), false));
    }
}

package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX reader's heap guard: data larger than the limit (half the maximum heap outside tests) is
 * refused. The tests pass a small limit so that they can hit it exactly without a large heap.
 */
class IdxHeapLimitTest {
    @TempDir Path dir;

    private static String refused(byte[] b, long limit) {
        return assertThrows(IdxFormatException.class,
                () -> Idx.read(new ByteArrayInputStream(b), "s", -1, limit)).getMessage();
    }

    @Test
    void theLimitIsHalfTheMaximumHeapAndTheMessageSaysHowToRaiseIt() {
        assertEquals(Runtime.getRuntime().maxMemory() / 2, Idx.heapLimit());
        assertEquals("too large for this JVM: 9 bytes; the limit is half the maximum heap, 8 bytes (raise it with -Xmx)",
                Idx.tooLarge("9 bytes", 8));
    }

    @Test
    void aFileWhoseHeaderClaimsMoreThanTheLimitIsRefusedBeforeReading() throws IOException {
        Path f = Files.write(dir.resolve("big"), IdxTest.header(Idx.UBYTE, 0, 2048, 2048));
        try (var raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(12 + (1 << 22));  // 4 MB of zeros, sparse: the length the header implies
        }
        long before = IdxTest.allocated();
        var e = assertThrows(IdxFormatException.class, () -> Idx.read(f, (1 << 22) - 1));
        assertEquals(f + ": too large for this JVM: header says 2048 x 2048 = 4194304 bytes of data; the limit is half "
                + "the maximum heap, 4194303 bytes (raise it with -Xmx)", e.getMessage());
        IdxTest.assertAllocatedLessThan(before, 1 << 20, "a 4 MB file one byte over the limit");
        assertEquals(1 << 22, Idx.read(f, 1 << 22).data().length);
    }

    @Test
    void dataOfUnknownLengthMayGrowToTheLimitButNotPastIt() throws IOException {
        // 100,000 bytes: the buffer starts at 64 KiB and would grow to 100,000 once 65,536 have arrived
        byte[] raw = IdxTest.header(Idx.UBYTE, 100_000, 100_000), gz = IdxTest.gzip(raw);
        assertEquals(100_000, Idx.read(new ByteArrayInputStream(gz), "s", -1, 100_000).data().length);
        assertEquals("s: too large for this JVM: header says 100000 = 100000 bytes of data, decompressed data has at "
                + "least 65536; the limit is half the maximum heap, 99999 bytes (raise it with -Xmx)", refused(gz, 99_999));
        assertEquals("s: too large for this JVM: header says 100000 = 100000 bytes of data, file has at least 65536; "
                + "the limit is half the maximum heap, 99999 bytes (raise it with -Xmx)", refused(raw, 99_999));
    }

    @Test
    void aGzipBombIsRefusedOnceItsDataPassTheLimitNotWhenItEnds() throws IOException {
        // 2 * 10^9 zeros claimed, 1 MB present (1 KB compressed): the buffer stops at 128 KiB
        byte[] bomb = IdxTest.gzip(IdxTest.header(Idx.UBYTE, 1 << 20, 2_000_000_000));
        long before = IdxTest.allocated();
        assertEquals("s: too large for this JVM: header says 2000000000 = 2000000000 bytes of data, decompressed data "
                + "has at least 131072; the limit is half the maximum heap, 200000 bytes (raise it with -Xmx)",
                refused(bomb, 200_000));
        IdxTest.assertAllocatedLessThan(before, 1 << 20, "a gzip bomb");
    }
}

package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import io.gradcheck.reliability.Hostile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Random damage to a small valid IDX file either loads or raises {@link IdxFormatException},
 * never anything else. Seed: system property {@code gradcheck.seed} (default 20261129); number of
 * examples: {@code gradcheck.tries} (default 200).
 */
class IdxPropertyTest {
    static final long SEED = Long.getLong("gradcheck.seed", 20261129L);
    static final int TRIES = Integer.getInteger("gradcheck.tries", 200);
    static final int STEPS = 10_000; // positions are drawn as fractions k/STEPS of the file length

    @TempDir Path dir;
    final IdxArray a = images(SEED);
    final byte[][] enc = new byte[2][];

    IdxPropertyTest() throws IOException {
        enc[0] = IdxWriter.encode(a, false);
        enc[1] = IdxWriter.encode(a, true);
    }

    /** Two sparse 28 x 28 "images": enough structure for gzip to use Huffman blocks. */
    static IdxArray images(long seed) {
        var r = new Well19937c(seed);
        byte[] b = new byte[2 * 28 * 28];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextDouble() < 0.2 ? r.nextInt(256) : 0);
        return new IdxArray(new int[] {2, 28, 28}, b);
    }

    static Gen<Integer> fraction() {
        return integers().between(0, STEPS - 1);
    }

    /** The message names the file first and fits on one line. */
    static void oneLine(IdxFormatException e, String name, String what) {
        String m = e.getMessage();
        assertTrue(m.startsWith(name + ": ") && !m.contains("\n") && !m.contains("\r"), () -> what + ": message " + m);
    }

    @Test
    @Hostile(area = "Files", input = "every strict prefix of an IDX file, raw or gzip (QuickTheories, random cut)",
            outcome = "an `IdxFormatException` naming the file on one line; never another exception")
    void everyStrictPrefixIsRefused() {
        qt().withFixedSeed(SEED).withExamples(TRIES).forAll(booleans().all(), fraction()).checkAssert((gz, f) -> {
            byte[] e = enc[gz ? 1 : 0];
            int len = (int) ((long) f * e.length / STEPS);
            String what = "seed " + SEED + ": " + (gz ? "gzip" : "raw") + " prefix of " + len + "/" + e.length;
            byte[] b = Arrays.copyOf(e, len);
            Path p = write(b);
            oneLine(assertThrows(IdxFormatException.class, () -> Idx.read(p), what), p.toString(), what);
            oneLine(assertThrows(IdxFormatException.class, () -> Idx.read(new ByteArrayInputStream(b), "s"), what), "s",
                    what);
        });
    }

    @Test
    @Hostile(area = "Files", input = "an IDX file with one byte flipped, raw or gzip (QuickTheories, random position and "
            + "mask)",
            outcome = "an `IdxFormatException` naming the file on one line, or the original dims and data (raw: but the "
                    + "flipped data byte); never another exception")
    void aFlippedByteLoadsOrIsRefused() {
        qt().withFixedSeed(SEED).withExamples(TRIES)
                .forAll(booleans().all(), fraction(), integers().between(1, 255)).checkAssert((gz, f, mask) -> {
                    byte[] b = enc[gz ? 1 : 0].clone();
                    int at = (int) ((long) f * b.length / STEPS);
                    b[at] ^= mask;
                    String what = String.format("seed %d: %s byte %d of %d xor 0x%02X",
                            SEED, gz ? "gzip" : "raw", at, b.length, mask);
                    check(b, gz, at, what, () -> Idx.read(write(b)));
                    check(b, gz, at, what, () -> Idx.read(new ByteArrayInputStream(b), "s"));
                });
    }

    interface Read {
        IdxArray get() throws IOException;
    }

    /** Success must give the original dims and (raw: all but byte {@code at}; gzip: all) data. */
    void check(byte[] b, boolean gz, int at, String what, Read read) {
        IdxArray r;
        try {
            r = read.get();
        } catch (IdxFormatException e) {
            oneLine(e, e.getMessage().startsWith("s: ") ? "s" : dir.resolve("p-idx3-ubyte").toString(), what);
            return;
        } catch (Throwable t) {
            throw new AssertionError(what + ": expected success or IdxFormatException, got " + t, t);
        }
        assertArrayEquals(a.dims(), r.dims(), what);
        int diff = 0;
        for (int i = 0; i < a.data().length; i++) if (a.data()[i] != r.data()[i]) diff++;
        int d = diff;
        assertTrue(gz ? d == 0 : d <= 1 && (d == 0 || at >= 16), () -> what + ": " + d + " data bytes changed");
    }

    Path write(byte[] b) {
        try {
            return Files.write(dir.resolve("p-idx3-ubyte"), b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

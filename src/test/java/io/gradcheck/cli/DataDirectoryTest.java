package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.data.Mnist;
import io.gradcheck.reliability.Hostile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --data DIR} with a hostile directory: one line on stderr, exit 1, nothing written. */
class DataDirectoryTest {
    @TempDir
    Path dir;

    /** An unsigned-byte IDX header with these dimensions followed by {@code data} zero bytes. */
    static byte[] idx(int data, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data).put(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** A directory of four valid raw files: 3 training and 2 test images of 2 x 2. */
    Path mnist() throws IOException {
        Path d = Files.createDirectories(dir.resolve("mnist"));
        Files.write(d.resolve(Mnist.TRAIN_IMAGES), idx(12, 3, 2, 2));
        Files.write(d.resolve(Mnist.TRAIN_LABELS), idx(3, 3));
        Files.write(d.resolve(Mnist.TEST_IMAGES), idx(8, 2, 2, 2));
        Files.write(d.resolve(Mnist.TEST_LABELS), idx(2, 2));
        return d;
    }

    /** Runs {@code train --data data --save ...} and checks the one line, exit 1 and that nothing was saved. */
    private void refused(Path data, String expected) {
        Path save = dir.resolve("never.ckpt"), reports = dir.resolve("reports");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--save", save.toString(),
                "--report", reports.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("gradcheck train: " + expected + System.lineSeparator(), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(save) || Files.exists(reports), "nothing is written");
    }

    @Test
    @Hostile(area = "Files", input = "`train --data DIR` where DIR does not exist",
            outcome = "exit 1, `gradcheck train: DIR: MNIST directory does not exist`, no checkpoint or report")
    void aMissingDataDirectoryExitsWithOneLine() {
        Path none = dir.resolve("none");
        refused(none, none + ": MNIST directory does not exist");
    }

    @Test
    @Hostile(area = "Files", input = "`train --data DIR` where DIR has permissions 000 (skipped when run as root)",
            outcome = "exit 1, `gradcheck train: DIR: cannot read directory`")
    void anUnreadableDataDirectoryExitsWithOneLine() throws IOException {
        Path locked = mnist();
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(locked), "permissions do not stop this user (root?)");
            refused(locked, locked + ": cannot read directory");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    @Hostile(area = "Files", input = "`train --data DIR` with an unreadable images file (skipped when run as root)",
            outcome = "exit 1, `gradcheck train: FILE: permission denied`")
    void anUnreadableDataFileExitsWithOneLine() throws IOException {
        Path d = mnist(), f = d.resolve(Mnist.TRAIN_IMAGES);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(f), "permissions do not stop this user (root?)");
        refused(d, f + ": permission denied");
    }

    @Test
    @Hostile(area = "Files", input = "`train --data DIR` whose test labels outnumber the test images",
            outcome = "exit 1, `gradcheck train: image and label counts differ: ... has 2 images, ... has 3 labels`")
    void mismatchedCountsExitWithOneLine() throws IOException {
        Path d = mnist();
        Files.write(d.resolve(Mnist.TEST_LABELS), idx(3, 3));
        refused(d, "image and label counts differ: " + d.resolve(Mnist.TEST_IMAGES) + " has 2 images, "
                + d.resolve(Mnist.TEST_LABELS) + " has 3 labels");
    }

    /** Runs {@code train --data d} in a child JVM with heap {@code xmx}. */
    private CliRun child(String xmx, Path d) throws Exception {
        return CliRun.child(dir, xmx, "train", "--data", d.toString(), "--report", dir.resolve("reports").toString());
    }

    /** A gzip stream of an IDX header and {@code zeros} zero bytes, written without holding them in memory. */
    static byte[] gzipBomb(long zeros, int... dims) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(idx(0, dims));
            byte[] block = new byte[1 << 16];
            for (long left = zeros; left > 0; left -= block.length) {
                z.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return out.toByteArray();
    }

    @Test
    @Hostile(area = "Files", input = "`train --data DIR` with a true gzip bomb: 100 KB that inflate to 100,000 images "
            + "(78 MB), in a JVM with a 96 MB heap",
            outcome = "exit 1, `gradcheck train: FILE: too large for this JVM: header says 100000 x 28 x 28 = 78400000 "
                    + "bytes of data, decompressed data has at least N; the limit is half the maximum heap, M bytes "
                    + "(raise it with -Xmx)`; no OutOfMemoryError")
    void aGzipBombIsRefusedBeforeItFillsTheHeap() throws Exception {
        Path d = mnist(), f = d.resolve(Mnist.TRAIN_IMAGES + ".gz");
        Files.delete(d.resolve(Mnist.TRAIN_IMAGES));
        Files.write(f, gzipBomb(78_400_000, 100_000, 28, 28));
        assertTrue(Files.size(f) < 200_000, "a bomb: " + Files.size(f) + " bytes");
        CliRun r = child("-Xmx96m", d);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().matches("gradcheck train: " + Pattern.quote(f.toString()) + ": too large for this JVM: header "
                + "says 100000 x 28 x 28 = 78400000 bytes of data, decompressed data has at least \\d+; the limit is "
                + "half the maximum heap, \\d+ bytes \\(raise it with -Xmx\\)\\R"), r.err());
    }

    @Test
    @Hostile(area = "Files", input = "`train --data DIR` with 20,000 real-size images (125 MB as doubles) in a JVM "
            + "with a 96 MB heap",
            outcome = "exit 1, `gradcheck train: FILE: too large for this JVM: 20000 images of 28x28 need 125440000 "
                    + "bytes as doubles; the limit is half the maximum heap, M bytes (raise it with -Xmx)`")
    void imagesThatDoNotFitTheHeapAsDoublesAreRefused() throws Exception {
        Path d = mnist(), f = d.resolve(Mnist.TRAIN_IMAGES);
        Files.write(f, idx(20_000 * 784, 20_000, 28, 28));
        Files.write(d.resolve(Mnist.TRAIN_LABELS), idx(20_000, 20_000));
        CliRun r = child("-Xmx96m", d);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().matches("gradcheck train: " + Pattern.quote(f.toString()) + ": too large for this JVM: 20000 "
                + "images of 28x28 need 125440000 bytes as doubles; the limit is half the maximum heap, \\d+ bytes "
                + "\\(raise it with -Xmx\\)\\R"), r.err());
    }

    @Test
    @Hostile(area = "Files", input = "`train --data DIR` whose images header claims 10^9 images, in a JVM with a 32 MB heap",
            outcome = "exit 1, `gradcheck train: FILE: too large: header says 1000000000 x 28 x 28 = more than "
                    + "2147483639 elements`; no OutOfMemoryError")
    void aBillionImageHeaderFailsInATinyHeap() throws Exception {
        Path d = mnist(), f = d.resolve(Mnist.TRAIN_IMAGES);
        Files.write(f, idx(100, 1_000_000_000, 28, 28));
        CliRun r = child("-Xmx32m", d);
        assertEquals(1, r.code(), r.err());
        assertEquals("gradcheck train: " + f + ": too large: header says 1000000000 x 28 x 28 = more than 2147483639 "
                + "elements" + System.lineSeparator(), r.err());
    }
}

package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.data.Mnist;
import io.gradcheck.reliability.Hostile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        MainTest.Run r = MainTest.run("train", "--data", data.toString(), "--save", save.toString(),
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

    @Test
    @Hostile(area = "Files", input = "`train --data DIR` whose images header claims 10^9 images, in a JVM with a 32 MB heap",
            outcome = "exit 1, `gradcheck train: FILE: too large: header says 1000000000 x 28 x 28 = more than "
                    + "2147483639 elements`; no OutOfMemoryError")
    void aBillionImageHeaderFailsInATinyHeap() throws Exception {
        Path d = mnist(), f = d.resolve(Mnist.TRAIN_IMAGES);
        Files.write(f, idx(100, 1_000_000_000, 28, 28));
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--data",
                d.toString(), "--report", dir.resolve("reports").toString()))
                .redirectOutput(dir.resolve("child.out").toFile()).redirectError(log.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not finish");
        String err = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        assertEquals("gradcheck train: " + f + ": too large: header says 1000000000 x 28 x 28 = more than 2147483639 "
                + "elements" + System.lineSeparator(), err);
    }
}

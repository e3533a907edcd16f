package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.reliability.Hostile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each hostile IDX file or data directory gives one pinned line naming the file and the problem. */
class HostileIdxTest {
    @TempDir
    Path dir;

    /** A valid MNIST directory of 3 training and 2 test images of 2 x 2, raw. */
    Path mnist() throws IOException {
        put(Mnist.TRAIN_IMAGES, new IdxArray(new int[] {3, 2, 2}, new byte[12]));
        put(Mnist.TRAIN_LABELS, new IdxArray(new int[] {3}, new byte[] {7, 0, 9}));
        put(Mnist.TEST_IMAGES, new IdxArray(new int[] {2, 2, 2}, new byte[8]));
        put(Mnist.TEST_LABELS, new IdxArray(new int[] {2}, new byte[] {1, 2}));
        return dir;
    }

    private Path put(String name, IdxArray a) throws IOException {
        return Files.write(dir.resolve(name), IdxWriter.encode(a, false));
    }

    private String refusal(String name, byte[] bytes) throws IOException {
        Path f = Files.write(dir.resolve(name), bytes);
        return assertThrows(IdxFormatException.class, () -> Idx.read(f)).getMessage();
    }

    @Test
    @Hostile(area = "Files", input = "an IDX file given as a named pipe (FIFO), whose size reads as 0",
            outcome = "read like a regular file: its length is checked against the data as it arrives")
    void aNamedPipeIsReadLikeARegularFile() throws Exception {
        Path fifo = dir.resolve("pipe");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        Assumptions.assumeTrue(made, "mkfifo is not available here");
        byte[] bytes = IdxWriter.encode(IdxTest.sample(), false);
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, bytes);  // blocks until the reader opens the pipe
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);  // if the read fails before opening the pipe, the writer must not hold the JVM
        writer.start();
        IdxArray a = Idx.read(fifo);
        writer.join(10_000);
        assertTrue(Arrays.equals(IdxTest.sample().data(), a.data()));
        assertEquals(Arrays.toString(IdxTest.sample().dims()), Arrays.toString(a.dims()));
    }

    @Test
    @Hostile(area = "Files", input = "an IDX file cut inside its data",
            outcome = "`FILE: truncated: header says 3 x 4 x 5 = 60 bytes of data, file has 34`")
    void aFileCutInsideItsDataSaysHowMuchIsMissing() throws IOException {
        byte[] b = Arrays.copyOf(IdxWriter.encode(IdxTest.sample(), false), 16 + 34);
        assertEquals(dir.resolve("cut") + ": truncated: header says 3 x 4 x 5 = 60 bytes of data, file has 34",
                refusal("cut", b));
    }

    @Test
    @Hostile(area = "Files", input = "an IDX file cut inside its header",
            outcome = "`FILE: truncated inside header: file has 9 bytes, a header with 3 dimensions needs 16`")
    void aFileCutInsideItsHeaderSaysHowLongTheHeaderIs() throws IOException {
        byte[] b = Arrays.copyOf(IdxWriter.encode(IdxTest.sample(), false), 9);
        assertEquals(dir.resolve("head") + ": truncated inside header: file has 9 bytes, a header with 3 dimensions "
                + "needs 16", refusal("head", b));
    }

    @Test
    @Hostile(area = "Files", input = "an IDX file with the wrong magic number (e.g. a PNG)",
            outcome = "`FILE: bad magic number 0x89504E47: an IDX file starts with 00 00 (then type, dimension count)`")
    void aWrongMagicNumberIsShownInHex() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertEquals(dir.resolve("x.png") + ": bad magic number 0x89504E47: an IDX file starts with 00 00 (then type, "
                + "dimension count)", refusal("x.png", png));
    }

    @Test
    @Hostile(area = "Files", input = "an empty IDX file", outcome = "`FILE: empty file`")
    void anEmptyFileIsCalledEmpty() throws IOException {
        assertEquals(dir.resolve("empty") + ": empty file", refusal("empty", new byte[0]));
    }

    @Test
    @Hostile(area = "Files", input = "an IDX header claiming 10^9 images of 28 x 28 (raw and gzip)",
            outcome = "`FILE: too large: header says 1000000000 x 28 x 28 = more than 2147483639 elements` "
                    + "within 1 s and 32 MB allocated")
    void aHeaderClaimingABillionImagesFailsBeforeAllocating() throws IOException {
        byte[] raw = IdxTest.header(Idx.UBYTE, 100, 1_000_000_000, 28, 28);
        for (byte[] b : new byte[][] {raw, IdxTest.gzip(raw)}) {
            long t0 = System.nanoTime(), before = IdxTest.allocated();
            assertEquals(dir.resolve("huge") + ": too large: header says 1000000000 x 28 x 28 = more than 2147483639 "
                    + "elements", refusal("huge", b));
            IdxTest.assertAllocatedLessThan(before, 32 << 20, "10^9 images");
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "took " + (System.nanoTime() - t0) / 1e6 + " ms");
        }
    }

    @Test
    @Hostile(area = "Files", input = "an IDX label header claiming 10^9 labels over 100 bytes (raw)",
            outcome = "`FILE: truncated: header says 1000000000 = 1000000000 bytes of data, file has 100`, "
                    + "compared with the file length before any buffer is allocated")
    void aHeaderClaimingABillionLabelsIsComparedWithTheFileLength() throws IOException {
        byte[] b = IdxTest.header(Idx.UBYTE, 100, 1_000_000_000);
        long before = IdxTest.allocated();
        assertEquals(dir.resolve("lie") + ": truncated: header says 1000000000 = 1000000000 bytes of data, file has 100",
                refusal("lie", b));
        IdxTest.assertAllocatedLessThan(before, 1 << 20, "10^9 labels");
    }

    @Test
    @Hostile(area = "Files", input = "image and label files with different counts",
            outcome = "`image and label counts differ: DIR/t10k-images-idx3-ubyte has 2 images, "
                    + "DIR/t10k-labels-idx1-ubyte has 3 labels`")
    void differentImageAndLabelCountsNameBothFiles() throws IOException {
        mnist();
        put(Mnist.TEST_LABELS, new IdxArray(new int[] {3}, new byte[] {1, 2, 3}));
        var e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir, LoadOptions.DEFAULTS));
        assertEquals("image and label counts differ: " + dir.resolve(Mnist.TEST_IMAGES) + " has 2 images, "
                + dir.resolve(Mnist.TEST_LABELS) + " has 3 labels", e.getMessage());
    }

    @Test
    @Hostile(area = "Files", input = "a data directory that does not exist",
            outcome = "`NoSuchFileException`: `DIR: MNIST directory does not exist`")
    void aMissingDirectoryIsNamed() {
        Path none = dir.resolve("none");
        var e = assertThrows(NoSuchFileException.class, () -> Mnist.fromDirectory(none, LoadOptions.DEFAULTS));
        assertEquals(none + ": MNIST directory does not exist", e.getMessage());
    }

    @Test
    @Hostile(area = "Files", input = "a data directory that is a file",
            outcome = "`FileSystemException`: `DIR: not a directory`")
    void aFileGivenAsDirectoryIsRefused() throws IOException {
        Path f = Files.write(dir.resolve("file"), new byte[1]);
        var e = assertThrows(FileSystemException.class, () -> Mnist.fromDirectory(f, LoadOptions.DEFAULTS));
        assertEquals(f + ": not a directory", e.getMessage());
    }

    @Test
    @Hostile(area = "Files", input = "a data directory with permissions 000 (skipped when run as root)",
            outcome = "`AccessDeniedException`: `DIR: cannot read directory`")
    void anUnreadableDirectoryIsRefused() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(locked), "permissions do not stop this user (root?)");
            var e = assertThrows(AccessDeniedException.class, () -> Mnist.fromDirectory(locked, LoadOptions.DEFAULTS));
            assertEquals(locked + ": cannot read directory", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    @Hostile(area = "Files", input = "a data directory lacking some of the four files",
            outcome = "`NoSuchFileException`: `DIR: missing MNIST file(s): looked for train-labels-idx1-ubyte[.gz]`")
    void aDirectoryLackingAFileNamesIt() throws IOException {
        mnist();
        Files.delete(dir.resolve(Mnist.TRAIN_LABELS));
        var e = assertThrows(NoSuchFileException.class, () -> Mnist.fromDirectory(dir, LoadOptions.DEFAULTS));
        assertEquals(dir + ": missing MNIST file(s): looked for train-labels-idx1-ubyte[.gz]", e.getMessage());
    }
}

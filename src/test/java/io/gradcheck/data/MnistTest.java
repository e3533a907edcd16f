package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir Path dir;

    @Test
    void oneHotLabelsMayFillOneJavaArrayButNotOverflowIt() throws IdxFormatException {
        assertEquals(2_147_483_630L, Mnist.oneHotLength("l", 214_748_363, true));  // under Idx.MAX_ELEMENTS
        assertEquals(0, Mnist.oneHotLength("l", 214_748_364, false));  // class indices need no matrix
        assertEquals("l: 214748364 labels are too many for a one-hot matrix",
                assertThrows(IdxFormatException.class, () -> Mnist.oneHotLength("l", 214_748_364, true)).getMessage());
    }

    @Test
    void aDatasetMayNeedExactlyTheLimitAsDoublesButNotOneByteMore() throws IdxFormatException {
        var img = new IdxArray(new int[] {2, 2, 3}, new byte[12]);
        var lab = new IdxArray(new int[] {2}, new byte[] {3, 1});
        var hot = new LoadOptions(true, true, true);
        // 8 bytes for each of the 12 pixels and, with one-hot labels, for each of the 2 x 10 matrix entries
        assertEquals(2, Mnist.build(img, "i", lab, "l", hot, 256).size());
        assertEquals("i: too large for this JVM: 2 images of 2x3 need 256 bytes as doubles; the limit is half the "
                + "maximum heap, 255 bytes (raise it with -Xmx)", assertThrows(IdxFormatException.class,
                        () -> Mnist.build(img, "i", lab, "l", hot, 255)).getMessage());
        assertEquals(2, Mnist.build(img, "i", lab, "l", LoadOptions.DEFAULTS, 96).size());
        assertEquals("i: too large for this JVM: 2 images of 2x3 need 96 bytes as doubles; the limit is half the "
                + "maximum heap, 95 bytes (raise it with -Xmx)", assertThrows(IdxFormatException.class,
                        () -> Mnist.build(img, "i", lab, "l", LoadOptions.DEFAULTS, 95)).getMessage());
    }

    @Test
    void embeddedDigitsAreTheExpectedOnes() throws IOException {
        TrainTest tt = Mnist.embedded(new LoadOptions(false, true, false));
        // counts, first labels, sums and CRC-32s of the raw bytes, recorded when the data was made
        check(tt.train(), 8000, new int[] {9, 2, 6, 7, 6, 8, 7, 7, 3, 8}, 209315178L, 0x4c0bc8b1L, 0x416857d0L);
        check(tt.test(), 2000, new int[] {0, 8, 3, 2, 5, 4, 8, 5, 6, 6}, 52831422L, 0x8ffb949aL, 0xc0b8cbbfL);
    }

    static void check(Dataset d, int n, int[] first, long sum, long crcX, long crcY) {
        assertEquals(n, d.size());
        assertArrayEquals(new int[] {n, 784}, d.shape());
        assertEquals(28, d.rows());
        assertEquals(28, d.cols());
        assertArrayEquals(first, Arrays.copyOf(d.labels(), 10));
        int[] per = new int[10];
        for (int y : d.labels()) per[y]++; // an out-of-range label would throw here
        for (int k = 0; k < 10; k++) assertTrue(per[k] > n / 20, "class " + k + " has " + per[k]);
        var cx = new CRC32();
        long s = 0;
        for (double v : d.images()) {
            assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "raw pixel " + v);
            cx.update((int) v);
            s += (long) v;
        }
        var cy = new CRC32();
        for (int y : d.labels()) cy.update(y);
        assertEquals(sum, s);
        assertEquals(crcX, cx.getValue(), "image CRC-32");
        assertEquals(crcY, cy.getValue(), "label CRC-32");
    }

    @Test
    void optionsNormalizeShapeAndOneHot() throws IOException {
        TrainTest raw = Mnist.embedded(new LoadOptions(false, true, false));
        Dataset d = Mnist.embedded(new LoadOptions(true, false, true)).test();
        assertArrayEquals(new int[] {2000, 1, 28, 28}, d.shape());
        double max = 0;
        for (int i = 0; i < d.images().length; i++) {
            assertEquals(raw.test().images()[i] / 255.0, d.images()[i], 0.0);
            max = Math.max(max, d.images()[i]);
        }
        assertTrue(max > 0.99 && max <= 1, "max " + max);
        for (int i = 0; i < d.size(); i++) {
            double[] row = Arrays.copyOfRange(d.oneHot(), 10 * i, 10 * i + 10);
            assertEquals(1.0, row[d.labels()[i]]);
            assertEquals(1.0, Arrays.stream(row).sum());
        }
        assertNull(Mnist.embedded(LoadOptions.DEFAULTS).train().oneHot());
        assertEquals(new LoadOptions(true, true, false), LoadOptions.DEFAULTS);
    }

    /** Writes a tiny valid MNIST directory: 3 training and 2 test images of 2 x 2. */
    void tinyMnist(boolean gz, String... skip) throws IOException {
        write(Mnist.TRAIN_IMAGES, new IdxArray(new int[] {3, 2, 2}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255}), gz, skip);
        write(Mnist.TRAIN_LABELS, new IdxArray(new int[] {3}, new byte[] {7, 0, 9}), gz, skip);
        write(Mnist.TEST_IMAGES, new IdxArray(new int[] {2, 2, 2}, new byte[8]), gz, skip);
        write(Mnist.TEST_LABELS, new IdxArray(new int[] {2}, new byte[] {1, 2}), gz, skip);
    }

    void write(String name, IdxArray a, boolean gz, String... skip) throws IOException {
        if (!Arrays.asList(skip).contains(name)) Files.write(dir.resolve(name + (gz ? ".gz" : "")), IdxWriter.encode(a, gz));
    }

    @Test
    void fromDirectoryReadsRawAndGzip() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            tinyMnist(gz);
            TrainTest tt = Mnist.fromDirectory(dir, new LoadOptions(false, false, true));
            assertArrayEquals(new int[] {3, 1, 2, 2}, tt.train().shape());
            assertArrayEquals(new int[] {7, 0, 9}, tt.train().labels());
            assertEquals(255.0, tt.train().images()[11]);
            assertEquals(1.0, tt.train().oneHot()[7]);
            assertArrayEquals(new int[] {1, 2}, tt.test().labels());
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) Files.delete(p);
            }
        }
    }

    @Test
    void fromDirectoryNamesWhatIsMissing() throws IOException {
        var e = assertThrows(NoSuchFileException.class, () -> Mnist.fromDirectory(dir.resolve("nope"), LoadOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist"), e.getMessage());
        Path f = Files.write(dir.resolve("plain"), new byte[1]);
        var n = assertThrows(FileSystemException.class, () -> Mnist.fromDirectory(f, LoadOptions.DEFAULTS));
        assertTrue(n.getMessage().contains("not a directory"), n.getMessage());
        tinyMnist(true, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES);
        var m = assertThrows(NoSuchFileException.class, () -> Mnist.fromDirectory(dir, LoadOptions.DEFAULTS));
        assertTrue(m.getMessage().contains("looked for train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz]"),
                m.getMessage());
    }

    @Test
    void mismatchedCountsNameBothFiles() throws IOException {
        tinyMnist(false);
        write(Mnist.TEST_LABELS, new IdxArray(new int[] {3}, new byte[] {1, 2, 3}), false);
        var e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir, LoadOptions.DEFAULTS));
        assertTrue(e.getMessage().matches("image and label counts differ: .*t10k-images-idx3-ubyte has 2 images, "
                + ".*t10k-labels-idx1-ubyte has 3 labels"), e.getMessage());
    }

    @Test
    void wrongRanksAndLabelsAreRefused() throws IOException {
        var img = new IdxArray(new int[] {2, 2, 2}, new byte[8]);
        var lab = new IdxArray(new int[] {2}, new byte[] {3, 10});
        var e = assertThrows(IdxFormatException.class, () -> Mnist.build(img, "i", lab, "l", LoadOptions.DEFAULTS));
        assertEquals("l: label 10 at index 1 is not in 0..9", e.getMessage());
        var flat = new IdxArray(new int[] {2, 4}, new byte[8]);
        var r = assertThrows(IdxFormatException.class, () -> Mnist.build(flat, "i", lab, "l", LoadOptions.DEFAULTS));
        assertTrue(r.getMessage().startsWith("i: images need 3 dimensions"), r.getMessage());
        var r1 = assertThrows(IdxFormatException.class, () -> Mnist.build(img, "i", img, "l", LoadOptions.DEFAULTS));
        assertTrue(r1.getMessage().startsWith("l: labels need 1 dimension"), r1.getMessage());
    }

    @Test
    void fashionMnistIfInstalled() throws IOException {
        Path f = Path.of("/usr/share/datasets/fashion-mnist");
        Assumptions.assumeTrue(Files.isDirectory(f), "Debian package dataset-fashion-mnist not installed");
        TrainTest tt = Mnist.fromDirectory(f, LoadOptions.DEFAULTS);
        assertEquals(60000, tt.train().size());
        assertEquals(10000, tt.test().size());
    }
}

package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    @TempDir
    Path dir;

    @Test
    void parametersRoundTripBitForBit() throws IOException {
        SimpleConvNet a = new SimpleConvNet(NetConfig.book(1)), b = new SimpleConvNet(NetConfig.book(2));
        Path f = dir.resolve("params.npz");
        Npz.save(f, a);
        Npz.load(f, b);
        assertTrue(Tiny.bitwiseEqual(a.params(), b.params()));
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), List.copyOf(Npz.read(f).keySet()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void headersAreTheOnesNumpyWrites() {
        byte[] w = Npy.write(Tensor.zeros(30, 1, 5, 5)), b = Npy.write(Tensor.zeros(30));
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (30, 1, 5, 5), }", Npy.header(w).strip());
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (30,), }", Npy.header(b).strip());
        assertEquals(0, (w.length - 8 * 750) % 64, "data starts on a 64-byte boundary");
        assertEquals('\n', Npy.header(b).charAt(Npy.header(b).length() - 1));
    }

    @Test
    void valuesAreLittleEndianDoublesInCOrder() throws IOException {
        byte[] npy = Npy.write(Tensor.of(new double[] {1.5, -2, 3, 4}, 2, 2));
        ByteBuffer data = ByteBuffer.wrap(npy, npy.length - 32, 32).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5, data.getDouble());
        assertEquals(-2.0, data.getDouble());
        Tensor t = Npy.read(new java.io.ByteArrayInputStream(npy), "t");
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertArrayEquals(new double[] {1.5, -2, 3, 4}, t.data());
    }

    /** An NPY file with any header text and {@code values} doubles of data. */
    private static byte[] npy(int major, String dict, int values) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + 8 * values).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0}).putShort((short) h.length).put(h);
        return b.array();
    }

    private Path npz(String entry, byte[] content) throws IOException {
        Path f = dir.resolve("hostile.npz");
        try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry(entry));  // deflated, as numpy.savez_compressed writes
            z.write(content);
            z.closeEntry();
        }
        return f;
    }

    private String refusal(byte[] content) throws IOException {
        Path f = npz("W1.npy", content);
        return assertThrows(CheckpointException.class, () -> Npz.read(f)).getMessage()
                .substring((f + ": W1.npy: ").length());
    }

    @Test
    void hostileHeadersAreRefusedWithClearMessages() throws IOException {
        String ok = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
        assertEquals(6, Npz.read(npz("W1.npy", npy(1, ok, 6))).get("W1").size());
        byte[] wrongMagic = npy(1, ok, 6);
        wrongMagic[1] = 'X';
        assertEquals("not an NPY file (wrong magic bytes)", refusal(wrongMagic));
        assertEquals("NPY version 9.0 is not supported (1.0 or 2.0)", refusal(npy(9, ok, 6)));
        assertEquals("shape has more than 16777216 elements, the limit",
                refusal(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", 0)));
        assertEquals("shape has a dimension of more than 10 digits, over the limit of 16777216 elements",
                refusal(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 99999999999999999999), }", 0)));
        assertEquals("dtype '<f4' is not supported, expected '<f8' (float64, little-endian)",
                refusal(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 3)));
        assertEquals("dtype '>f8' is not supported, expected '<f8' (float64, little-endian)",
                refusal(npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (2, 3), }", 6)));
        assertEquals("fortran_order True is not supported, expected False (C order)",
                refusal(npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", 6)));
        assertEquals("shape [] is empty; only arrays with at least one element are supported",
                refusal(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 1)));
        assertEquals("shape [3, 0] is empty; only arrays with at least one element are supported",
                refusal(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 0), }", 0)));
        assertEquals("header: shape must be a tuple of non-negative integers: 'descr': '<f8', 'fortran_order': False, "
                        + "'shape': (-1, 3),",
                refusal(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 3), }", 0)));
        assertEquals("unexpected key 'evil' in header {'descr': '<f8', 'evil': 1}",
                refusal(npy(1, "{'descr': '<f8', 'evil': 1}", 0)));
        assertEquals("header is not a Python dict: __import__('os')", refusal(npy(1, "__import__('os')", 0)));
        assertEquals("header lacks descr, fortran_order or shape: {'descr': '<f8'}", refusal(npy(1, "{'descr': '<f8'}", 0)));
        assertEquals("truncated NPY data: shape [2, 3] needs 48 bytes, the entry has 40", refusal(npy(1, ok, 5)));
        assertEquals("extra bytes after the 6 values of shape [2, 3]", refusal(npy(1, ok, 7)));
        assertEquals("truncated NPY data", refusal(new byte[] {(byte) 0x93, 'N', 'U'}));
    }

    @Test
    void foreignFilesAndShapesAreRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("x.npz"), "not a zip");
        var e = assertThrows(CheckpointException.class, () -> Npz.read(text));
        assertTrue(e.getMessage().startsWith(text + ": not an .npz (zip) file: "), e.getMessage());
        Path other = npz("readme.txt", new byte[3]);
        e = assertThrows(CheckpointException.class, () -> Npz.read(other));
        assertEquals(other + ": readme.txt: not an .npy entry", e.getMessage());

        Path small = dir.resolve("tiny.npz");
        Npz.save(small, new SimpleConvNet(Tiny.net(1)));
        SimpleConvNet book = new SimpleConvNet(NetConfig.book(1));
        double[] before = book.params().get("W1").data().clone();
        e = assertThrows(CheckpointException.class, () -> Npz.load(small, book));
        assertEquals(small + ": was saved from another network shape: parameter W1 is [3, 1, 3, 3] in the file but "
                + "[30, 1, 5, 5] here", e.getMessage());
        assertArrayEquals(before, book.params().get("W1").data());
        Npz.write(small, Map.of("W1", Tensor.zeros(2)));
        e = assertThrows(CheckpointException.class, () -> Npz.load(small, book));
        assertEquals(small + ": parameter names differ: the file has [W1], the net has [W1, b1, W2, b2, W3, b3]",
                e.getMessage());
    }

    /**
     * Files written by NumPy 2.4 (zip64 entries, stored and deflated), made with
     * {@code a = np.arange(6.).reshape(2, 3) / 4; b = np.array([-1.5, 0., 2.**-30, 1e300])} and
     * {@code np.savez(f, a=a, b=b)}, {@code np.savez_compressed(g, a=a, b=b)}.
     */
    @Test
    void filesWrittenByNumpyLoadWithTheirCrcChecked() throws Exception {
        for (String name : new String[] {"numpy-savez.npz", "numpy-savez-compressed.npz"}) {
            Path f = Path.of(NpzTest.class.getResource(name).toURI());
            Map<String, Tensor> m = Npz.read(f);
            assertEquals(List.of("a", "b"), List.copyOf(m.keySet()), name);
            assertArrayEquals(new int[] {2, 3}, m.get("a").shape(), name);
            assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1, 1.25}, m.get("a").data(), 0.0, name);
            assertArrayEquals(new double[] {-1.5, 0, Math.scalb(1.0, -30), 1e300}, m.get("b").data(), 0.0, name);
        }
    }
}

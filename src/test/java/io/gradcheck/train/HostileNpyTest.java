package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.reliability.Hostile;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each hostile .npz or NPY header gives one pinned line naming the file and the entry; nothing is loaded. */
class HostileNpyTest {
    private static final String OK = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";

    @TempDir
    Path dir;

    /** An .npz with one deflated entry W1.npy holding {@code npy}. */
    private Path npz(byte[] npy) throws IOException {
        Path f = dir.resolve("h.npz");
        try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("W1.npy"));
            z.write(npy);
            z.closeEntry();
        }
        return f;
    }

    /** The message for an .npz whose W1.npy has this header and {@code values} doubles, after "FILE: W1.npy: ". */
    private String refusal(String dict, int values) throws IOException {
        return refusal(NpzPropertyTest.npy(dict, values));
    }

    private String refusal(byte[] npy) throws IOException {
        Path f = npz(npy);
        return assertThrows(CheckpointException.class, () -> Npz.read(f)).getMessage().substring((f + ": W1.npy: ").length());
    }

    private static String dict(String descr, String fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
    }

    @Test
    @Hostile(area = "Files", input = "NPY shapes of 10^10 elements, or a 20-digit dimension",
            outcome = "`FILE: W1.npy: shape has more than 16777216 elements, the limit`; nothing allocated")
    void hugeShapesAreRefusedBeforeAllocating() throws IOException {
        assertEquals("shape has more than 16777216 elements, the limit", refusal(dict("<f8", "False", "(100000, 100000)"), 0));
        assertEquals("shape has a dimension of more than 10 digits, over the limit of 16777216 elements",
                refusal(dict("<f8", "False", "(4, 99999999999999999999)"), 0));
    }

    @Test
    @Hostile(area = "Files", input = "an NPY header claiming 2^24 doubles (128 MB) over 8 bytes of data",
            outcome = "`FILE: W1.npy: truncated NPY data: shape [4096, 4096] needs 134217728 bytes, the entry has 8`, "
                    + "with less than 4 MB allocated")
    void aShapeLargerThanTheDataIsRefusedWithoutAllocatingIt() throws IOException {
        byte[] npy = NpzPropertyTest.npy(dict("<f8", "False", "(4096, 4096)"), 1);
        long before = allocated();
        assertEquals("truncated NPY data: shape [4096, 4096] needs 134217728 bytes, the entry has 8", refusal(npy));
        long after = allocated();
        assertTrue(before < 0 || after - before < 4 << 20, "allocated " + (after - before) + " bytes");
    }

    /** Bytes allocated so far by this thread, or -1 if the JVM cannot tell. */
    private static long allocated() {
        var mx = ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    @Test
    @Hostile(area = "Files", input = "an NPY shape with a negative dimension",
            outcome = "`FILE: W1.npy: header: shape must be a tuple of non-negative integers: ...`")
    void negativeDimensionsAreRefused() throws IOException {
        assertEquals("header: shape must be a tuple of non-negative integers: 'descr': '<f8', 'fortran_order': False, "
                + "'shape': (2, -3),", refusal(dict("<f8", "False", "(2, -3)"), 6));
    }

    @Test
    @Hostile(area = "Files", input = "NPY dtypes `<f4`, `>f8` and `|O` (pickled Python objects)",
            outcome = "`FILE: W1.npy: dtype '|O' is not supported, expected '<f8' (float64, little-endian)`; "
                    + "nothing is unpickled")
    void otherDtypesAndPicklesAreRefused() throws IOException {
        for (String d : new String[] {"<f4", ">f8", "|O"}) {
            assertEquals("dtype '" + d + "' is not supported, expected '<f8' (float64, little-endian)",
                    refusal(dict(d, "False", "(2, 3)"), 6));
        }
    }

    @Test
    @Hostile(area = "Files", input = "an NPY array in Fortran order",
            outcome = "`FILE: W1.npy: fortran_order True is not supported, expected False (C order)`")
    void fortranOrderIsRefused() throws IOException {
        assertEquals("fortran_order True is not supported, expected False (C order)", refusal(dict("<f8", "True", "(2, 3)"), 6));
    }

    @Test
    @Hostile(area = "Files", input = "an NPY header length (v1: 60,000; v2: 4 GiB) beyond the file",
            outcome = "`FILE: W1.npy: truncated NPY data`, or `NPY header of 4294967295 bytes is longer than 65536`")
    void aHeaderLengthBeyondTheFileIsRefused() throws IOException {
        byte[] v1 = NpzPropertyTest.npy(OK, 6);
        ByteBuffer.wrap(v1).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 60_000);
        assertEquals("truncated NPY data", refusal(v1));
        byte[] v2 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(-1).array();
        assertEquals("NPY header of 4294967295 bytes is longer than 65536", refusal(v2));
    }

    @Test
    @Hostile(area = "Files", input = "an NPY header with non-ASCII bytes, a newline or NUL in it",
            outcome = "`FILE: W1.npy: unexpected key '\\xe9\\x00' in header {...}`: one line, bytes shown as hex escapes")
    void nonAsciiHeadersAreQuotedOnOneLine() throws IOException {
        assertEquals("unexpected key '\\xe9\\x00' in header {'descr': '<f8', '\\xe9\\x00': 1}",
                refusal("{'descr': '<f8', '\u00e9\u0000': 1}", 0));
        assertEquals("header is not a Python dict: }\\x0a{'descr': '<f8'", refusal("}\n{'descr': '<f8'", 0));
    }

    @Test
    @Hostile(area = "Files", input = "nested garbage in an NPY header: a dict as dtype, a tuple inside the shape",
            outcome = "`FILE: W1.npy: header: expected a quoted string at character 9 of ...`")
    void nestedGarbageIsRefused() throws IOException {
        assertEquals("header: expected a quoted string at character 9 of 'descr': {'a': ('<f8',)}, 'shape': (2,)",
                refusal("{'descr': {'a': ('<f8',)}, 'shape': (2,)}", 0));
        assertEquals("header: shape must be a tuple of non-negative integers: 'descr': '<f8', 'fortran_order': False, "
                + "'shape': ((2, 3),),", refusal(dict("<f8", "False", "((2, 3),)"), 6));
    }

    @Test
    @Hostile(area = "Files", input = "an .npz whose stored data fails its CRC-32 (a flipped bit in a weight)",
            outcome = "`FILE: W1.npy: CRC-32 mismatch: the entry is corrupt`; the net is unchanged")
    void aFlippedBitInAWeightFailsTheCrc() throws IOException {
        Path f = dir.resolve("w.npz");
        SimpleConvNet net = new SimpleConvNet(Tiny.net(1));
        Npz.save(f, net);
        byte[] b = Files.readAllBytes(f);
        int w1 = indexOf(b, "W1.npy".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b[w1 + 6 + 128 + 8] ^= 0x01;  // past the name, the 128-byte NPY header and the first double
        Files.write(f, b);
        SimpleConvNet other = new SimpleConvNet(Tiny.net(2));
        double[] before = other.params().get("W1").data().clone();
        var e = assertThrows(CheckpointException.class, () -> Npz.load(f, other));
        assertEquals(f + ": W1.npy: CRC-32 mismatch: the entry is corrupt", e.getMessage());
        assertEquals(Arrays.toString(before), Arrays.toString(other.params().get("W1").data()));
    }

    @Test
    @Hostile(area = "Files", input = "an .npz cut in half",
            outcome = "`FILE: not an .npz (zip) file: zip END header not found`")
    void aTruncatedNpzIsNotAZip() throws IOException {
        Path f = dir.resolve("cut.npz");
        Npz.save(f, new SimpleConvNet(Tiny.net(1)));
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length / 2));
        var e = assertThrows(CheckpointException.class, () -> Npz.read(f));
        assertEquals(f + ": not an .npz (zip) file: zip END header not found", e.getMessage());
    }

    private static int indexOf(byte[] b, byte[] what) {
        for (int i = 0; i + what.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}

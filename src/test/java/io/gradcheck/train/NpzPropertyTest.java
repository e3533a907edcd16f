package io.gradcheck.train;

import static io.gradcheck.train.CheckpointPropertyTest.at;
import static io.gradcheck.train.CheckpointPropertyTest.fraction;
import static io.gradcheck.train.CheckpointPropertyTest.loadsOrIsRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import io.gradcheck.check.Generators;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.reliability.Hostile;
import io.gradcheck.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Random damage to a valid .npz (stored as {@code numpy.savez} writes it, or deflated as
 * {@code savez_compressed} does) and to NPY headers either loads exactly the original arrays or is
 * refused with a one-line {@link CheckpointException}. Seed {@link Generators#SEED},
 * {@link Generators#TRIES} examples per property.
 */
class NpzPropertyTest {
    /** Characters of NPY headers and a few that have no business there. */
    static final String ALPHABET = "{}()[]:,' \"<>|=f8420O1-9eE.TrueFalsdcriphnot_\n\t\0\u00e9\u00ff\\";

    @TempDir
    Path dir;
    final Map<String, Tensor> params = new SimpleConvNet(Tiny.net(7)).params();
    final byte[][] valid = new byte[2][];

    NpzPropertyTest() throws IOException {
        Path f = Files.createTempFile("gradcheck-property", ".npz");
        try {
            Npz.write(f, params);
            valid[0] = Files.readAllBytes(f);
        } finally {
            Files.delete(f);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));  // deflated
                z.write(Npy.write(e.getValue()));
                z.closeEntry();
            }
        }
        valid[1] = out.toByteArray();
    }

    @Test
    @Hostile(area = "Files", input = "every strict prefix of an .npz, stored or deflated (QuickTheories, random cut)",
            outcome = "a one-line `CheckpointException` naming the file; never another exception")
    void everyStrictPrefixIsRefused() {
        Generators.theory().forAll(booleans().all(), fraction()).checkAssert((deflated, k) -> {
            byte[] v = valid[deflated ? 1 : 0];
            int len = at(k, v.length);
            String what = "seed " + Generators.SEED + ": " + (deflated ? "deflated" : "stored") + " prefix of " + len
                    + "/" + v.length + " bytes";
            Path f = write(Arrays.copyOf(v, len));
            assertFalse(loadsOrIsRefused(what, f, () -> Npz.read(f)), what + " loaded");
        });
    }

    @Test
    @Hostile(area = "Files", input = "an .npz with one byte flipped, stored or deflated (QuickTheories, random "
            + "position and mask)",
            outcome = "a one-line `CheckpointException` (zip structure, CRC-32, NPY header), or the original values "
                    + "(`Npz.load` into a net: the original weights); never another exception")
    void aFlippedByteLoadsTheOriginalValuesOrIsRefused() {
        Generators.theory().forAll(booleans().all(), fraction(), integers().between(1, 255))
                .checkAssert((deflated, k, mask) -> {
                    byte[] b = valid[deflated ? 1 : 0].clone();
                    int i = at(k, b.length);
                    b[i] ^= mask;
                    String what = String.format("seed %d: %s byte %d of %d xor 0x%02X", Generators.SEED,
                            deflated ? "deflated" : "stored", i, b.length, mask);
                    Path f = write(b);
                    AtomicReference<Map<String, Tensor>> got = new AtomicReference<>();
                    if (loadsOrIsRefused(what, f, () -> got.set(Npz.read(f)))) {
                        // the zip's names carry no checksum: a renamed entry may load, but with the original values
                        List<Tensor> want = List.copyOf(params.values()), have = List.copyOf(got.get().values());
                        for (int j = 0; j < want.size(); j++) {
                            assertArrayEquals(want.get(j).data(), have.get(j).data(), 0.0, what + ": array " + j);
                        }
                    }
                    SimpleConvNet net = new SimpleConvNet(Tiny.net(8));
                    if (loadsOrIsRefused(what, f, () -> Npz.load(f, net))) {
                        assertTrue(Tiny.bitwiseEqual(params, net.params()), what + ": Npz.load gave other weights");
                    }
                });
    }

    /** A valid NPY header dict with 1 to 4 random edits (replace, insert or delete) from {@link #ALPHABET}. */
    static Gen<String> damagedHeaders() {
        String ok = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
        return Generators.from(r -> {
            StringBuilder s = new StringBuilder(ok);
            int edits = r.between(1, 4);
            for (int e = 0; e < edits; e++) {
                int i = r.between(0, s.length()), op = r.between(0, 2);
                char c = ALPHABET.charAt(r.between(0, ALPHABET.length() - 1));
                if (op == 0 && i < s.length()) {
                    s.setCharAt(i, c);
                } else if (op == 1 || s.length() == 0) {
                    s.insert(i, c);
                } else {
                    s.deleteCharAt(Math.min(i, s.length() - 1));
                }
            }
            return s.toString();
        });
    }

    @Test
    @Hostile(area = "Files", input = "NPY headers with random edits: quotes, brackets, dtypes, signs, non-ASCII, NUL "
            + "(QuickTheories)",
            outcome = "a one-line `CheckpointException`, or an array whose size matches its shape; never another "
                    + "exception")
    void aDamagedHeaderGivesAnArrayOfItsShapeOrIsRefused() {
        Generators.theory().forAll(damagedHeaders(), integers().between(0, 8)).checkAssert((h, values) -> {
            byte[] npy = npy(h, values);
            String what = "seed " + Generators.SEED + ": header " + h.replace("\n", "\\n") + " with " + values
                    + " values";
            Tensor t;
            try {
                t = Npy.read(new ByteArrayInputStream(npy), "x.npy");
            } catch (CheckpointException e) {
                assertTrue(e.getMessage().startsWith("x.npy: ") && !e.getMessage().contains("\n"), what + ": " + e);
                return;
            } catch (Throwable e) {
                throw new AssertionError(what + ": expected an array or a CheckpointException, got " + e, e);
            }
            assertEquals(values, t.size(), what);
        });
    }

    /** An NPY v1.0 file with the given header text (ISO-8859-1) and {@code values} doubles 0, 1, 2, .... */
    static byte[] npy(String dict, int values) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + 8 * values).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        for (int i = 0; i < values; i++) {
            b.putDouble(i);
        }
        return b.array();
    }

    Path write(byte[] b) {
        try {
            return Files.write(dir.resolve("p.npz"), b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theValidFilesLoadSoTheDamageIsWhatFails() throws IOException {
        for (byte[] v : valid) {
            assertTrue(Tiny.bitwiseEqual(params, Npz.read(write(v))));
        }
        List<String> keys = new ArrayList<>(Npz.read(write(valid[1])).keySet());
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), keys);
    }
}

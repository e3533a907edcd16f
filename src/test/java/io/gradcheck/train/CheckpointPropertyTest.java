package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import io.gradcheck.check.Generators;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.reliability.Hostile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Random damage to a valid checkpoint is refused with a one-line {@link CheckpointException}, never
 * another exception. Seed {@link Generators#SEED}, {@link Generators#TRIES} examples per property.
 */
class CheckpointPropertyTest {
    static final int STEPS = 10_000;  // positions are drawn as fractions k/STEPS of the length

    @TempDir
    Path dir;
    final byte[] valid;

    CheckpointPropertyTest() throws IOException {
        Trainer t = Tiny.trainer(Tiny.config(1), 48);
        t.run(p -> { });
        Path f = Files.createTempFile("gradcheck-property", ".ckpt");
        try {
            Checkpoint.of(t).write(f);
            valid = Files.readAllBytes(f);
        } finally {
            Files.delete(f);
        }
    }

    /** A position in a file of {@code length} bytes, drawn as a fraction so that it shrinks toward 0. */
    static Gen<Integer> fraction() {
        return integers().between(0, STEPS - 1);
    }

    static int at(int fraction, int length) {
        return (int) ((long) fraction * length / STEPS);
    }

    interface Load {
        void run() throws IOException;
    }

    /**
     * Runs {@code load}; a {@link CheckpointException} must name the file on one line. Returns
     * whether it loaded.
     */
    static boolean loadsOrIsRefused(String what, Path f, Load load) {
        try {
            load.run();
            return true;
        } catch (CheckpointException e) {
            String m = e.getMessage();
            assertTrue(m.startsWith(f + ": ") && !m.contains("\n") && !m.contains("\r"), what + ": message " + m);
            return false;
        } catch (Throwable t) {
            throw new AssertionError(what + ": expected a load or a CheckpointException, got " + t, t);
        }
    }

    @Test
    @Hostile(area = "Files", input = "every strict prefix of a checkpoint (QuickTheories, random cut)",
            outcome = "a one-line `CheckpointException` naming the file; never another exception")
    void everyStrictPrefixIsRefused() {
        Generators.theory().forAll(fraction()).checkAssert(k -> {
            int len = at(k, valid.length);
            String what = "seed " + Generators.SEED + ": prefix of " + len + "/" + valid.length + " bytes";
            Path f = write(Arrays.copyOf(valid, len));
            assertFalse(loadsOrIsRefused(what, f, () -> Checkpoint.read(f)), what + " loaded");
        });
    }

    @Test
    @Hostile(area = "Files", input = "a checkpoint with one byte flipped (QuickTheories, random position and mask)",
            outcome = "a one-line `CheckpointException` (checksum, magic, version or length); never another exception")
    void aFlippedByteIsRefused() {
        Generators.theory().forAll(fraction(), integers().between(1, 255)).checkAssert((k, mask) -> {
            byte[] b = valid.clone();
            int i = at(k, b.length);
            b[i] ^= mask;
            String what = String.format("seed %d: byte %d of %d xor 0x%02X", Generators.SEED, i, b.length, mask);
            Path f = write(b);
            assertFalse(loadsOrIsRefused(what, f, () -> Checkpoint.read(f)), what + " loaded");
        });
    }

    @Test
    @Hostile(area = "Files", input = "a checkpoint with payload bytes changed and the SHA-256 recomputed "
            + "(QuickTheories: 1-4 random bytes)",
            outcome = "a one-line `CheckpointException`, or a load whose net can be built and restored; "
                    + "never another exception, never an allocation beyond the file's size")
    void aResignedPayloadLoadsOrIsRefused() {
        Gen<List<Integer>> flips = integers().between(1, 4).flatMap(n -> Generators.from(r -> {
            List<Integer> a = new ArrayList<>();
            for (int j = 0; j < 2 * n; j++) {
                a.add(j % 2 == 0 ? r.between(0, STEPS - 1) : r.between(1, 255));  // position fraction, then mask
            }
            return a;
        }));
        Generators.theory().forAll(flips).checkAssert(fl -> {
            int n = valid.length - Checkpoint.HEADER - Checkpoint.DIGEST;
            byte[] payload = Arrays.copyOfRange(valid, Checkpoint.HEADER, Checkpoint.HEADER + n);
            StringBuilder what = new StringBuilder("seed " + Generators.SEED + ": payload of " + n + " bytes, xor");
            for (int j = 0; j < fl.size(); j += 2) {
                int i = at(fl.get(j), n);
                payload[i] ^= fl.get(j + 1);
                what.append(String.format(" 0x%02X at %d", fl.get(j + 1), i));
            }
            byte[] b = valid.clone();
            System.arraycopy(payload, 0, b, Checkpoint.HEADER, n);
            System.arraycopy(Checkpoint.sha256(payload), 0, b, b.length - Checkpoint.DIGEST, Checkpoint.DIGEST);
            Path f = write(b);
            loadsOrIsRefused(what.toString(), f, () -> {
                Checkpoint c = Checkpoint.read(f);
                SimpleConvNet net = new SimpleConvNet(c.net());
                c.restoreParams(net, f.toString());
                c.restore(Tiny.trainer(Tiny.config(3), 48), f.toString());
            });
        });
    }

    @Test
    void theValidFileLoadsSoTheDamageIsWhatFails() throws IOException {
        Checkpoint c = Checkpoint.read(write(valid));
        assertEquals(1, c.epoch());
        assertArrayEquals(new int[] {3, 1, 3, 3}, c.params().get("W1").shape());
    }

    Path write(byte[] b) {
        try {
            return Files.write(dir.resolve("p.ckpt"), b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

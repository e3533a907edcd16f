package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.reliability.Hostile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that saves after every epoch, as {@code train --save} does, and then fails in the middle of an epoch. */
class FailedRunTest {
    @TempDir
    Path dir;

    /** Stands for whatever goes wrong mid-epoch: a bug, an OutOfMemoryError, a failing disk. */
    private static final class Injected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Injected() {
            super("injected at epoch 2 step 2");
        }
    }

    @Test
    @Hostile(area = "Nothing lost", input = "an exception in the middle of epoch 2 of a run that saves every epoch",
            outcome = "the epoch-1 checkpoint is intact byte for byte, no temporary file is left, and resuming from it "
                    + "ends with the weights of an uninterrupted run")
    void anExceptionMidEpochLeavesTheLastCheckpointIntactAndResumable() throws IOException {
        Path f = dir.resolve("run.ckpt");
        byte[][] lastSaved = new byte[1][];
        Trainer t = Tiny.trainer(Tiny.config(3), 100);
        var e = assertThrows(Injected.class, () -> t.run(p -> {
            if (p.epochEnd()) {
                try {
                    Checkpoint.of(t).write(f);
                    lastSaved[0] = Files.readAllBytes(f);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            } else if (p.epoch() == 2 && p.step() == 2) {
                throw new Injected();
            }
        }));
        assertEquals("injected at epoch 2 step 2", e.getMessage());
        assertArrayEquals(lastSaved[0], Files.readAllBytes(f), "the checkpoint of epoch 1 is unchanged");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }

        Checkpoint c = Checkpoint.read(f);
        assertEquals(1, c.epoch());
        assertEquals(0, c.step());
        Trainer resumed = Tiny.trainer(Tiny.config(3), 100);
        c.restore(resumed, f.toString());
        History h = resumed.run(p -> { });
        Trainer whole = Tiny.trainer(Tiny.config(3), 100);
        History expected = whole.run(p -> { });
        assertTrue(Tiny.bitwiseEqual(whole.net().params(), resumed.net().params()), "same weights as an uninterrupted run");
        assertArrayEquals(expected.losses(), h.losses());
        assertArrayEquals(expected.testAcc(), h.testAcc());
    }
}

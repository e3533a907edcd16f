package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format version 3 records the slices; version 2 files, which have none, still load as one slice. */
class CheckpointSlicesTest {
    @TempDir
    Path dir;

    private static Trainer trained(TrainConfig cfg) {
        Trainer t = Tiny.trainer(cfg, 64);
        t.run(p -> { });
        return t;
    }

    @Test
    void theSlicesAreSavedAndARunWithOtherSlicesIsNotResumed() throws IOException {
        Path f = dir.resolve("two.ckpt");
        Checkpoint.of(trained(Tiny.config(1).withSlices(2))).write(f);
        Checkpoint c = Checkpoint.read(f);
        assertEquals(2, c.train().slices());
        Trainer other = Tiny.trainer(Tiny.config(2).withSlices(3), 64);
        var e = assertThrows(CheckpointException.class, () -> c.restore(other, "two.ckpt"));
        assertEquals("two.ckpt: cannot resume this run: checkpoint vs run differ in slices 2 vs 3", e.getMessage());
        Trainer same = Tiny.trainer(Tiny.config(2).withSlices(2), 64);
        c.restore(same, "two.ckpt");
        assertEquals(1, same.epoch());
    }

    @Test
    void aVersion2FileLoadsAsOneSlice() throws IOException {
        Path f = dir.resolve("v3.ckpt");
        Trainer t = trained(Tiny.config(1).withSlices(1));  // what a version-2 run was: one slice
        Checkpoint.of(t).write(f);
        byte[] b = Files.readAllBytes(f);
        byte[] payload = Arrays.copyOfRange(b, Checkpoint.HEADER, b.length - Checkpoint.DIGEST);
        // net config: 9 ints, a double, a long; then epochs, batch, the optimizer's UTF name, lr, seed, limit
        int at = 9 * 4 + 8 + 8 + 4 + 4 + 2 + "adam".getBytes(StandardCharsets.UTF_8).length + 8 + 8 + 4;
        assertEquals(1, ByteBuffer.wrap(payload).getInt(at), "the slices int of a version-3 payload");
        byte[] old = new byte[payload.length - 4];  // the version-2 payload: the same without the slices
        System.arraycopy(payload, 0, old, 0, at);
        System.arraycopy(payload, at + 4, old, at, payload.length - at - 4);
        ByteBuffer v2 = ByteBuffer.allocate(Checkpoint.HEADER + old.length + Checkpoint.DIGEST);
        v2.put(Checkpoint.MAGIC).putInt(2).putLong(old.length).put(old).put(Checkpoint.sha256(old));
        Path g = Files.write(dir.resolve("v2.ckpt"), v2.array());
        Checkpoint c = Checkpoint.read(g);
        assertEquals(1, c.train().slices());
        assertEquals(Checkpoint.read(f).train(), c.train());
        Trainer resumed = Tiny.trainer(Tiny.config(2).withSlices(1), 64);
        c.restore(resumed, "v2.ckpt");
        assertTrue(Tiny.bitwiseEqual(t.net().params(), resumed.net().params()));
    }
}

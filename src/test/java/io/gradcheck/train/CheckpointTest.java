package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.reliability.Hostile;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    /** Thrown by a listener to stop a run in the middle, as Ctrl-C does. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private Trainer trainedOneEpoch() {
        Trainer t = Tiny.trainer(Tiny.config(3), 100);
        try {
            t.run(p -> {
                if (p.epochEnd()) {
                    throw new Stop();
                }
            });
        } catch (Stop e) {
            // stopped after the first epoch's evaluation
        }
        return t;
    }

    @Test
    void roundTripKeepsEveryBit() throws IOException {
        Trainer t = trainedOneEpoch();
        Path f = dir.resolve("a.ckpt");
        Checkpoint.of(t).write(f);
        Checkpoint c = Checkpoint.read(f);
        assertTrue(Tiny.bitwiseEqual(t.net().params(), c.params()));
        assertTrue(Tiny.bitwiseEqual(t.optimizer().state(), c.optimizerState()));
        assertEquals(t.net().config(), c.net());
        assertEquals(t.config(), c.train());
        assertEquals(1, c.epoch());
        assertEquals(0, c.step());
        assertArrayEquals(t.history().losses(), c.history().losses());
        assertArrayEquals(t.history().testAcc(), c.history().testAcc());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void resumingMidEpochGivesTheSameWeightsAsAnUninterruptedRun() throws IOException {
        Trainer whole = Tiny.trainer(Tiny.config(3), 100);
        History expected = whole.run(p -> { });

        Trainer first = Tiny.trainer(Tiny.config(3), 100);
        Path f = dir.resolve("mid.ckpt");
        try {
            first.run(p -> {
                if (p.epoch() == 2 && p.step() == 3 && !p.epochEnd()) {
                    throw new Stop();
                }
            });
        } catch (Stop e) {
            Checkpoint.of(first).write(f);
        }
        Trainer second = Tiny.trainer(Tiny.config(3), 100);
        Checkpoint.read(f).restore(second, f.toString());
        assertEquals(1, second.epoch());
        assertEquals(3, second.step());
        History resumed = second.run(p -> { });
        assertTrue(Tiny.bitwiseEqual(whole.net().params(), second.net().params()));
        assertTrue(Tiny.bitwiseEqual(whole.optimizer().state(), second.optimizer().state()));
        assertArrayEquals(expected.losses(), resumed.losses());
        assertArrayEquals(expected.trainAcc(), resumed.trainAcc());
        assertArrayEquals(expected.testAcc(), resumed.testAcc());
    }

    @Test
    @Hostile(area = "Files", input = "a checkpoint with one byte flipped in the middle",
            outcome = "`FILE: checksum mismatch: the file is corrupt (SHA-256 of the payload differs from the one stored)`")
    void aFlippedByteFailsTheChecksum() throws IOException {
        Path f = dir.resolve("flip.ckpt");
        Checkpoint.of(trainedOneEpoch()).write(f);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x01;
        Files.write(f, b);
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f));
        assertEquals(f + ": checksum mismatch: the file is corrupt (SHA-256 of the payload differs from the one stored)",
                e.getMessage());
    }

    @Test
    void aTruncatedOrForeignFileIsRefused() throws IOException {
        Path f = dir.resolve("cut.ckpt");
        Checkpoint.of(trainedOneEpoch()).write(f);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 100));
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f));
        assertEquals(f + ": truncated: the header announces " + b.length + " bytes, the file has " + (b.length - 100),
                e.getMessage());
        byte[] old = b.clone();
        ByteBuffer.wrap(old).putInt(Checkpoint.MAGIC.length, 1);
        Files.write(f, old);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f));
        assertEquals(f + ": checkpoint format version 1, this program reads 2 to 3", e.getMessage());
        Files.write(f, Arrays.copyOf(b, 10));
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f));
        assertEquals(f + ": truncated: 10 bytes, the header alone has 20", e.getMessage());
        Files.writeString(f, "PK\3\4 this is a zip, not a checkpoint");
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f));
        assertEquals(f + ": not a gradcheck checkpoint (wrong magic bytes)", e.getMessage());
    }

    /** A valid checkpoint with one int of the payload replaced and the SHA-256 recomputed, as an attacker would. */
    private Path resigned(String name, int offset, int value) throws IOException {
        Path f = dir.resolve(name);
        Checkpoint.of(trainedOneEpoch()).write(f);
        byte[] b = Files.readAllBytes(f);
        byte[] payload = Arrays.copyOfRange(b, Checkpoint.HEADER, b.length - Checkpoint.DIGEST);
        ByteBuffer.wrap(payload).putInt(offset, value);
        System.arraycopy(payload, 0, b, Checkpoint.HEADER, payload.length);
        System.arraycopy(Checkpoint.sha256(payload), 0, b, b.length - Checkpoint.DIGEST, Checkpoint.DIGEST);
        Files.write(f, b);
        return f;
    }

    @Test
    @Hostile(area = "Files", input = "a re-signed checkpoint (valid SHA-256) with a count of 2^31-1 losses, or a hidden "
            + "size of 10^6",
            outcome = "`FILE: malformed checkpoint: losses: count 2147483647 does not fit the ...`, or `... does not "
                    + "match the stored W2 [27, 10]`; nothing allocated")
    void aValidChecksumOverNonsenseIsStillRefused() throws IOException {
        // the count of losses sits after the net (52 bytes), the settings (38), the data (12) and the position (8)
        Path f = resigned("lie.ckpt", 110, Integer.MAX_VALUE);
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().startsWith(f + ": malformed checkpoint: losses: count 2147483647 does not fit the "),
                e.getMessage());
        // the hidden size sits after (C, H, W) and the four conv settings; a net built from it would be huge
        Path g = resigned("huge.ckpt", 28, 1_000_000);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(g));
        assertTrue(e.getMessage().startsWith(g + ": malformed checkpoint: the network configuration NetConfig[inputDim="
                + "[1, 8, 8], conv=ConvConfig[filterNum=3, filterSize=3, pad=0, stride=1], hidden=1000000, "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" does not match the stored W2 [27, 10]"), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherShapeIsRefusedAndNothingChanges() throws IOException {
        Path f = dir.resolve("shape.ckpt");
        Checkpoint.of(trainedOneEpoch()).write(f);
        NetConfig wider = new NetConfig(new int[] {1, 8, 8}, new ConvConfig(3, 3, 0, 1), 12, 10, 0.1, 42);
        SimpleConvNet net = new SimpleConvNet(wider);
        Map<String, Tensor> before = Map.of("W1", net.params().get("W1").copy());
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f).restoreParams(net, f.toString()));
        assertEquals(f + ": was saved from another network shape: parameter W2 is [27, 10] in the file but "
                + "[27, 12] here", e.getMessage());
        assertArrayEquals(before.get("W1").data(), net.params().get("W1").data(), "W1 fits but was not loaded");
    }

    @Test
    void resumingWithOtherSettingsIsRefused() throws IOException {
        Path f = dir.resolve("cfg.ckpt");
        Checkpoint.of(trainedOneEpoch()).write(f);
        Trainer other = Tiny.trainer(new TrainConfig(3, 8, OptimizerKind.ADAM, 0.01, 42, 0), 100);
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f).restore(other, "x"));
        assertEquals("x: cannot resume this run: checkpoint vs run differ in batch size 16 vs 8", e.getMessage());
        assertEquals(0, other.epoch());
        Trainer sgd = Tiny.trainer(new TrainConfig(3, 16, OptimizerKind.SGD, 0.01, 42, 0), 100);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f).restore(sgd, "x"));
        assertEquals("x: optimizer state names differ: the file has [m.W1, m.b1, m.W2, m.b2, m.W3, m.b3, v.W1, v.b1, "
                + "v.W2, v.b2, v.W3, v.b3, t], the net has []", e.getMessage());
        SimpleConvNet net = new SimpleConvNet(Tiny.net(42));
        Trainer otherData = new Trainer(net, new Adam(net.params(), 0.01, Adam.BETA1, Adam.BETA2), Tiny.config(3),
                Tiny.data(100, 5), Tiny.data(40, 2));
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f).restore(otherData, "x"));
        assertTrue(e.getMessage().startsWith("x: cannot resume this run: checkpoint vs run differ in training data "
                + "(fingerprint "), e.getMessage());
    }

    @Test
    @Hostile(area = "Nothing lost", input = "a checkpoint write that fails (the target is a non-empty directory)",
            outcome = "an IOException; no temporary file is left in the directory")
    void aFailedWriteLeavesNoTemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(target.resolve("inside"), "a non-empty directory cannot be replaced by a file");
        assertThrows(IOException.class, () -> Checkpoint.of(trainedOneEpoch()).write(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }
}

package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.reliability.Hostile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each hostile checkpoint gives one pinned line naming the file; nothing is loaded. */
class HostileCheckpointTest {
    @TempDir
    Path dir;

    /** The bytes of a valid checkpoint of a tiny net after one epoch. */
    static byte[] valid() throws IOException {
        Trainer t = Tiny.trainer(Tiny.config(1), 48);
        t.run(p -> { });
        Path f = Files.createTempFile("gradcheck-hostile", ".ckpt");
        try {
            Checkpoint.of(t).write(f);
            return Files.readAllBytes(f);
        } finally {
            Files.delete(f);
        }
    }

    private String refusal(byte[] b) throws IOException {
        Path f = Files.write(dir.resolve("h.ckpt"), b);
        return assertThrows(CheckpointException.class, () -> Checkpoint.read(f)).getMessage()
                .substring((f + ": ").length());
    }

    /** A valid checkpoint whose payload {@code edit} changed, with the SHA-256 recomputed to match. */
    private static byte[] resigned(byte[] valid, Consumer<ByteBuffer> edit) {
        byte[] b = valid.clone();
        ByteBuffer payload = ByteBuffer.wrap(b, Checkpoint.HEADER, b.length - Checkpoint.HEADER - Checkpoint.DIGEST)
                .slice();
        edit.accept(payload);
        byte[] p = Arrays.copyOfRange(b, Checkpoint.HEADER, b.length - Checkpoint.DIGEST);
        System.arraycopy(Checkpoint.sha256(p), 0, b, b.length - Checkpoint.DIGEST, Checkpoint.DIGEST);
        return b;
    }

    @Test
    @Hostile(area = "Files", input = "a checkpoint missing its last 100 bytes",
            outcome = "`FILE: truncated: the header announces N bytes, the file has N-100`")
    void aTruncatedCheckpointSaysHowLongItShouldBe() throws IOException {
        byte[] b = valid();
        assertEquals("truncated: the header announces " + b.length + " bytes, the file has " + (b.length - 100),
                refusal(Arrays.copyOf(b, b.length - 100)));
    }

    @Test
    @Hostile(area = "Files", input = "a checkpoint cut inside its 20-byte header",
            outcome = "`FILE: truncated: 10 bytes, the header alone has 20`")
    void aCheckpointCutInsideItsHeaderIsTruncatedNotForeign() throws IOException {
        assertEquals("truncated: 10 bytes, the header alone has 20", refusal(Arrays.copyOf(valid(), 10)));
        assertEquals("truncated: 3 bytes, the header alone has 20", refusal(Arrays.copyOf(valid(), 3)));
    }

    @Test
    @Hostile(area = "Files", input = "an empty checkpoint file", outcome = "`FILE: empty file, not a checkpoint`")
    void anEmptyCheckpointIsCalledEmpty() throws IOException {
        assertEquals("empty file, not a checkpoint", refusal(new byte[0]));
    }

    @Test
    @Hostile(area = "Files", input = "a checkpoint header announcing a payload of 2^62 bytes",
            outcome = "`FILE: the header announces a payload of 4611686018427387904 bytes, not 0..1073741824`")
    void aHeaderAnnouncingAHugePayloadIsRefusedWithoutOverflow() throws IOException {
        byte[] b = valid();
        ByteBuffer.wrap(b).putLong(Checkpoint.MAGIC.length + 4, 1L << 62);
        assertEquals("the header announces a payload of 4611686018427387904 bytes, not 0..1073741824", refusal(b));
    }

    @Test
    @Hostile(area = "Files", input = "a re-signed checkpoint (valid SHA-256) whose net has stride 0",
            outcome = "`FILE: malformed checkpoint: SimpleConvNet: stride must be positive, got 0`")
    void aResignedCheckpointWithStrideZeroIsMalformed() throws IOException {
        // the payload starts with (C, H, W), then filters, filter size, pad, stride: stride is at byte 24
        assertEquals("malformed checkpoint: SimpleConvNet: stride must be positive, got 0",
                refusal(resigned(valid(), p -> p.putInt(24, 0))));
    }

    @Test
    @Hostile(area = "Files", input = "a re-signed checkpoint whose optimizer name claims 32,767 bytes",
            outcome = "`FILE: malformed checkpoint: a name of 32767 bytes is empty, longer than 64 or does not fit ...`")
    void aResignedCheckpointWithALongNameIsMalformed() throws IOException {
        // net (52 bytes), epochs and batch (8): the optimizer's name length is at byte 60
        String m = refusal(resigned(valid(), p -> p.putShort(60, (short) 0x7fff)));
        assertEquals("malformed checkpoint: a name of 32767 bytes is empty, longer than 64 or does not fit the ",
                m.substring(0, m.lastIndexOf("the ") + 4));
    }

    @Test
    @Hostile(area = "Files", input = "a checkpoint of a net with 20 filters restored into the book net of 30",
            outcome = "`FILE: was saved from another network shape: parameter W1 is [20, 1, 5, 5] in the file but "
                    + "[30, 1, 5, 5] here`; the net is unchanged")
    void aCheckpointOfTwentyFiltersDoesNotLoadIntoThirty() throws IOException {
        NetConfig twenty = new NetConfig(new int[] {1, 28, 28}, new ConvConfig(20, 5, 0, 1), 100, 10, 0.01, 1);
        SimpleConvNet small = new SimpleConvNet(twenty);
        TrainConfig cfg = TrainConfig.book(1);
        Path f = dir.resolve("twenty.ckpt");
        new Checkpoint(twenty, cfg, 100, 0, 0, 0, new History(new double[0], new double[0], new double[0]),
                small.params(), cfg.optimizer().create(small.params(), cfg.lr()).state()).write(f);
        SimpleConvNet book = new SimpleConvNet(NetConfig.book(2));
        double[] before = book.params().get("W1").data().clone();
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f).restoreParams(book, f.toString()));
        assertEquals(f + ": was saved from another network shape: parameter W1 is [20, 1, 5, 5] in the file but "
                + "[30, 1, 5, 5] here", e.getMessage());
        assertArrayEquals(before, book.params().get("W1").data());
    }
}

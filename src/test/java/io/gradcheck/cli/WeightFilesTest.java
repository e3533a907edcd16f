package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.reliability.Hostile;
import io.gradcheck.train.Checkpoint;
import io.gradcheck.train.History;
import io.gradcheck.train.Npz;
import io.gradcheck.train.TrainConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile checkpoints and .npz files on the command line: one line on stderr, exit 1, no file touched. */
class WeightFilesTest {
    private static final NetConfig TWENTY =
            new NetConfig(new int[] {1, 28, 28}, new ConvConfig(20, 5, 0, 1), 100, 10, 0.01, 1);
    private static final String TWENTY_INTO_THIRTY = ": was saved from another network shape: parameter W1 is "
            + "[20, 1, 5, 5] in the file but [30, 1, 5, 5] here";

    @TempDir
    Path dir;

    private static void assertOneLine(CliRun r, String expected) {
        assertEquals(1, r.code(), r.err());
        assertEquals(expected + System.lineSeparator(), r.err());
    }

    @Test
    @Hostile(area = "Files", input = "`predict --checkpoint` an .npz of a net with 20 filters (the book net has 30)",
            outcome = "exit 1, `gradcheck predict: FILE: was saved from another network shape: parameter W1 is "
                    + "[20, 1, 5, 5] in the file but [30, 1, 5, 5] here`")
    void anNpzOfAnotherShapeIsRefusedByPredict() throws IOException {
        Path f = dir.resolve("twenty.npz");
        Npz.save(f, new SimpleConvNet(TWENTY));
        assertOneLine(CliRun.of("predict", "--checkpoint", f.toString(), "--image", "unused.png"),
                "gradcheck predict: " + f + TWENTY_INTO_THIRTY);
    }

    @Test
    @Hostile(area = "Files", input = "`train --resume` a checkpoint of a net with 20 filters",
            outcome = "exit 1, `gradcheck train: FILE: was saved from another network shape: parameter W1 is "
                    + "[20, 1, 5, 5] in the file but [30, 1, 5, 5] here`; the file is unchanged")
    void aCheckpointOfAnotherShapeIsRefusedByResume() throws IOException {
        SimpleConvNet net = new SimpleConvNet(TWENTY);
        TrainConfig cfg = TrainConfig.book(1).withLimit(100);
        Path f = dir.resolve("twenty.ckpt");
        new Checkpoint(TWENTY, cfg, 100, 0, 0, 0, new History(new double[0], new double[0], new double[0]),
                net.params(), cfg.optimizer().create(net.params(), cfg.lr()).state()).write(f);
        byte[] before = Files.readAllBytes(f);
        assertOneLine(CliRun.of("train", "--resume", f.toString(), "--save", f.toString(), "--report",
                dir.resolve("r").toString()), "gradcheck train: " + f + TWENTY_INTO_THIRTY);
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    @Hostile(area = "Files", input = "`train --resume F --save F` with F truncated",
            outcome = "exit 1, `gradcheck train: F: truncated: the header announces N bytes, the file has N-50`; "
                    + "F is not overwritten")
    void aTruncatedCheckpointIsRefusedByResumeAndKept() throws IOException {
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(1));
        TrainConfig cfg = TrainConfig.book(1);
        Path f = dir.resolve("cut.ckpt");
        new Checkpoint(NetConfig.book(1), cfg, 8000, 0, 0, 0, new History(new double[0], new double[0], new double[0]),
                net.params(), cfg.optimizer().create(net.params(), cfg.lr()).state()).write(f);
        byte[] whole = Files.readAllBytes(f), cut = Arrays.copyOf(whole, whole.length - 50);
        Files.write(f, cut);
        assertOneLine(CliRun.of("train", "--resume", f.toString(), "--save", f.toString()), "gradcheck train: " + f
                + ": truncated: the header announces " + whole.length + " bytes, the file has " + cut.length);
        assertArrayEquals(cut, Files.readAllBytes(f));
    }

    @Test
    @Hostile(area = "Files", input = "`predict --checkpoint` an empty file",
            outcome = "exit 1, `gradcheck predict: FILE: empty file, not a checkpoint`")
    void anEmptyCheckpointIsRefusedByPredict() throws IOException {
        Path f = Files.write(dir.resolve("empty.ckpt"), new byte[0]);
        assertOneLine(CliRun.of("predict", "--checkpoint", f.toString(), "--image", "unused.png"),
                "gradcheck predict: " + f + ": empty file, not a checkpoint");
    }

    @Test
    @Hostile(area = "Files", input = "`export --checkpoint` a corrupt checkpoint onto an existing .npz",
            outcome = "exit 1, `gradcheck export: FILE: checksum mismatch: ...`; the existing .npz is unchanged")
    void aCorruptCheckpointDoesNotOverwriteAnExportedNpz() throws IOException {
        Path npz = dir.resolve("keep.npz"), ckpt = dir.resolve("bad.ckpt");
        Npz.save(npz, new SimpleConvNet(NetConfig.book(3)));
        byte[] kept = Files.readAllBytes(npz);
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(1));
        TrainConfig cfg = TrainConfig.book(1);
        new Checkpoint(NetConfig.book(1), cfg, 8000, 0, 0, 0, new History(new double[0], new double[0], new double[0]),
                net.params(), cfg.optimizer().create(net.params(), cfg.lr()).state()).write(ckpt);
        byte[] b = Files.readAllBytes(ckpt);
        b[b.length / 2] ^= 0x40;
        Files.write(ckpt, b);
        assertOneLine(CliRun.of("export", "--checkpoint", ckpt.toString(), "--npz", npz.toString()),
                "gradcheck export: " + ckpt + ": checksum mismatch: the file is corrupt (SHA-256 of the payload differs "
                        + "from the one stored)");
        assertArrayEquals(kept, Files.readAllBytes(npz));
    }

    @Test
    @Hostile(area = "Files", input = "`predict --checkpoint` a 200 MB (sparse) file in a JVM with a 64 MB heap",
            outcome = "exit 1, `gradcheck predict: FILE: 209715200 bytes is too large for this JVM: a checkpoint may take "
                    + "a quarter of the maximum heap, M bytes (raise it with -Xmx)`; no OutOfMemoryError")
    void aCheckpointLargerThanTheHeapIsRefusedBeforeReading() throws Exception {
        Path f = dir.resolve("big.ckpt");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.write(Checkpoint.class.getSimpleName().getBytes(StandardCharsets.US_ASCII));
            r.setLength(200L << 20);  // sparse: takes no disk space
        }
        CliRun r = CliRun.child(dir, "-Xmx64m", "predict", "--checkpoint", f.toString(), "--image", "unused.png");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().matches("gradcheck predict: " + Pattern.quote(f.toString()) + ": 209715200 bytes is too large "
                + "for this JVM: a checkpoint may take a quarter of the maximum heap, \\d+ bytes \\(raise it with "
                + "-Xmx\\)\\R"), r.err());
    }

    @Test
    @Hostile(area = "Files", input = "`predict --checkpoint` a zip bomb: a 130 KB .npz whose W1.npy inflates to "
            + "2^24 doubles (128 MB), in a JVM with a 96 MB heap",
            outcome = "exit 1, `gradcheck predict: FILE: W1.npy: too large for this JVM: shape [4096, 4096] needs "
                    + "134217728 bytes, more than the N left of a quarter of the maximum heap (raise it with -Xmx)`")
    void anNpzBombIsRefusedBeforeItFillsTheHeap() throws Exception {
        Path f = dir.resolve("bomb.npz");
        byte[] header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4096, 4096), }\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("W1.npy"));
            z.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, 0});
            z.write(header);
            byte[] zeros = new byte[1 << 16];
            for (int i = 0; i < (128 << 20) / zeros.length; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertTrue(Files.size(f) < 300_000, "a bomb: " + Files.size(f) + " bytes");
        CliRun r = CliRun.child(dir, "-Xmx96m", "predict", "--checkpoint", f.toString(), "--image", "unused.png");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().matches("gradcheck predict: " + Pattern.quote(f.toString()) + ": W1.npy: too large for this "
                + "JVM: shape \\[4096, 4096\\] needs 134217728 bytes, more than the \\d+ left of a quarter of the "
                + "maximum heap \\(raise it with -Xmx\\)\\R"), r.err());
    }

    @Test
    @Hostile(area = "Nothing lost", input = "`train --save DIR/x.ckpt` where DIR does not exist",
            outcome = "exit 2 before any training, `gradcheck train: --save DIR/x.ckpt: the directory DIR does not exist`")
    void aSaveIntoAMissingDirectoryFailsBeforeTraining() {
        Path missing = dir.resolve("no-such-dir");
        CliRun r = CliRun.of("train", "--save", missing.resolve("x.ckpt").toString(), "--report",
                dir.resolve("r").toString(), "--epochs", "1", "--limit", "100", "--batch", "50");
        r.assertOneLineError(2, "gradcheck train: --save " + missing.resolve("x.ckpt") + ": the directory " + missing
                + " does not exist");
        assertEquals("", r.out(), "no training started");
        assertFalse(Files.exists(dir.resolve("r")));
    }
}

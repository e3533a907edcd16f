package io.gradcheck.reliability;

import static io.gradcheck.reliability.FileFixtures.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.cli.CliRun;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.report.CheckReport;
import io.gradcheck.report.CheckRun;
import io.gradcheck.train.Npz;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What gradcheck reads: only regular files, never more than the format allows, every error naming the file. */
class InputFilesTest {
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    @Hostile(area = "Files", input = "`predict`, `export` and `train --resume` with `--checkpoint` an endless stream of "
            + "zeros (a FIFO fed by a writer, as `/dev/zero`), in a JVM with a 64 MB heap",
            outcome = "exit 1 at once, `gradcheck predict: F: is a FIFO, not a regular file`; nothing is read, no "
                    + "OutOfMemoryError")
    void anEndlessStreamAsCheckpointIsRefusedWithoutReadingIt() throws Exception {
        Path zeros = FileFixtures.fifo(dir.resolve("zero"));
        Thread writer = new Thread(() -> {
            try (OutputStream o = new FileOutputStream(zeros.toFile())) {
                byte[] z = new byte[1 << 16];
                while (true) {
                    o.write(z);
                }
            } catch (IOException e) {
                // the reader went away: the test is over
            }
        }, "zeros");
        writer.setDaemon(true);
        writer.start();
        try {
            List<String[]> commands = List.of(
                    new String[] {"predict", "--checkpoint", zeros.toString(), "--image", "x.png"},
                    new String[] {"export", "--checkpoint", zeros.toString(), "--npz", "out.npz"},
                    new String[] {"train", "--resume", zeros.toString(), "--report", "r"});
            for (String[] args : commands) {
                Path log = dir.resolve(args[0] + ".log");
                int code = FileFixtures.waitFor(FileFixtures.child(dir, log, List.of("-Xmx64m"), args), 30, log);
                assertEquals(1, code, Files.readString(log));
                assertEquals("gradcheck " + args[0] + ": " + zeros + ": is a FIFO, not a regular file" + System.lineSeparator(),
                        Files.readString(log));
            }
            assertFalse(Files.exists(dir.resolve("out.npz")) || Files.exists(dir.resolve("r")), "nothing written");
        } finally {
            FileFixtures.release(zeros);
            writer.join(5000);
        }
    }

    @Test
    @Hostile(area = "Files", input = "a FIFO with no writer as `predict --checkpoint`; a FIFO named `x.html` in the "
            + "reports folder when a report is written",
            outcome = "`gradcheck predict: F: is a FIFO, not a regular file`, exit 1, at once; the report and the index "
                    + "are written and the index skips the FIFO (both used to hang forever)")
    void aFifoNeverHangsAReadOrTheReportIndex() throws Exception {
        Path fifo = FileFixtures.fifo(dir.resolve("w.ckpt"));
        Path reports = Files.createDirectory(dir.resolve("reports"));
        Path html = FileFixtures.fifo(reports.resolve("x.html"));
        try {
            CliRun r = assertTimeoutPreemptively(QUICKLY, () -> CliRun.of("predict", "--checkpoint", fifo.toString(),
                    "--image", "x.png"));
            assertRefused(r, 1, "gradcheck predict: " + fifo + ": is a FIFO, not a regular file");
            Path page = assertTimeoutPreemptively(QUICKLY, () -> CheckReport.write(reports, run("with a FIFO beside it")));
            assertTrue(Files.isRegularFile(page));
            String index = Files.readString(reports.resolve("index.html"));
            assertTrue(index.contains(page.getFileName().toString()) && !index.contains("x.html"), index);
            FileFixtures.assertStillSpecial(html);
        } finally {
            FileFixtures.release(fifo);
            FileFixtures.release(html);
        }
    }

    private static CheckRun run(String title) {
        return new CheckRun(title, 1, List.of(), null, null, "2026-12-02T00:00:00Z");
    }

    @Test
    @Hostile(area = "CLI", input = "an argument `@F` where F is a FIFO (picocli would read arguments from it); "
            + "`predict --checkpoint @p.ckpt` where p.ckpt is a checkpoint",
            outcome = "@-files are off: `gradcheck: Unmatched argument at index 0: '@F' (see 'gradcheck --help')`, exit 2, "
                    + "at once; `gradcheck predict: @p.ckpt: no such file`, exit 1, no stack trace")
    void atFilesAreNotExpanded() throws Exception {
        Path fifo = FileFixtures.fifo(dir.resolve("args"));
        try {
            CliRun r = assertTimeoutPreemptively(QUICKLY, () -> CliRun.of("@" + fifo));
            assertRefused(r, 2, "gradcheck: Unmatched argument at index 0: '@" + fifo + "' (see 'gradcheck --help')");
        } finally {
            FileFixtures.release(fifo);
        }
        Path ckpt = FileFixtures.bookCheckpoint(dir.resolve("p.ckpt"));
        assertRefused(CliRun.of("predict", "--checkpoint", "@" + ckpt, "--image", "x.png"), 1,
                "gradcheck predict: @" + ckpt + ": no such file");
    }

    @Test
    @Hostile(area = "Files", input = "a 3 GB (sparse) `big.html` in the reports folder when a report is written",
            outcome = "the index reads only the first 4,000 bytes of each page: it lists `big.html` and the new "
                    + "report, in well under a second; no OutOfMemoryError")
    void aHugePageInTheReportsFolderIsReadOnlyAsFarAsItsHeader() throws Exception {
        Path reports = Files.createDirectory(dir.resolve("reports"));
        try (RandomAccessFile big = new RandomAccessFile(reports.resolve("big.html").toFile(), "rw")) {
            big.write("<meta name=\"gradcheck-run\" content=\"big\" data-status=\"PASSED\">".getBytes(StandardCharsets.UTF_8));
            big.setLength(3L << 30);
        }
        Path page = assertTimeoutPreemptively(QUICKLY, () -> CheckReport.write(reports, run("next to a big one")));
        String index = Files.readString(reports.resolve("index.html"));
        assertTrue(index.contains("big.html") && index.contains(page.getFileName().toString()), index);
    }

    @Test
    @Hostile(area = "Numbers", input = "`predict --checkpoint` an .npz whose b3 holds a NaN; `predict` and `train "
            + "--resume` of a checkpoint whose W2 holds a NaN",
            outcome = "exit 1, `gradcheck predict: F: parameter b3 is NaN at [3]; weights must be finite` (was "
                    + "`class 0 (probability NaN)`, exit 0); the same for the checkpoint, which is kept")
    void nonFiniteWeightsAreRefusedOnLoad() throws Exception {
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(1));
        net.params().get("b3").set(3, Double.NaN);
        Path npz = dir.resolve("nan.npz");
        Npz.save(npz, net);
        Path png = digit(dir.resolve("d.png"));
        assertRefused(CliRun.of("predict", "--checkpoint", npz.toString(), "--image", png.toString()), 1,
                "gradcheck predict: " + npz + ": parameter b3 is NaN at [3]; weights must be finite");

        Path ckpt = FileFixtures.bookCheckpoint(dir.resolve("nan.ckpt"), 17 * 100 + 3);
        byte[] kept = Files.readAllBytes(ckpt);
        assertRefused(CliRun.of("predict", "--checkpoint", ckpt.toString(), "--image", png.toString()), 1,
                "gradcheck predict: " + ckpt + ": parameter W2 is NaN at [17, 3]; weights must be finite");
        assertRefused(CliRun.of("train", "--resume", ckpt.toString(), "--save", ckpt.toString(), "--report",
                dir.resolve("r").toString()), 1, "gradcheck train: " + ckpt + ": parameter W2 is NaN at [17, 3]; weights "
                + "must be finite");
        assertTrue(Arrays.equals(kept, Files.readAllBytes(ckpt)), "the checkpoint is kept");
    }

    /** A 28 x 28 gray PNG. */
    private static Path digit(Path f) throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(14, 14, 0, 255);
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    /** A PNG chunk: length, type, data, CRC-32 of type and data. */
    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII))
                .put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        return b.putInt((int) crc.getValue()).array();
    }

    /** A valid PNG header of a w x h RGBA image whose few data bytes inflate to nothing much. */
    private static byte[] hugePng(int w, int h) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        o.write(chunk("IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 6).array()));
        Deflater d = new Deflater();
        d.setInput(new byte[100]);
        d.finish();
        byte[] z = new byte[64];
        o.write(chunk("IDAT", Arrays.copyOf(z, d.deflate(z))));
        o.write(chunk("IEND", new byte[0]));
        return o.toByteArray();
    }

    @Test
    @Hostile(area = "Files", input = "`predict --image` a PNG cut in half, a PNG with its data overwritten, and a "
            + "20000x20000 RGBA PNG of a hundred bytes",
            outcome = "exit 1, one line that starts with the file: `gradcheck predict: F: corrupt or truncated image (...)`, "
                    + "`gradcheck predict: F: image is 20000x20000, expected 28x28`, the size read from the header: "
                    + "less than 20 MB allocated (was 1.7 GB)")
    void aBadPngIsNamedAndAHugeOneIsRefusedFromItsHeader() throws Exception {
        Path ckpt = FileFixtures.bookCheckpoint(dir.resolve("w.ckpt"));
        byte[] good = Files.readAllBytes(digit(dir.resolve("good.png")));
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(good, good.length / 2));
        byte[] bad = good.clone();
        Arrays.fill(bad, 41, bad.length - 12, (byte) 0x5a);  // after the IHDR chunk, up to IEND
        Path garbled = Files.write(dir.resolve("garbled.png"), bad);
        for (Path f : List.of(cut, garbled)) {
            CliRun r = CliRun.of("predict", "--checkpoint", ckpt.toString(), "--image", f.toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().startsWith("gradcheck predict: " + f + ": corrupt or truncated image (")
                    && r.err().lines().count() == 1 && !r.err().contains("\tat "), r.err());
        }
        Path huge = Files.write(dir.resolve("huge.png"), hugePng(20000, 20000));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadAllocatedBytes();
        assertEquals(0, CliRun.of("predict", "--checkpoint", ckpt.toString(), "--image", dir.resolve("good.png").toString())
                .code());
        long t1 = threads.getCurrentThreadAllocatedBytes();
        CliRun r = CliRun.of("predict", "--checkpoint", ckpt.toString(), "--image", huge.toString());
        long extra = threads.getCurrentThreadAllocatedBytes() - t1 - (t1 - t0);  // beyond what a good image costs
        assertRefused(r, 1, "gradcheck predict: " + huge + ": image is 20000x20000, expected 28x28");
        assertTrue(extra < 20L << 20, extra + " bytes allocated beyond a 28x28 prediction");
    }
}

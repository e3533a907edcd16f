package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.data.Dataset;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train --batch 0           | gradcheck train: --batch must be a whole number in 1..10000, got 0 (see 'gradcheck train --help')",
        "train --lr -1             | gradcheck train: --lr must be a number in [2.2250738585072014E-308, 10.0], got -1.0 (see 'gradcheck train --help')",
        "train --lr NaN            | gradcheck train: --lr must be a number in [2.2250738585072014E-308, 10.0], got NaN (see 'gradcheck train --help')",
        "train --epochs 1e9        | gradcheck train: --epochs must be a whole number in 1..10000, got 1e9 (see 'gradcheck train --help')",
        "train --epochs 1000000000 | gradcheck train: --epochs must be a whole number in 1..10000, got 1000000000 (see 'gradcheck train --help')",
        "train --slices 0          | gradcheck train: --slices must be a whole number in 1..64, got 0 (see 'gradcheck train --help')",
        "train --limit -3          | gradcheck train: --limit must be 0 (all images) or a positive whole number, got -3 (see 'gradcheck train --help')",
        "train --optimizer adamw   | gradcheck train: unknown optimizer 'adamw', expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam",
        "train --bogus             | gradcheck train: Unknown option: '--bogus' (see 'gradcheck train --help')",
        "train --seed x            | gradcheck train: --seed must be a whole number (any 64-bit integer), got x (see 'gradcheck train --help')",
        "check --tries 0           | gradcheck check: --tries must be a whole number in 1..1000, got 0 (see 'gradcheck check --help')",
        "predict                   | gradcheck predict: Missing required options: '--checkpoint=FILE', '--image=PNG' (see 'gradcheck predict --help')",
        "nope                      | gradcheck: Unmatched argument at index 0: 'nope' (see 'gradcheck --help')",
    })
    void wrongArgumentsGiveOneLineAndExitCode2(String args, String expected) {
        CliRun r = run(args.strip().split("\\s+"));
        r.assertOneLineError(2, expected);
        assertEquals("", r.out());
    }

    @Test
    void noCommandIsAUsageError() {
        run().assertOneLineError(2, "gradcheck: missing command: check, train, predict, export or exercise (see 'gradcheck --help')");
    }

    @Test
    void fileProblemsGiveOneLineAndExitCode1() throws IOException {
        run("train", "--data", "/no/such/dir").assertOneLineError(1, "gradcheck train: /no/such/dir: MNIST directory does not exist");
        Path junk = Files.writeString(dir.resolve("junk.ckpt"), "hello");
        run("train", "--resume", junk.toString()).assertOneLineError(1,
                "gradcheck train: " + junk + ": not a gradcheck checkpoint (wrong magic bytes)");
        run("predict", "--checkpoint", "/no/such.ckpt", "--image", "x.png").assertOneLineError(1,
                "gradcheck predict: /no/such.ckpt: no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "check", "train", "predict", "export"})
    void helpWorksOnEveryCommand(String command) {
        CliRun r = command.isEmpty() ? run("--help") : run(command, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: gradcheck" + (command.isEmpty() ? "" : " " + command)), r.out());
        assertEquals("", r.err());
    }

    @Test
    void checkPrintsTablesAndASummaryWithTheSeed() {
        Path reports = dir.resolve("reports");
        CliRun r = run("check", "--seed", "5", "--tries", "1", "--report", reports.toString());
        assertEquals(0, r.code(), r.out());
        String report = reports.resolve("gradcheck-check-seed5.html").toString();
        assertTrue(r.out().endsWith("6 checks, 0 failed (seed 5)" + System.lineSeparator() + "report: " + report
                + System.lineSeparator()), r.out());
        assertTrue(Files.isRegularFile(Path.of(report)) && Files.isRegularFile(reports.resolve("index.html")));
    }

    /** A short run to a checkpoint, then predict and export from it; the log has no \r and no ANSI codes. */
    @Test
    void trainSavesACheckpointThatPredictAndExportRead() throws IOException {
        Path ckpt = dir.resolve("t.ckpt");
        Path reports = dir.resolve("reports");
        CliRun t = run("train", "--epochs", "1", "--limit", "200", "--batch", "50", "--seed", "3", "--save", ckpt.toString(),
                "--report", reports.toString());
        assertEquals(0, t.code(), t.err());
        assertFalse(t.out().contains("\r") || t.out().contains("\u001b"), "plain lines in a log");
        String[] lines = t.out().split("\n");
        assertTrue(lines[0].startsWith("training on embedded MNIST digits: 200 images (test 2000), 1 epochs of 4 steps, "
                + "adam lr 0.001, batch 50 in 4 slices, seed 3"), lines[0]);
        assertEquals("report: " + reports.resolve("gradcheck-train-seed3.html"), lines[lines.length - 1]);
        assertTrue(Files.isRegularFile(reports.resolve("gradcheck-train-seed3.html")));
        assertTrue(lines[lines.length - 2].matches("done: 1 epochs, train acc 0\\.\\d{4}, test acc 0\\.\\d{4}, "
                + "[0-9.]+ s, \\d+ images/s in steps, adam lr 0\\.001, batch 50 in 4 slices, seed 3, saved to .*"), lines[lines.length - 1]);

        Dataset test = Mnist.embedded(new LoadOptions(false, true, false)).test();
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            img.getRaster().setSample(i % 28, i / 28, 0, (int) test.images()[i]);
        }
        Path png = dir.resolve("digit.png");
        ImageIO.write(img, "png", png.toFile());
        CliRun p = run("predict", "--checkpoint", ckpt.toString(), "--image", png.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().matches("(?s)" + java.util.regex.Pattern.quote(png.toString())
                + ": class \\d \\(probability 0\\.\\d{4}\\)\\R0: 0\\.\\d{4}  1: .*  9: [01]\\.\\d{4}\\R"), p.out());

        Path npz = dir.resolve("w.npz");
        CliRun e = run("export", "--checkpoint", ckpt.toString(), "--npz", npz.toString());
        assertEquals(0, e.code(), e.err());
        CliRun fromNpz = run("predict", "--checkpoint", npz.toString(), "--image", png.toString());
        assertEquals(p.out(), fromNpz.out(), "the .npz holds the same weights");

        Path small = dir.resolve("small.png");
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), "png", small.toFile());
        run("predict", "--checkpoint", ckpt.toString(), "--image", small.toString()).assertOneLineError(1,
                "gradcheck predict: " + small + ": image is 20x20, expected 28x28");
        Path text = Files.writeString(dir.resolve("text.png"), "not a png");
        run("predict", "--checkpoint", ckpt.toString(), "--image", text.toString()).assertOneLineError(1,
                "gradcheck predict: " + text + ": not an image that javax.imageio can read (PNG, JPEG, GIF, BMP)");

        byte[] b = Files.readAllBytes(ckpt);
        b[b.length / 3] ^= 0x10;
        Files.write(ckpt, b);
        run("train", "--resume", ckpt.toString()).assertOneLineError(1, "gradcheck train: " + ckpt
                + ": checksum mismatch: the file is corrupt (SHA-256 of the payload differs from the one stored)");
    }

    @Test
    void resumeRefusesOtherSettings() throws IOException {
        Path ckpt = dir.resolve("r.ckpt");
        assertEquals(0, run("train", "--epochs", "1", "--limit", "100", "--batch", "50", "--seed", "3", "--save",
                ckpt.toString()).code());
        run("train", "--epochs", "2", "--resume", ckpt.toString(), "--batch", "25").assertOneLineError(1,
                "gradcheck train: " + ckpt + ": cannot resume this run: checkpoint vs run differ in batch size 50 vs 25");
    }

    @Test
    void slicesAreShownSavedAndKeptOnResume() throws IOException {
        Path ckpt = dir.resolve("s.ckpt");
        CliRun first = run("train", "--epochs", "1", "--limit", "100", "--batch", "50", "--slices", "2", "--seed", "3",
                "--save", ckpt.toString(), "--report", dir.resolve("rep").toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().startsWith("training on embedded MNIST digits: 100 images (test 2000), 1 epochs of 2 steps, "
                + "adam lr 0.001, batch 50 in 2 slices, seed 3\n"), first.out());
        CliRun resumed = run("train", "--epochs", "2", "--resume", ckpt.toString(), "--report", dir.resolve("rep").toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("batch 50 in 2 slices, seed 3, resumed at epoch 2 step 0\n"), resumed.out());
        assertTrue(resumed.out().contains(" images/s in steps, adam lr 0.001, batch 50 in 2 slices, seed 3\n"), resumed.out());
        run("train", "--epochs", "3", "--resume", ckpt.toString(), "--slices", "1").assertOneLineError(1,
                "gradcheck train: " + ckpt + ": cannot resume this run: checkpoint vs run differ in slices 2 vs 1");
    }
}

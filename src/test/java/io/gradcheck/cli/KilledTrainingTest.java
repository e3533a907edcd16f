package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.reliability.Hostile;
import io.gradcheck.tensor.Tensor;
import io.gradcheck.train.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a child JVM running {@code gradcheck train --save} and resumes from what it left. A run of
 * 100 images in batches of 20 has 5 steps per epoch; each epoch's evaluation of the 2,000 test
 * images takes about a second, so the kill lands while the run is busy.
 */
class KilledTrainingTest {
    private static final String[] SETTINGS = {"--limit", "100", "--batch", "20", "--seed", "5"};
    private static final long TIMEOUT_S = 120;

    private static final Map<Integer, Checkpoint> WHOLE = new HashMap<>();

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    /** A child {@code gradcheck train} of 50 epochs whose output goes to {@code log}. */
    private Process child(Path ckpt, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(CliRun.kernelOptions());  // the same kernel as the uninterrupted run in this JVM
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--epochs", "50",
                "--save", ckpt.toString(), "--report", dir.resolve("child-reports").toString()));
        cmd.addAll(List.of(SETTINGS));
        // a file, not a pipe: a pipe read while the child dies can lose the last lines
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "[cannot read the child's output: " + e + "]";
        }
    }

    private static void await(String what, Process p, Path log, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!done.getAsBoolean()) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                throw new AssertionError("waiting for " + what + ", the child " + (p.isAlive() ? "timed out" : "exited")
                        + "; its output:\n" + read(log));
            }
            Thread.sleep(20);
        }
    }

    /** Runs the CLI in this JVM and returns its standard output; fails on a non-zero exit. */
    private static String train(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        all.addAll(List.of(SETTINGS));
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Every file in {@code dir} but the checkpoint, the log and the reports is a temporary file of an
     * unfinished write, or the lock file that a killed run leaves (the next run takes it over).
     */
    private void assertOnlyTemporaryLeftovers(Path ckpt) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString();
                assertTrue(f.equals(ckpt) || n.equals("child-reports") || n.equals("child.log") || n.matches("k\\.ckpt\\.\\d+\\.tmp")
                        || n.equals("k.ckpt.lock"),
                        "unexpected file left behind: " + n);
            }
        }
    }

    /**
     * Resumes from {@code ckpt} to one epoch past the saved one, in this JVM, and checks that the
     * weights equal those of a run that was never interrupted.
     */
    private void resumeMatchesAnUninterruptedRun(Path ckpt, Checkpoint saved) throws IOException {
        String epochs = String.valueOf(saved.epoch() + 1);
        String out = train("--resume", ckpt.toString(), "--save", ckpt.toString(), "--epochs", epochs,
                "--report", dir.resolve("resumed").toString());
        assertTrue(out.contains(", resumed at epoch " + (saved.epoch() + 1) + " step " + saved.step() + "\n"), out);
        Checkpoint resumed = Checkpoint.read(ckpt);
        assertEquals(saved.epoch() + 1, resumed.epoch());
        assertEquals(0, resumed.step());
        Checkpoint expected = uninterrupted(saved.epoch() + 1);
        assertBitwiseEqual(expected.params(), resumed.params());
        assertArrayEquals(expected.history().losses(), resumed.history().losses());
        assertArrayEquals(expected.history().testAcc(), resumed.history().testAcc());
    }

    /** The checkpoint at the end of an uninterrupted run of {@code epochs} epochs, computed once per count. */
    private static synchronized Checkpoint uninterrupted(int epochs) {
        return WHOLE.computeIfAbsent(epochs, e -> {
            try {
                Path f = shared.resolve("whole" + e + ".ckpt");
                train("--save", f.toString(), "--epochs", String.valueOf(e), "--report", shared.resolve("r").toString());
                return Checkpoint.read(f);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        });
    }

    private static void assertBitwiseEqual(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(bits(v.data()), bits(b.get(k).data()), k));
    }

    private static long[] bits(double[] d) {
        return Arrays.stream(d).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    @Hostile(area = "Nothing lost", input = "SIGKILL of a `train --save` JVM right after its first checkpoint",
            outcome = "the checkpoint verifies (SHA-256); only `*.tmp` leftovers besides it; "
                    + "`--resume` continues at the saved epoch and ends with the weights of an uninterrupted run")
    void aKilledRunLeavesACheckpointThatResumesToTheSameWeights() throws Exception {
        Path ckpt = dir.resolve("k.ckpt");
        Path log = dir.resolve("child.log");
        Process p = child(ckpt, log);
        await("the first checkpoint", p, log, () -> Files.exists(ckpt));
        p.destroyForcibly();
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "the child did not die");
        assertEquals(137, p.exitValue(), "SIGKILL; output:\n" + read(log));
        Checkpoint saved = Checkpoint.read(ckpt);
        assertTrue(saved.epoch() >= 1 && saved.step() == 0, "saved at an epoch's end: epoch " + saved.epoch()
                + " step " + saved.step());
        assertOnlyTemporaryLeftovers(ckpt);
        resumeMatchesAnUninterruptedRun(ckpt, saved);
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does, with the system's kill command. */
    private static void interrupt(Process p) throws IOException, InterruptedException {
        Path kill = Path.of("/usr/bin/kill").toFile().canExecute() ? Path.of("/usr/bin/kill") : Path.of("/bin/kill");
        Assumptions.assumeTrue(kill.toFile().canExecute(), "no kill command to send SIGINT");
        Process k = new ProcessBuilder(kill.toString(), "-INT", String.valueOf(p.pid())).inheritIO().start();
        assertEquals(0, k.waitFor(), "kill -INT " + p.pid());
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    @Hostile(area = "Nothing lost", input = "SIGTERM, or SIGINT as from Ctrl-C, to a `train --save` JVM in the middle "
            + "of an epoch",
            outcome = "prints `interrupted: saved the last completed step to FILE`, exit 143 or 130; the mid-epoch "
                    + "checkpoint resumes at its step and ends with the weights of an uninterrupted run")
    void aStoppedRunSavesItsLastStepAndResumesToTheSameWeights(String signal) throws Exception {
        Path ckpt = dir.resolve("k.ckpt");
        Path log = dir.resolve("child.log");
        Process p = child(ckpt, log);
        await("the first checkpoint", p, log, () -> Files.exists(ckpt));
        await("a step of epoch 2", p, log, () -> read(log).contains("epoch 2/50  step 1/5"));
        if (signal.equals("TERM")) {
            p.destroy();
        } else {
            interrupt(p);
            if (!p.waitFor(20, TimeUnit.SECONDS) && !read(log).contains("interrupted:")) {
                p.destroyForcibly();
                // a JVM started with SIGINT ignored (a background job of a shell without job control) keeps it so
                Assumptions.abort("the child ignores SIGINT: this test run was started with SIGINT ignored");
            }
        }
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "the child did not stop; output:\n" + read(log));
        assertEquals(signal.equals("TERM") ? 143 : 130, p.exitValue(), "SIG" + signal + "; output:\n" + read(log));
        String out = read(log);
        assertTrue(out.contains("interrupted: saved the last completed step to " + ckpt + "\n"), out);
        Checkpoint saved = Checkpoint.read(ckpt);
        assertEquals(1, saved.epoch(), "a step of the second epoch was saved");
        assertTrue(saved.step() >= 1, "mid-epoch step " + saved.step());
        assertOnlyTemporaryLeftovers(ckpt);
        resumeMatchesAnUninterruptedRun(ckpt, saved);
    }
}

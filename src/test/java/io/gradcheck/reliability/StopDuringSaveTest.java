package io.gradcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a child {@code gradcheck train} while its last checkpoint, or its report, is being
 * written: a test hook ({@code -Dgradcheck.test.slowOutput=SUFFIX:MILLIS}) holds every write of a
 * file whose name ends with SUFFIX for MILLIS before its rename, so that the signal lands inside it.
 */
class StopDuringSaveTest {
    private static final int HOLD_MS = 3000;

    @TempDir
    Path dir;

    /** A child {@code train} of one epoch on 100 images of 20 ({@link FileFixtures#mnist}), in one step. */
    private Process train(Path log, String jvmOption, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--data", FileFixtures.mnist(dir.resolve("mnist")).toString(),
                "--epochs", "1", "--batch", "100", "--seed", "5", "--report", dir.resolve("r").toString()));
        args.addAll(List.of(more));
        return FileFixtures.child(dir, log, List.of(jvmOption), args.toArray(String[]::new));
    }

    /** As {@link #train(Path, String, String...)} with --save, each write of a file ending with {@code slow} held. */
    private Process trainSlowly(Path log, String slow) throws IOException {
        return train(log, "-Dgradcheck.test.slowOutput=" + slow + ":" + HOLD_MS, "--save", dir.resolve("k.ckpt").toString());
    }

    /**
     * Waits until the child has printed {@code after} and a temporary file whose name starts with
     * {@code prefix} is in {@code in}: that write is under way (the checks before the run create and
     * delete such files too, so the printed line is needed).
     */
    private static void awaitWriteOf(Path in, String prefix, String after, Process p, Path log) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (Files.readString(log).contains(after) && Files.isDirectory(in)) {
                try (Stream<Path> s = Files.list(in)) {
                    if (s.anyMatch(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".tmp"))) {
                        return;
                    }
                }
            }
            assertTrue(p.isAlive() && System.nanoTime() < end, "no write of " + prefix + " seen; output:\n"
                    + Files.readString(log));
            Thread.sleep(10);
        }
    }

    /** Sends SIGTERM and returns the seconds until the child ended; fails if it takes 5 s more than the held write. */
    private static double terminate(Process p, Path log) throws Exception {
        long t0 = System.nanoTime();
        p.destroy();
        if (!p.waitFor(HOLD_MS / 1000 + 5, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the child did not end within 5 s of its save; output:\n" + Files.readString(log));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void assertNoStackTrace(String out) {
        assertFalse(out.contains("Exception") || out.contains("\tat ") || out.contains("Error"), out);
    }

    @Test
    @Hostile(area = "Nothing lost", input = "SIGTERM while `train --save F` writes its last checkpoint (held 3 s by a "
            + "test hook)",
            outcome = "the save completes, `interrupted: saved the last completed step to F`, `report: not written "
                    + "(interrupted)`, exit 143 within 5 s after the save; F holds the finished run; no stack trace "
                    + "(used to hang 300 s, then print one)")
    void aSignalDuringTheLastSaveEndsTheRunWithTheCheckpointIntact() throws Exception {
        Path log = dir.resolve("child.log");
        Process p = trainSlowly(log, ".ckpt");
        awaitWriteOf(dir, "k.ckpt.", "train acc", p, log);  // the epoch's end: its save follows
        terminate(p, log);
        String out = Files.readString(log);
        assertEquals(143, p.exitValue(), out);
        assertTrue(out.contains("interrupted: saved the last completed step to " + dir.resolve("k.ckpt") + "\n")
                && out.contains("report: not written (interrupted)\n"), out);
        assertNoStackTrace(out);
        Checkpoint c = Checkpoint.read(dir.resolve("k.ckpt"));
        assertEquals(1, c.epoch(), "the finished run");
        assertFalse(Files.exists(dir.resolve("r").resolve("index.html")), "no report");
    }

    @Test
    @Hostile(area = "Nothing lost", input = "SIGTERM while `train` writes its HTML report (held 3 s by a test hook)",
            outcome = "the report is finished and the index written, exit 143 within 5 s after; the checkpoint "
                    + "verifies; no stack trace (ImageIO used to throw `Shutdown in progress`)")
    void aSignalDuringTheReportLetsTheReportFinish() throws Exception {
        Path log = dir.resolve("child.log");
        Process p = trainSlowly(log, "seed5.html");
        awaitWriteOf(dir.resolve("r"), "gradcheck-train-seed5.html.", "done:", p, log);
        terminate(p, log);
        String out = Files.readString(log);
        assertEquals(143, p.exitValue(), out);
        assertNoStackTrace(out);
        assertTrue(Files.readString(dir.resolve("r").resolve("gradcheck-train-seed5.html")).strip().endsWith("</html>"));
        assertTrue(Files.readString(dir.resolve("r").resolve("index.html")).contains("gradcheck-train-seed5.html"));
        assertEquals(1, Checkpoint.read(dir.resolve("k.ckpt")).epoch());
    }

    @Test
    @Hostile(area = "Nothing lost", input = "`train` without `--save` whose report cannot be written once training is "
            + "done (a test hook fails the write)",
            outcome = "exit 1, `gradcheck train: FILE: ...; the trained weights are saved in DIR/gradcheck-interrupted.ckpt`; "
                    + "that checkpoint holds the finished run (the weights used to be lost)")
    void aReportThatFailsAfterTrainingStillLeavesTheWeights() throws Exception {
        Path log = dir.resolve("child.log");
        Process p = train(log, "-Dgradcheck.test.failOutput=seed5.html");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not finish");
        String out = Files.readString(log);
        assertEquals(1, p.exitValue(), out);
        Path rescued = dir.resolve("gradcheck-interrupted.ckpt").toRealPath();
        Path page = dir.resolve("r").resolve("gradcheck-train-seed5.html");
        assertTrue(out.endsWith("gradcheck train: " + page + ": not written (-Dgradcheck.test.failOutput); the trained "
                + "weights are saved in " + rescued + "\n"), out);
        assertNoStackTrace(out);
        assertEquals(1, Checkpoint.read(rescued).epoch());
    }
}

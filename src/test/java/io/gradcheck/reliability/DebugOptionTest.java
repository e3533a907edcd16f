package io.gradcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --debug}: the same one line and exit code, then the stack trace; without it, the line alone. */
class DebugOptionTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    @Hostile(area = "CLI", input = "`--debug` with a wrong value, before or after the command",
            outcome = "the same line and exit code 2, then the stack trace (`ParameterException`)")
    void debugAddsTheStackTraceOfAUsageError() {
        for (String[] args : new String[][] {{"--debug", "train", "--batch", "0"}, {"train", "--batch", "0", "--debug"}}) {
            CliRun r = run(args);
            assertEquals(2, r.code());
            String[] lines = r.err().split("\\R");
            assertEquals("gradcheck train: --batch must be a whole number in 1..10000, got 0 (see 'gradcheck train --help')",
                    lines[0]);
            assertTrue(lines[1].startsWith("picocli.CommandLine$ParameterException: --batch must be"), lines[1]);
            assertTrue(lines[2].startsWith("\tat "), "a stack trace: " + r.err());
        }
    }

    @Test
    @Hostile(area = "CLI", input = "`--debug` with a value that fails later (batch larger than the data) or a missing file",
            outcome = "the same line and exit code (2, 1), then the stack trace of the `IllegalArgumentException` / `NoSuchFileException`")
    void debugAddsTheStackTraceOfAnErrorFoundWhileRunning() {
        CliRun r = run("--debug", "train", "--batch", "500", "--limit", "100", "--report", dir.toString());
        assertEquals(2, r.code());
        String[] lines = r.err().split("\\R");
        assertEquals("gradcheck train: Trainer: batch size 500 exceeds the 100 training images", lines[0]);
        assertEquals("java.lang.IllegalArgumentException: Trainer: batch size 500 exceeds the 100 training images", lines[1]);
        assertTrue(lines[2].startsWith("\tat io.gradcheck.train.Trainer.<init>"), lines[2]);

        Path missing = dir.resolve("missing.ckpt");
        CliRun f = run("predict", "--checkpoint", missing.toString(), "--image", "x.png", "--debug");
        assertEquals(1, f.code());
        String[] fl = f.err().split("\\R");
        assertEquals("gradcheck predict: " + missing + ": no such file", fl[0]);
        assertTrue(fl[1].startsWith("java.nio.file.NoSuchFileException: " + missing), fl[1]);
        assertTrue(fl[2].startsWith("\tat "), f.err());
        CliRun quiet = run("predict", "--checkpoint", missing.toString(), "--image", "x.png");
        assertEquals(fl[0] + System.lineSeparator(), quiet.err(), "without --debug, the line alone");
    }

    @Test
    void debugIsListedInTheHelpOfEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"train", "--help"}, {"check", "--help"}, {"exercise", "grade", "--help"}}) {
            CliRun r = run(args);
            assertEquals(0, r.code());
            assertTrue(r.out().contains("--debug"), String.join(" ", args) + ": " + r.out());
        }
    }
}

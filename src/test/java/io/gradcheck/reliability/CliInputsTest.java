package io.gradcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.cli.CliRun;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.data.TrainTest;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.train.Checkpoint;
import io.gradcheck.train.OptimizerKind;
import io.gradcheck.train.TrainConfig;
import io.gradcheck.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile command lines: one line on stderr naming the problem, exit code 2, nothing run, nothing written. */
class CliInputsTest {
    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Exit code 2, exactly this one line on stderr, nothing on stdout, and no stack trace. */
    private static void assertUsageError(String expected, String... args) {
        CliRun r = run(args);
        assertEquals(2, r.code(), r.err());
        assertEquals(expected + System.lineSeparator(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    @Hostile(area = "CLI", input = "`train --batch 0`",
            outcome = "exit 2, `gradcheck train: --batch must be a whole number in 1..10000, got 0 (see 'gradcheck train --help')`")
    void aBatchOfZeroIsAUsageError() {
        assertUsageError("gradcheck train: --batch must be a whole number in 1..10000, got 0 (see 'gradcheck train --help')",
                "train", "--batch", "0");
    }

    @Test
    @Hostile(area = "CLI", input = "`train --lr -1`, `--lr 1e10`, `--lr NaN`, `--lr 0`, `--lr fast`",
            outcome = "exit 2, `gradcheck train: --lr must be a number in [2.2250738585072014E-308, 10.0], got -1.0 "
                    + "(see 'gradcheck train --help')`")
    void aLearningRateOutsideItsRangeIsAUsageError() {
        for (String[] v : new String[][] {{"-1", "-1.0"}, {"1e10", "1.0E10"}, {"NaN", "NaN"}, {"0", "0.0"}, {"fast", "fast"}}) {
            assertUsageError("gradcheck train: --lr must be a number in [2.2250738585072014E-308, 10.0], got " + v[1]
                    + " (see 'gradcheck train --help')", "train", "--lr", v[0]);
        }
    }

    @Test
    @Hostile(area = "CLI", input = "`train --lr 1e-320`: positive and finite, but subnormal",
            outcome = "exit 2, `gradcheck train: --lr must be a number in [2.2250738585072014E-308, 10.0], got 1.0E-320 "
                    + "(see 'gradcheck train --help')`; `TrainConfig` and every optimizer refuse it too")
    void aSubnormalLearningRateIsAUsageError() {
        assertUsageError("gradcheck train: --lr must be a number in [2.2250738585072014E-308, 10.0], got 1.0E-320"
                + " (see 'gradcheck train --help')", "train", "--lr", "1e-320", "--epochs", "1", "--limit", "100",
                "--batch", "100", "--report", dir.toString());  // a short run, should it be accepted
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TrainConfig(1, 100, OptimizerKind.SGD, 1e-320, 1, 0));
        assertEquals("learning rate must be in [2.2250738585072014E-308, 10.0], got 1.0E-320", e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OptimizerKind.ADAM.create(new SimpleConvNet(NetConfig.book(1)).params(), 1e-320));
    }

    @ParameterizedTest
    @CsvSource({"1e9, 1e9", "1e20, 1e20", "2.5, 2.5", "many, many"})
    @Hostile(area = "CLI", input = "`train --epochs 1e9` (and 1e20, 2.5, many): not an int",
            outcome = "exit 2 before any work, `gradcheck train: --epochs must be a whole number in 1..10000, got 1e9 (see 'gradcheck train --help')`")
    void epochsThatAreNotAWholeNumberSayWhatIsAccepted(String given, String shown) {
        assertUsageError("gradcheck train: --epochs must be a whole number in 1..10000, got " + shown
                + " (see 'gradcheck train --help')", "train", "--epochs", given);
    }

    @Test
    @Hostile(area = "CLI", input = "`train --epochs 1000000000` (parses, but a run of years)",
            outcome = "exit 2, `gradcheck train: --epochs must be a whole number in 1..10000, got 1000000000 (see 'gradcheck train --help')`")
    void aHugeNumberOfEpochsIsRefusedBeforeTraining() {
        assertUsageError("gradcheck train: --epochs must be a whole number in 1..10000, got 1000000000 "
                + "(see 'gradcheck train --help')", "train", "--epochs", "1000000000");
    }

    @Test
    @Hostile(area = "CLI", input = "`train --limit -3`, `train --batch 100000`",
            outcome = "exit 2, `gradcheck train: --limit must be 0 (all images) or a positive whole number, got -3 (see ...)`")
    void aNegativeLimitOrAHugeBatchIsAUsageError() {
        assertUsageError("gradcheck train: --limit must be 0 (all images) or a positive whole number, got -3 "
                + "(see 'gradcheck train --help')", "train", "--limit", "-3");
        assertUsageError("gradcheck train: --batch must be a whole number in 1..10000, got 100000 "
                + "(see 'gradcheck train --help')", "train", "--batch", "100000");
    }

    @Test
    @Hostile(area = "CLI", input = "`train --seed x`; a negative seed is accepted (any 64-bit value seeds)",
            outcome = "exit 2, `gradcheck train: --seed must be a whole number (any 64-bit integer), got x (see ...)`")
    void aSeedThatIsNotANumberIsAUsageError() {
        assertUsageError("gradcheck train: --seed must be a whole number (any 64-bit integer), got x "
                + "(see 'gradcheck train --help')", "train", "--seed", "x");
        CliRun negative = run("check", "--seed", "-5", "--tries", "1", "--report", dir.toString());
        assertEquals(0, negative.code(), negative.err());
        assertTrue(negative.out().contains(" checks, 0 failed (seed -5)"), negative.out());
    }

    @Test
    @Hostile(area = "CLI", input = "`check --tries 0`, `check --tries 5000`",
            outcome = "exit 2, `gradcheck check: --tries must be a whole number in 1..1000, got 0 (see 'gradcheck check --help')`")
    void triesOutsideTheirRangeAreAUsageError() {
        assertUsageError("gradcheck check: --tries must be a whole number in 1..1000, got 0 (see 'gradcheck check --help')",
                "check", "--tries", "0", "--report", dir.toString());
        assertUsageError("gradcheck check: --tries must be a whole number in 1..1000, got 5000 (see 'gradcheck check --help')",
                "check", "--tries", "5000", "--report", dir.toString());
        assertFalse(Files.exists(dir.resolve("index.html")), "no report written");
    }

    @Test
    @Hostile(area = "CLI", input = "`exercise check --timeout 0`, `--timeout 1e9`",
            outcome = "exit 2, `gradcheck exercise check: --timeout must be a whole number of seconds in 1..3600, got 0 (see ...)`")
    void anExerciseTimeoutOutsideItsRangeIsAUsageError() {
        assertUsageError("gradcheck exercise check: --timeout must be a whole number of seconds in 1..3600, got 0 "
                + "(see 'gradcheck exercise check --help')", "exercise", "check", "--timeout", "0", "--project", dir.toString());
        assertUsageError("gradcheck exercise check: --timeout must be a whole number of seconds in 1..3600, got 1e9 "
                + "(see 'gradcheck exercise check --help')", "exercise", "check", "--timeout", "1e9", "--project", dir.toString());
    }

    @Test
    @Hostile(area = "CLI", input = "an unknown option (`train --bogus`, `check --seeds 3`)",
            outcome = "exit 2, `gradcheck train: Unknown option: '--bogus' (see 'gradcheck train --help')`")
    void anUnknownOptionIsAUsageError() {
        assertUsageError("gradcheck train: Unknown option: '--bogus' (see 'gradcheck train --help')", "train", "--bogus");
        assertUsageError("gradcheck check: Unknown options: '--seeds', '3' (see 'gradcheck check --help')", "check", "--seeds", "3");
    }

    @Test
    @Hostile(area = "CLI", input = "an unknown command (`gradcheck nope`)",
            outcome = "exit 2, `gradcheck: Unmatched argument at index 0: 'nope' (see 'gradcheck --help')`")
    void anUnknownCommandIsAUsageError() {
        assertUsageError("gradcheck: Unmatched argument at index 0: 'nope' (see 'gradcheck --help')", "nope");
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "`train --batch 500 --limit 100`: a batch larger than the training set",
            outcome = "exit 2, `gradcheck train: Trainer: batch size 500 exceeds the 100 training images`")
    void aBatchLargerThanTheTrainingSetIsAUsageError() {
        assertUsageError("gradcheck train: Trainer: batch size 500 exceeds the 100 training images",
                "train", "--batch", "500", "--limit", "100", "--report", dir.toString());
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "`train --epochs 10000 --batch 1`: 80 million steps, whose loss history would not fit",
            outcome = "exit 2 before training, `gradcheck train: Trainer: 10000 epochs of 8000 steps are 80000000 steps, more than "
                    + "the 10000000 a run may take (the loss of every step is kept)`")
    void aRunTooLongToRecordIsRefusedBeforeTraining() {
        assertUsageError("gradcheck train: Trainer: 10000 epochs of 8000 steps are 80000000 steps, more than the 10000000 "
                + "a run may take (the loss of every step is kept)", "train", "--epochs", "10000", "--batch", "1",
                "--report", dir.toString());
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "`train --limit 2000000000`: more images than there are",
            outcome = "exit 2, `gradcheck train: Trainer: limit 2000000000 exceeds the 8000 training images`")
    void aLimitBeyondTheTrainingSetIsAUsageError() {
        assertUsageError("gradcheck train: Trainer: limit 2000000000 exceeds the 8000 training images",
                "train", "--limit", "2000000000", "--report", dir.toString());
    }

    /**
     * What used to be the one CLI route to a NaN in training: resuming a checkpoint whose weights
     * hold one (a checkpoint the trainer cannot write, but an API caller or another tool could). It
     * is now refused when read.
     */
    @Test
    @Hostile(area = "Numbers", input = "`train --resume F --save F` of a checkpoint whose W2 holds a NaN",
            outcome = "exit 1 before training, `gradcheck train: F: parameter W2 is NaN at [17, 3]; weights must be "
                    + "finite`; the checkpoint unchanged, no report")
    void resumingACheckpointWithANaNWeightIsRefusedAndKeepsTheFile() throws IOException {
        TrainTest tt = Mnist.embedded(new LoadOptions(true, false, false));
        TrainConfig cfg = new TrainConfig(1, 50, OptimizerKind.ADAM, 0.001, 3, 100);
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(cfg.seed()));
        Trainer t = new Trainer(net, cfg.optimizer().create(net.params(), cfg.lr()), cfg, tt.train(), tt.test());
        net.params().get("W2").set(17 * 100 + 3, Double.NaN);
        Path ckpt = dir.resolve("nan.ckpt");
        Checkpoint.of(t).write(ckpt);
        byte[] before = Files.readAllBytes(ckpt);

        CliRun r = run("train", "--resume", ckpt.toString(), "--save", ckpt.toString(), "--report", dir.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("gradcheck train: " + ckpt + ": parameter W2 is NaN at [17, 3]; weights must be finite"
                + System.lineSeparator(), r.err());
        assertArrayEquals(before, Files.readAllBytes(ckpt), "nothing written over the checkpoint");
        assertFalse(Files.exists(dir.resolve("index.html")), "no report of a failed run");
    }
}

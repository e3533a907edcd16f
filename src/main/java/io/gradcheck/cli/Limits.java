package io.gradcheck.cli;

import io.gradcheck.train.TrainConfig;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every numeric option accepts, in one place, so that a value out of range and a value that
 * does not parse ({@code --epochs 1e9}) get the same message: "--epochs must be a whole number in
 * 1..10000, got 1e9".
 */
final class Limits {
    static final int MAX_TRIES = 1000, MAX_TIMEOUT = 3600;
    private static final Map<String, String> ACCEPTS = Map.of(
            "--epochs", "a whole number in 1.." + TrainConfig.MAX_EPOCHS,
            "--batch", "a whole number in 1.." + TrainConfig.MAX_BATCH,
            "--limit", "0 (all images) or a positive whole number",
            "--slices", "a whole number in 1.." + TrainConfig.MAX_SLICES,
            "--lr", "a number in [" + Double.MIN_NORMAL + ", " + TrainConfig.MAX_LR + "]",
            "--seed", "a whole number (any 64-bit integer)",
            "--tries", "a whole number in 1.." + MAX_TRIES,
            "--timeout", "a whole number of seconds in 1.." + MAX_TIMEOUT);

    private Limits() {
    }

    /** A usage error: "OPTION must be WHAT IT ACCEPTS, got VALUE". */
    static ParameterException wrong(CommandLine cl, String option, Object got) {
        return new ParameterException(cl, option + " must be " + ACCEPTS.get(option) + ", got " + got);
    }

    /** Fails with {@link #wrong} unless v is null (not given) or in lo..hi. */
    static void require(CommandLine cl, String option, Integer v, int lo, int hi) {
        if (v != null && (v < lo || v > hi)) {
            throw wrong(cl, option, v);
        }
    }

    /**
     * The message of a usage error; for a numeric option whose value did not even parse as its
     * type, what the option accepts instead of picocli's "'1e9' is not an int".
     */
    static String explain(ParameterException ex) {
        ArgSpec arg = ex.getArgSpec();
        String msg = String.valueOf(ex.getMessage());
        if (arg instanceof OptionSpec o && ACCEPTS.containsKey(o.longestName()) && ex.getValue() != null
                && msg.startsWith("Invalid value for option")) {
            return o.longestName() + " must be " + ACCEPTS.get(o.longestName()) + ", got " + ex.getValue();
        }
        return msg;
    }
}

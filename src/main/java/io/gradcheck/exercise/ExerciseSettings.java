package io.gradcheck.exercise;

import java.time.Duration;

/**
 * How exercises are checked.
 *
 * @param seed    seed of the random shapes; printed with every result
 * @param tries   random shapes per exercise; a pass means none of them failed
 * @param timeout per exercise: code that runs longer is reported as stuck
 */
public record ExerciseSettings(long seed, int tries, Duration timeout) {
    /** Seed 20261129, 40 shapes per exercise, 60 s per exercise. */
    public static final ExerciseSettings DEFAULT = new ExerciseSettings(20261129L, 40, Duration.ofSeconds(60));

    public ExerciseSettings {
        if (tries < 1) {
            throw new IllegalArgumentException("ExerciseSettings: tries must be positive, got " + tries);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ExerciseSettings: timeout must be positive, got " + timeout);
        }
    }

    /** A copy with another seed. */
    public ExerciseSettings withSeed(long s) {
        return new ExerciseSettings(s, tries, timeout);
    }

    /** A copy with another number of random shapes. */
    public ExerciseSettings withTries(int t) {
        return new ExerciseSettings(seed, t, timeout);
    }

    /** A copy with another time limit. */
    public ExerciseSettings withTimeout(Duration d) {
        return new ExerciseSettings(seed, tries, d);
    }
}

package io.gradcheck.mutants;

/**
 * A loop budget for mutant code: {@link Copies} puts a call to {@link #tick()} before every
 * backward jump of a copied class, so a mutant that loops for ever (an {@code i++} turned into
 * {@code i--}) stops with {@link Hang} after {@link #BUDGET} iterations, on every machine alike.
 * Public only because the copies live in io.gradcheck.layer; one check at a time (JUnit runs the
 * tests of this build one after another).
 */
public final class Watchdog {
    /** Loop iterations allowed in one check: {@code MutantsTest} shows the unmutated copies need far fewer. */
    static final long BUDGET = 50_000_000L;
    private static long ticks;

    private Watchdog() {
    }

    /** Thrown past the budget. An Error, so that the checker, which reports exceptions, lets it through. */
    static final class Hang extends Error {
        private static final long serialVersionUID = 1L;

        Hang() {
            super("the mutant ran more than " + BUDGET + " loop iterations in one check", null, false, false);
        }
    }

    /** Counts one loop iteration of copied code. */
    public static void tick() {
        if (++ticks > BUDGET) {
            throw new Hang();
        }
    }

    /** Starts a check's budget. */
    static void reset() {
        ticks = 0;
    }

    /** Loop iterations since the last {@link #reset()}. */
    static long ticks() {
        return ticks;
    }
}

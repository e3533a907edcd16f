package io.gradcheck.mutants;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;

/**
 * What the gradient checker made of one mutant.
 *
 * @param mutant  the mutant
 * @param outcome caught, survived, hung or crashed
 * @param shape   the smallest failing shape (caught), or the shape it hung or crashed on, else null
 * @param result  the check on that shape (caught), else null
 * @param detail  the check's first failing line, the exception, or null
 * @param shapes  how many shapes were checked, the shrinking included
 * @param survival for a survivor, how its computation differs from the original's, else null
 */
record Verdict(Mutant mutant, Outcome outcome, Object shape, CheckResult result, String detail, int shapes,
               Survival survival) {
    /**
     * How a survivor's forward and backward differ from the unmutated layer's, bit for bit, on the
     * search's random shapes (Subject.outputs): the reviewed categories of
     * src/test/resources/mutant-survivors.tsv.
     */
    enum Survival {
        /** Same output and same gradients on every shape: equivalent there (a guard, an unreachable case). */
        SAME,
        /**
         * The output differs, and every check passes: backward is the right gradient of the mutant's own
         * forward, another function. No gradient check can see that; an oracle for forward (the book's
         * vectors in ReferenceVectorsTest) does.
         */
        OTHER_FUNCTION,
        /**
         * The same on a fresh instance, but not after a call on another batch shape: state kept from an
         * earlier call. The checker only calls a layer on one batch shape; issue 13, point 3 adds a decoy.
         */
        STATE,
        /** The output is the same and a gradient differs, yet every check passes: a miss of the checker. */
        BACKWARD_DIFFERS
    }

    /** How the checker judged a mutant. */
    enum Outcome {
        /** A check failed: the checker reported the mutant (an exception inside it included). */
        CAUGHT,
        /** Every check on the random shapes passed or was inconclusive. */
        SURVIVED,
        /** A loop ran past the watchdog's budget (PIT's TIMED_OUT): no check could return. */
        HUNG,
        /** An exception escaped the checker: the user saw a crash, not a verdict. */
        CRASHED
    }

    /** The diagnosis of a caught mutant, as a word for the tables; see {@link #kindOf(CheckResult)}. */
    String kind() {
        return result == null ? "" : kindOf(result);
    }

    /**
     * The first named kind among the failing gradients (parameters, then x), else UNKNOWN if one was
     * diagnosed so, else "none" (caught by an exact detector or a contract problem without a kind).
     */
    static String kindOf(CheckResult r) {
        String kind = "none";
        for (ParamResult p : r.params()) {
            if (p.status() != Status.FAILED || p.diagnosis() == null) {
                continue;
            }
            String k = p.diagnosis().kind().name();
            if (!k.equals("UNKNOWN")) {
                return k;
            }
            kind = k;
        }
        return kind;
    }

    /** Whether the check that caught the mutant reported an exception of the layer, not a wrong value. */
    boolean threw() {
        return result != null && result.params().stream().anyMatch(p -> p.problem() != null && p.problem().contains(" threw "));
    }

    /** Whether a caught mutant got a kind other than UNKNOWN or none. */
    boolean named() {
        return outcome == Outcome.CAUGHT && !kind().equals("UNKNOWN") && !kind().equals("none");
    }
}

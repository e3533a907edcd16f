package io.gradcheck.check;

/**
 * The most likely kind of bug behind a failing gradient, from the pattern of analytic against
 * numeric values.
 *
 * @param kind       the kind of bug; {@link BugKind#UNKNOWN} when no pattern fits
 * @param confidence in [0, 1]: how well the pattern fits, and on how many elements
 * @param evidence   one sentence a student can check, e.g. "analytic / numeric = 2.000 on all 12 elements"
 */
public record Diagnosis(BugKind kind, double confidence, String evidence) {
    public Diagnosis {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("Diagnosis: confidence must be in [0, 1], got " + confidence);
        }
    }

    static Diagnosis unknown(String evidence) {
        return new Diagnosis(BugKind.UNKNOWN, 0, evidence);
    }
}

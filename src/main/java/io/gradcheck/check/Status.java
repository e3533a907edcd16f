package io.gradcheck.check;

/** The outcome of checking one gradient, or a whole check. */
public enum Status {
    /** Every checked element agreed within tolerance. */
    PASSED,
    /** At least one element disagreed, or the gradient was missing, misshapen or not finite. */
    FAILED,
    /** Nothing disagreed, but too many elements sat at kinks to call it passed. */
    INCONCLUSIVE
}

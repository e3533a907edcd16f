package io.gradcheck.check;

/**
 * The check of one gradient: a named parameter, or the input ("x").
 *
 * @param name          the parameter's name, e.g. "W1", or "x" for the input gradient
 * @param shape         the parameter's shape
 * @param checked       elements compared
 * @param skipped       elements not compared because the finite difference crossed a kink
 * @param maxAbsError   the largest |analytic - numeric| over the checked elements
 * @param maxRelError   the largest |analytic - numeric| / max(|analytic|, |numeric|)
 * @param medianRelError the median of that relative error over the checked elements: the typical
 *                      agreement, where the maximum shows the worst
 * @param worstIndex    the element furthest outside tolerance, as {@code W1[f=3,c=0,i=1,j=2]}
 * @param worstAnalytic the analytic gradient there
 * @param worstNumeric  the numeric gradient there
 * @param status        PASSED, FAILED or INCONCLUSIVE
 * @param problem       why it failed before any element was compared (missing, wrong shape,
 *                      not finite), or null
 * @param diagnosis     the likely kind of bug when it failed, else null
 * @param elements      the per-element values behind this result
 * @param note          why it is INCONCLUSIVE, e.g. "no signal: every compared element is zero", else null
 */
public record ParamResult(String name, int[] shape, int checked, int skipped, double maxAbsError,
                          double maxRelError, double medianRelError, String worstIndex, double worstAnalytic, double worstNumeric,
                          Status status, String problem, Diagnosis diagnosis, Elements elements,
                          String note) {
    public ParamResult {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** "ParamResult[W1 [30, 1, 5, 5]: FAILED, ...]": the line of {@link CheckResult#failureMessage()}, with the shape. */
    @Override
    public String toString() {
        return "ParamResult[" + name + " " + java.util.Arrays.toString(shape) + ": " + Messages.line(this)
                + (diagnosis == null ? "" : "; " + Messages.diagnosis(diagnosis)) + "]";
    }

    /** The index of a flat element with its axes named, as in messages: {@code W1[f=3,c=0,i=1,j=2]}. */
    public String elementIndex(int flat) {
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1, f = flat; a >= 0; a--) {
            idx[a] = f % shape[a];
            f /= shape[a];
        }
        return Messages.index(name, shape, idx);
    }

    /** The names of the shape's axes, as {@link #elementIndex} writes them: [f, c, i, j] for W1, [n, c, i, j] for a 4-D x. */
    public java.util.List<String> axes() {
        return java.util.List.of(Messages.axes(name, shape.length));
    }

    /** A failure found before any element was compared. */
    static ParamResult problem(String name, int[] shape, String problem) {
        return new ParamResult(name, shape, 0, 0, Double.NaN, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN,
                Status.FAILED, problem, null, null, null);
    }

    /** This result with a diagnosis. */
    ParamResult diagnosed(Diagnosis d) {
        return new ParamResult(name, shape, checked, skipped, maxAbsError, maxRelError, medianRelError, worstIndex,
                worstAnalytic, worstNumeric, status, problem, d, elements, note);
    }

    /** This result with its element data. */
    ParamResult with(Elements e) {
        return new ParamResult(name, shape, checked, skipped, maxAbsError, maxRelError, medianRelError, worstIndex,
                worstAnalytic, worstNumeric, status, problem, diagnosis, e, note);
    }
}

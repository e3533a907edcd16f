package io.gradcheck.check;

/**
 * How a gradient check compares. Never changes: every {@code with...} returns a changed copy.
 *
 * <p>An element passes when {@code |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|)}.
 * docs/gradient-checking.md explains the defaults with the errors our tests measured.
 *
 * @param h               the central-difference step (default 1e-5)
 * @param rtol            relative tolerance (default 1e-5)
 * @param atol            absolute tolerance, for gradients that are legitimately tiny (default 1e-8)
 * @param maxSkipFraction above this fraction of elements skipped at kinks, a parameter's check is
 *                        inconclusive instead of passed (default 0.5)
 * @param maxElements     at most this many elements per parameter are checked, sampled with the
 *                        check's seed; larger tensors are sampled (default: all)
 * @param directions      0 for the element-wise check (default); K > 0 for fast mode, which compares
 *                        directional derivatives along K random directions per tensor instead
 */
public record CheckSettings(double h, double rtol, double atol, double maxSkipFraction, int maxElements,
                            int directions) {
    /** The defaults. */
    public static final CheckSettings DEFAULT = new CheckSettings(1e-5, 1e-5, 1e-8, 0.5, Integer.MAX_VALUE, 0);

    public CheckSettings {
        // an infinite tolerance would pass every gradient: finite only
        if (!(h > 0) || !(rtol >= 0) || !(atol >= 0) || !(maxSkipFraction >= 0 && maxSkipFraction <= 1)
                || maxElements <= 0 || Double.isInfinite(h) || Double.isInfinite(rtol) || Double.isInfinite(atol)
                || directions < 0) {
            throw new IllegalArgumentException("CheckSettings: need finite h > 0, rtol >= 0 and atol >= 0, "
                    + "maxSkipFraction in [0, 1], maxElements > 0 and directions >= 0, got h=" + h + ", rtol=" + rtol
                    + ", atol=" + atol + ", maxSkipFraction=" + maxSkipFraction + ", maxElements=" + maxElements
                    + ", directions=" + directions);
        }
    }

    public CheckSettings withH(double v) {
        return new CheckSettings(v, rtol, atol, maxSkipFraction, maxElements, directions);
    }

    public CheckSettings withRtol(double v) {
        return new CheckSettings(h, v, atol, maxSkipFraction, maxElements, directions);
    }

    public CheckSettings withAtol(double v) {
        return new CheckSettings(h, rtol, v, maxSkipFraction, maxElements, directions);
    }

    public CheckSettings withMaxSkipFraction(double v) {
        return new CheckSettings(h, rtol, atol, v, maxElements, directions);
    }

    public CheckSettings withMaxElements(int v) {
        return new CheckSettings(h, rtol, atol, maxSkipFraction, v, directions);
    }

    /** The error allowed between an analytic and a numeric value: atol + rtol * max(|a|, |n|). */
    public double tolerance(double analytic, double numeric) {
        return atol + rtol * Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    /**
     * Whether an analytic and a numeric value agree: {@code |a - n| <= tolerance(a, n)}. The one rule
     * by which an element passes, in the checker and in the reports.
     */
    public boolean agree(double analytic, double numeric) {
        return Math.abs(analytic - numeric) <= tolerance(analytic, numeric);
    }

    /** Whether nothing was compared, or more than maxSkipFraction of the elements were skipped at kinks. */
    boolean inconclusive(int compared, int skipped) {
        return compared == 0 || skipped > maxSkipFraction * (compared + skipped);
    }

    /** Whether a compared pair carries signal: either value is larger than atol, so it could disagree. */
    boolean signal(double analytic, double numeric) {
        return Math.max(Math.abs(analytic), Math.abs(numeric)) > atol;
    }

    /**
     * Why a gradient with no disagreeing element is INCONCLUSIVE, or null if it PASSED: nothing
     * compared, too many elements at kinks, or no signal in any compared element.
     */
    String inconclusiveNote(int compared, int skipped, boolean signal) {
        if (compared == 0) {
            return "no element compared: every step crossed a kink";
        }
        if (inconclusive(compared, skipped)) {
            return skipped + " of " + (compared + skipped) + " elements skipped at kinks, more than "
                    + Math.round(100 * maxSkipFraction) + "%";
        }
        return signal ? null : "no signal: every compared element is zero (below atol " + atol + "), analytic and numeric";
    }

    /** Fast mode with K random directions per tensor, or 0 for the element-wise check. */
    public CheckSettings withDirections(int k) {
        return new CheckSettings(h, rtol, atol, maxSkipFraction, maxElements, k);
    }
}

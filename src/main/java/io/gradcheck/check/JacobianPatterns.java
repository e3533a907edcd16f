package io.gradcheck.check;

import java.util.Arrays;

/**
 * Hypotheses tested on the analytic backward as a matrix against the numeric Jacobian (see
 * {@link Jacobians}), not on a catalogue's entries: a cache from an earlier input, the Jacobian used
 * untransposed, contributions dropped where windows meet, elements that receive other elements'
 * gradients (routed, shifted, or each output's gradient sent elsewhere), and a wrong mask. Each
 * named kind comes with one element a student can check by hand.
 */
final class JacobianPatterns {
    private final ParamResult r;
    private final double[][] a;  // (m, n)
    private final double[][] num;
    private final Diagnose d;
    private final int m;
    private final int n;

    private JacobianPatterns(ParamResult r, Jacobians j, Diagnose d) {
        this.r = r;
        this.a = j.analytic();
        this.num = j.numeric();
        this.d = d;
        this.m = a.length;
        this.n = m == 0 ? 0 : a[0].length;
    }

    /** The first hypothesis that fits the failing gradient r, or null. */
    static Diagnosis of(ParamResult r, Jacobians j, Diagnose d) {
        JacobianPatterns p = new JacobianPatterns(r, j, d);
        if (p.m == 0 || p.n == 0) {
            return null;
        }
        Diagnosis found = p.dropped();
        found = found != null ? found : p.untransposed();
        found = found != null ? found : p.columns();
        found = found != null ? found : p.rows();
        found = found != null ? found : p.mask();
        return found != null ? found : p.spread();
    }

    private boolean same(double x, double y) {
        return Double.isNaN(y) || d.close(x, y);
    }

    private boolean zero(double v) {
        return Double.isNaN(v) || d.close(v, 0);
    }

    /** The analytic Jacobian at x is the numeric one at the subject's first input: a cache kept from it. */
    static Diagnosis stale(ParamResult r, Jacobians j, Diagnose d) {
        JacobianPatterns p = new JacobianPatterns(r, j, d);
        return p.m == 0 || p.n == 0 ? null : p.staleInput(j.atDecoy());
    }

    private Diagnosis staleInput(double[][] decoy) {
        if (decoy == null) {
            return null;
        }
        int differ = 0;  // entries where the decoy's Jacobian is not x's, and the analytic one follows the decoy
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                if (!same(a[k][i], decoy[k][i])) {
                    return null;
                }
                differ += same(num[k][i], decoy[k][i]) ? 0 : 1;
            }
        }
        if (differ <= 0) {
            return null;
        }
        return new Diagnosis(BugKind.STATE, 0.9, "backward at x gives the gradient that belongs to an earlier input: "
                + "on all " + m + "×" + n + " entries of its Jacobian it matches the numeric Jacobian at the layer's "
                + "first input, not at x");
    }

    /**
     * Every analytic entry is the numeric one or 0, and every dropped entry lies in a column that
     * several outputs reach: contributions overwritten where windows meet.
     */
    private Diagnosis dropped() {
        int droppedAt = -1, droppedRow = -1, reach = 0;
        for (int i = 0; i < n; i++) {
            int fan = 0;
            for (int k = 0; k < m; k++) {
                fan += zero(num[k][i]) ? 0 : 1;
            }
            for (int k = 0; k < m; k++) {
                if (same(a[k][i], num[k][i])) {
                    continue;
                }
                if (!zero(a[k][i]) || fan < 2) {
                    return null;
                }
                if (droppedAt < 0) {
                    droppedAt = i;
                    droppedRow = k;
                    reach = fan;
                }
            }
        }
        if (droppedAt < 0) {
            return null;
        }
        int got = 0;
        for (int k = 0; k < m; k++) {
            got += !zero(a[k][droppedAt]) ? 1 : 0;
        }
        return new Diagnosis(BugKind.MISSING_ACCUMULATION, 0.9, r.elementIndex(droppedAt) + " is reached by " + reach
                + " outputs but receives the gradient of " + got + " of them (output " + droppedRow + "'s is dropped); "
                + "elsewhere every contribution is right");
    }

    /** analytic = numericᵀ: the local Jacobian used the wrong way round (dx = dout·W for dout·Wᵀ). */
    private Diagnosis untransposed() {
        if (m != n) {
            return null;
        }
        boolean symmetric = true;
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                if (!same(a[k][i], num[i][k])) {
                    return null;
                }
                symmetric &= same(num[k][i], num[i][k]);
            }
        }
        if (symmetric) {
            return null;
        }
        int[] at = firstWrong();
        return new Diagnosis(BugKind.NOT_TRANSPOSED, 0.9, "the analytic Jacobian is the numeric one transposed: the "
                + "gradient of output " + at[0] + " at " + r.elementIndex(at[1]) + " is " + Diagnose.fmt(a[at[0]][at[1]])
                + ", the derivative of output " + at[1] + " by element " + at[0] + " (the right value is "
                + Diagnose.fmt(num[at[0]][at[1]]) + ")");
    }

    /**
     * Every column (what one element receives from all outputs) is the numeric column of some
     * element: elements receive other elements' gradients. A constant offset is a shift.
     */
    private Diagnosis columns() {
        int[] from = new int[n];
        for (int i = 0; i < n; i++) {
            from[i] = -1;
            if (column(i, i)) {
                from[i] = i;
                continue;
            }
            for (int j = 0; j < n && from[i] < 0; j++) {
                from[i] = column(i, j) ? j : -1;
            }
            if (from[i] < 0) {
                return null;
            }
        }
        int[] offset = null;
        boolean shift = true;
        int first = -1, moved = 0;
        for (int i = 0; i < n; i++) {
            if (from[i] == i || zeroColumn(i)) {
                continue;
            }
            first = first < 0 ? i : first;
            moved++;
            int[] o = diff(r.shape(), from[i], i);
            shift &= offset == null || Arrays.equals(o, offset);
            offset = offset == null ? o : offset;
        }
        if (first < 0) {
            return null;
        }
        String who = r.elementIndex(first) + " receives the gradient that belongs to " + r.elementIndex(from[first]);
        return shift && moved >= 2 ? new Diagnosis(BugKind.SHIFTED, 0.85, who + ": every wrong element receives the gradient of the "
                + "element " + Arrays.toString(offset) + " away (" + moved + " elements)") : new Diagnosis(BugKind.MISROUTED, 0.85, who
                + "; every element receives some element's gradient, not always its own");
    }

    /** Every row (where one output's gradient goes) is the numeric row of another output. */
    private Diagnosis rows() {
        if (n < 2) {
            return null;  // a row of one element is one value: any equal value elsewhere would "match"
        }
        int first = -1, firstFrom = -1;
        for (int k = 0; k < m; k++) {
            if (row(k, k)) {
                continue;
            }
            int from = -1;
            for (int q = 0; q < m && from < 0; q++) {
                from = row(k, q) ? q : -1;
            }
            if (from < 0) {
                return null;
            }
            if (first < 0) {
                first = k;
                firstFrom = from;
            }
        }
        return first < 0 ? null : new Diagnosis(BugKind.MISROUTED, 0.85, "the gradient of output " + first
                + " is sent where that of output " + firstFrom + " belongs: dout is read in another layout");
    }

    /**
     * Each output's gradient either reaches exactly the right elements, or is blocked (its row is 0)
     * where the true one passes, or passes where the true one is blocked: a mask taken wrongly.
     */
    private Diagnosis mask() {
        int leak = -1, block = -1;
        for (int k = 0; k < m; k++) {
            if (row(k, k)) {
                continue;
            }
            boolean rowA = zeroRow(a, k), rowN = zeroRow(num, k);
            if (!rowA && !rowN) {
                return null;
            }
            leak = leak < 0 && rowN ? k : leak;
            block = block < 0 && rowA ? k : block;
        }
        if (leak < 0 && block < 0) {
            return null;
        }
        for (int k = 0; k < m; k++) {  // a leaked row that is a blocked row moved is routing, not a mask
            for (int q = 0; q < m; q++) {
                if (q != k && !zeroRow(a, k) && zeroRow(num, k) && zeroRow(a, q) && !zeroRow(num, q) && row(k, q)) {
                    return null;
                }
            }
        }
        String what = leak >= 0 ? "the gradient of output " + leak + " passes, where the true one is 0"
                : "the gradient of output " + block + " is blocked, where the true one passes";
        return new Diagnosis(BugKind.WRONG_MASK, 0.85, what + "; every other output's gradient reaches the right "
                + "elements with the right values");
    }

    private boolean zeroRow(double[][] j, int k) {
        for (int i = 0; i < n; i++) {
            if (!zero(j[k][i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each output's gradient arrives in full (the row sums agree: so it does when a row holds the
     * same values, rearranged), but at other elements than the numeric Jacobian's.
     */
    private Diagnosis spread() {
        int bad = -1;
        for (int k = 0; k < m; k++) {
            double sa = 0, sn = 0;
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(num[k][i])) {
                    return null;
                }
                sa += a[k][i];
                sn += num[k][i];
            }
            if (!d.close(sa, sn)) {  // rearranged values have the same sum too
                return null;
            }
            bad = bad < 0 && !row(k, k) ? k : bad;
        }
        if (bad < 0) {
            return null;
        }
        int at = -1;
        for (int i = 0; i < n && at < 0; i++) {
            at = !same(a[bad][i], num[bad][i]) ? i : -1;
        }
        return new Diagnosis(BugKind.MISROUTED, 0.8, "the gradient of output " + bad + " arrives in full but at other "
                + "elements: " + r.elementIndex(at) + " receives " + Diagnose.fmt(a[bad][at]) + " of it, where the true "
                + "share is " + Diagnose.fmt(num[bad][at]));
    }

    private boolean column(int i, int j) {
        for (int k = 0; k < m; k++) {
            if (!same(a[k][i], num[k][j])) {
                return false;
            }
        }
        return true;
    }

    private boolean zeroColumn(int i) {
        for (int k = 0; k < m; k++) {
            if (!zero(a[k][i])) {
                return false;
            }
        }
        return true;
    }

    private boolean row(int k, int q) {
        for (int i = 0; i < n; i++) {
            if (!same(a[k][i], num[q][i])) {
                return false;
            }
        }
        return true;
    }

    /** {row, column} of the first entry where the two Jacobians disagree. */
    private int[] firstWrong() {
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                if (!same(a[k][i], num[k][i])) {
                    return new int[] {k, i};
                }
            }
        }
        return new int[] {0, 0};
    }

    /** The multi-index of flat j minus that of flat i, in a tensor of the shape. */
    private static int[] diff(int[] shape, int j, int i) {
        int[] o = new int[shape.length];
        for (int ax = shape.length - 1; ax >= 0; ax--) {
            o[ax] = j % shape[ax] - i % shape[ax];
            j /= shape[ax];
            i /= shape[ax];
        }
        return o;
    }
}

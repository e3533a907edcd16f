package io.gradcheck.check;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The diagnosis patterns that look at the geometry of a gradient: axes, bias sums, windows. */
final class Patterns {
    private Patterns() {
    }

    /** analytic = numeric with two axes exchanged: Wᵀ for a matrix, (C, FN, ..) for a filter bank. */
    static Diagnosis transposed(ParamResult r, Tensor a, Diagnose d) {
        Tensor n = r.elements().numeric();
        int[][] perms = switch (n.rank()) {
            case 2 -> new int[][] {{1, 0}};
            case 4 -> new int[][] {{1, 0, 2, 3}, {0, 1, 3, 2}};
            default -> new int[0][];
        };
        for (int[] perm : perms) {
            Tensor t = Ops.permute(n, perm);  // the numeric gradient with two axes exchanged, read in a's order
            int k = matches(a, t, d);
            if (k > 0) {
                String axes = perm[0] == 1 ? "0 and 1" : "2 and 3";
                return new Diagnosis(BugKind.TRANSPOSED, Diagnose.confidence(k), "the analytic gradient of " + r.name()
                        + " is the numeric one with axes " + axes + " exchanged, on all " + k + " compared elements");
            }
        }
        return null;
    }

    /** How many compared, nonzero elements support a == t, or 0 if any element disagrees. */
    private static int matches(Tensor a, Tensor t, Diagnose d) {
        int k = 0;
        for (int i = 0; i < a.size(); i++) {
            if (Double.isNaN(t.get(i))) {
                continue;
            }
            if (!d.close(a.get(i), t.get(i))) {
                return 0;
            }
            k += Math.abs(t.get(i)) > 0 ? 1 : 0;
        }
        return k;
    }

    /** A layer's bias gradient that equals G summed over other axes than the channel's, or one example's. */
    static Diagnosis biasAxis(ParamResult r, Tensor a, Tensor g, Diagnose d) {
        if (g == null || a.rank() != 1 || g.rank() < 2) {
            return null;
        }
        List<String> names = new ArrayList<>();
        List<Tensor> candidates = new ArrayList<>();
        for (int axis = 0; axis < g.rank(); axis++) {
            if (g.dim(axis) == a.dim(0)) {
                candidates.add(keepAxis(g, axis));
                names.add("dout summed over every axis but " + axis);
            }
        }
        Tensor first = keepAxis(Tensor.of(java.util.Arrays.copyOf(g.data(), g.size() / g.dim(0)), firstShape(g)), 1);
        if (first.sameShape(a)) {
            candidates.add(first);
            names.add("the first example's dout alone, not summed over the batch");
        }
        for (int i = 0; i < candidates.size(); i++) {
            int k = matches(a, candidates.get(i), d);
            if (k > 0 && matches(r.elements().numeric(), candidates.get(i), d) == 0) {
                return new Diagnosis(BugKind.BIAS_WRONG_AXIS, Math.min(0.9, Diagnose.confidence(k)),
                        "the analytic gradient of " + r.name() + " equals " + names.get(i));
            }
        }
        return null;
    }

    /** Sums every axis of g but one: (N, FN, OH, OW) keeping axis 1 gives (FN). */
    private static Tensor keepAxis(Tensor g, int axis) {
        Tensor t = g;
        for (int ax = g.rank() - 1; ax >= 0; ax--) {
            if (ax != axis) {
                t = t.rank() == 1 ? t : Ops.sum(t, ax);
            }
        }
        return t;
    }

    /** The shape of g's first example, kept 2-D or more so that keepAxis(.., 1) reads its channels. */
    private static int[] firstShape(Tensor g) {
        int[] s = g.shape();
        s[0] = 1;
        return s;
    }

    /**
     * For a single layer's input: the wrong elements are exactly those read by more windows than the
     * least-read ones (overlap: contributions overwritten instead of added), or they fill whole
     * border rows or columns of the image.
     */
    static Diagnosis windows(ParamResult r, Tensor a, Diagnose d) {
        Elements e = r.elements();
        int[] f = e.fanOut();
        if (f == null || a.rank() != 4) {
            return null;
        }
        Tensor n = e.numeric();
        boolean[] wrong = new boolean[f.length];
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < f.length; i++) {
            if (!Double.isNaN(n.get(i))) {
                min = f[i] > 0 ? Math.min(min, f[i]) : min;
                wrong[i] = !d.close(a.get(i), n.get(i));
            }
        }
        int count = 0, overlap = 0, onBorderLine = 0, rightAtMin = 0;
        for (int i = 0; i < f.length; i++) {
            if (Double.isNaN(n.get(i))) {
                continue;
            }
            if (wrong[i]) {
                count++;
                overlap += f[i] > min ? 1 : 0;
                onBorderLine += wholeBorderLine(a, n, wrong, i) ? 1 : 0;
            } else {
                rightAtMin += f[i] == min ? 1 : 0;
            }
        }
        if (count > 0 && onBorderLine == count && count < f.length) {
            return new Diagnosis(BugKind.BORDER, 0.7, "the " + count + " wrong elements of " + r.name()
                    + " fill whole rows or columns at the image border; the rest are right");
        }
        if (count > 0 && overlap == count && rightAtMin > 0) {
            return new Diagnosis(BugKind.MISSING_ACCUMULATION, 0.8, "all " + count + " wrong elements of "
                    + r.name() + " are read by more windows than the least-read ones, which are right: "
                    + "overlapping contributions are not added up");
        }
        return null;
    }

    /**
     * Whether element i lies on a border row or column (of a side of 3 or more, so that a border
     * is not the whole image) that is wrong end to end in its (n, c) plane.
     */
    private static boolean wholeBorderLine(Tensor a, Tensor n, boolean[] wrong, int i) {
        int h = a.dim(2), w = a.dim(3);
        int[] idx = a.unflatten(i);
        int plane = i - idx[2] * w - idx[3];
        boolean rowLine = h >= 3 && (idx[2] == 0 || idx[2] == h - 1) && line(n, wrong, plane + idx[2] * w, 1, w);
        boolean colLine = w >= 3 && (idx[3] == 0 || idx[3] == w - 1) && line(n, wrong, plane + idx[3], w, h);
        return rowLine || colLine;
    }

    /** Every compared element of the line start, start + step, ... (len of them) is wrong. */
    private static boolean line(Tensor n, boolean[] wrong, int start, int step, int len) {
        for (int k = 0; k < len; k++) {
            int j = start + k * step;
            if (!Double.isNaN(n.get(j)) && !wrong[j]) {
                return false;
            }
        }
        return true;
    }
}

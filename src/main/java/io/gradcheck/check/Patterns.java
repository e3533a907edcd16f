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
     * least-read ones (overlap: contributions overwritten instead of added), or exactly those at the
     * image border.
     */
    static Diagnosis windows(ParamResult r, Tensor a, Diagnose d) {
        Elements e = r.elements();
        int[] f = e.fanOut();
        if (f == null || a.rank() != 4) {
            return null;
        }
        Tensor n = e.numeric();
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < f.length; i++) {
            min = f[i] > 0 && !Double.isNaN(n.get(i)) ? Math.min(min, f[i]) : min;
        }
        int wrong = 0, wrongOverlap = 0, wrongBorder = 0, rightAtMin = 0, rightInterior = 0;
        int h = a.dim(2), w = a.dim(3);
        for (int i = 0; i < f.length; i++) {
            if (Double.isNaN(n.get(i))) {
                continue;
            }
            int[] idx = a.unflatten(i);
            boolean border = idx[2] == 0 || idx[3] == 0 || idx[2] == h - 1 || idx[3] == w - 1;
            if (!d.close(a.get(i), n.get(i))) {
                wrong++;
                wrongOverlap += f[i] > min ? 1 : 0;
                wrongBorder += border ? 1 : 0;
            } else {
                rightAtMin += f[i] == min ? 1 : 0;
                rightInterior += border ? 0 : 1;
            }
        }
        if (wrong > 0 && wrongOverlap == wrong && rightAtMin > 0 && wrongBorder < wrong) {
            return new Diagnosis(BugKind.MISSING_ACCUMULATION, 0.8, "all " + wrong + " wrong elements of "
                    + r.name() + " are read by more windows than the least-read ones, which are right: "
                    + "overlapping contributions are not added up");
        }
        if (wrong > 0 && wrongBorder == wrong && rightInterior > 0) {
            return new Diagnosis(BugKind.BORDER, 0.7, "all " + wrong + " wrong elements of " + r.name()
                    + " lie on the image border, and the " + rightInterior + " inside it are right");
        }
        return null;
    }
}

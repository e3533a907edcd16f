package io.gradcheck.check;

import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Hypotheses on the gradient as a vector, for subjects whose Jacobian is not built (the network,
 * the loss, large tensors): signs flipped on a subset, the right values in the wrong places, a
 * ratio constant along one axis, one term wrong per example; and, when none fits, a description of
 * the error pattern instead of a kind.
 */
final class VectorPatterns {
    private VectorPatterns() {
    }

    static Diagnosis of(ParamResult r, Tensor a, int batch, Diagnose d) {
        Tensor n = r.elements().numeric();
        if (!a.sameShape(n)) {
            return null;
        }
        Diagnosis found = signs(r, a, n, d);
        found = found != null ? found : values(r, a, n, d);
        found = found != null ? found : axisScale(r, a, n, d);
        return found != null ? found : onePerExample(r, a, n, d);
    }

    /** Every element is right or exactly negated, some of each. */
    private static Diagnosis signs(ParamResult r, Tensor a, Tensor n, Diagnose d) {
        int flipped = -1, count = 0, right = 0;
        for (int i = 0; i < a.size(); i++) {
            double v = n.get(i);
            if (Double.isNaN(v) || d.close(a.get(i), v)) {
                right += Double.isNaN(v) || d.close(v, 0) ? 0 : 1;
                continue;
            }
            if (!d.close(a.get(i), -v)) {
                return null;
            }
            flipped = flipped < 0 ? i : flipped;
            count++;
        }
        return flipped < 0 || right == 0 ? null : new Diagnosis(BugKind.SIGN_FLIPPED, Diagnose.confidence(count),
                "analytic = −numeric at " + count + " elements, e.g. " + r.elementIndex(flipped) + ": "
                        + Diagnose.fmt(a.get(flipped)) + " for " + Diagnose.fmt(n.get(flipped)) + "; right at the other "
                        + right);
    }

    /** The analytic values are the numeric ones, rearranged: elements hold other elements' gradients. */
    private static Diagnosis values(ParamResult r, Tensor a, Tensor n, Diagnose d) {
        List<double[]> pa = new ArrayList<>(), pn = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!Double.isNaN(n.get(i))) {
                pa.add(new double[] {a.get(i)});
                pn.add(new double[] {n.get(i)});
            }
        }
        double[] sa = pa.stream().mapToDouble(v -> v[0]).sorted().toArray();
        double[] sn = pn.stream().mapToDouble(v -> v[0]).sorted().toArray();
        for (int i = 0; i < sa.length; i++) {
            if (!d.close(sa[i], sn[i])) {
                return null;
            }
        }
        for (int i = 0; i < a.size(); i++) {
            if (Double.isNaN(n.get(i)) || d.close(a.get(i), n.get(i))) {
                continue;
            }
            for (int j = 0; j < a.size(); j++) {
                if (j != i && !Double.isNaN(n.get(j)) && d.close(a.get(i), n.get(j)) && !d.close(n.get(j), 0)) {
                    return new Diagnosis(BugKind.MISROUTED, 0.8, r.elementIndex(i) + " holds " + Diagnose.fmt(a.get(i))
                            + ", the gradient that belongs to " + r.elementIndex(j) + "; the analytic values are the "
                            + "numeric ones in other places");
                }
            }
        }
        return null;
    }

    /** analytic / numeric is one constant within each slice along an axis, another in another slice. */
    private static Diagnosis axisScale(ParamResult r, Tensor a, Tensor n, Diagnose d) {
        int[] shape = a.shape();
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] < 2) {
                continue;
            }
            double[] c = new double[shape[axis]];
            boolean fits = true;
            for (int g = 0; g < shape[axis] && fits; g++) {
                double an = 0, nn = 0;
                int support = 0;  // one element fits any ratio: a slice needs two
                for (int i = 0; i < a.size(); i++) {
                    if (a.unflatten(i)[axis] == g && !Double.isNaN(n.get(i))) {
                        an += a.get(i) * n.get(i);
                        nn += n.get(i) * n.get(i);
                        support += d.close(n.get(i), 0) ? 0 : 1;
                    }
                }
                fits = support >= 2;
                c[g] = nn == 0 ? Double.NaN : an / nn;
                for (int i = 0; i < a.size() && fits; i++) {
                    if (a.unflatten(i)[axis] == g && !Double.isNaN(n.get(i))) {
                        fits = !Double.isNaN(c[g]) && d.close(a.get(i), c[g] * n.get(i));
                    }
                }
            }
            double lo = Arrays.stream(c).min().orElse(1), hi = Arrays.stream(c).max().orElse(1);
            if (fits && Math.abs(hi - lo) > 1e-3 * Math.max(Math.abs(hi), Math.abs(lo))) {
                StringBuilder b = new StringBuilder();
                for (int g = 0; g < c.length; g++) {
                    b.append(g > 0 ? ", " : "").append(Diagnose.fmt(c[g])).append(" at index ").append(g);
                }
                return new Diagnosis(BugKind.AXIS_SCALE, 0.8, "analytic / numeric is constant along each slice of axis "
                        + axis + " of " + r.name() + ", but differs between slices: " + b);
            }
        }
        return null;
    }

    /** Exactly one element per example is wrong, every other element right: one term of the sum is missing there. */
    private static Diagnosis onePerExample(ParamResult r, Tensor a, Tensor n, Diagnose d) {
        int[] shape = a.shape();
        if (shape.length < 2 || !r.name().equals("x")) {
            return null;
        }
        int per = a.size() / shape[0];
        int first = -1;
        for (int e = 0; e < shape[0]; e++) {
            int wrong = 0, right = 0, at = -1;
            for (int i = e * per; i < (e + 1) * per; i++) {
                if (!Double.isNaN(n.get(i)) && !d.close(a.get(i), n.get(i))) {
                    wrong++;
                    at = i;
                } else if (!Double.isNaN(n.get(i))) {
                    right++;
                }
            }
            first = first < 0 ? at : first;
            // among fewer than two right ones, one wrong element is a pattern only if it is off by a telling
            // constant (±1 or ±1/N), as a single element counts as a constant scale only if the constant tells
            if (wrong != 1 || right < 2 && !telling(a.get(at) - n.get(at), shape[0], d)) {
                return null;
            }
        }
        return new Diagnosis(BugKind.MISSING_TERM, 0.7, "exactly one element per example is wrong, every other "
                + "element is right: at " + r.elementIndex(first) + ", analytic " + Diagnose.fmt(a.get(first))
                + " − numeric " + Diagnose.fmt(n.get(first)) + " = " + Diagnose.fmt(a.get(first) - n.get(first))
                + ", a term that only this element's gradient has");
    }

    /** Whether an error is ±1 or ±1/N: a term of a loss's gradient, whole or averaged over the batch. */
    private static boolean telling(double e, int batch, Diagnose d) {
        for (double c : new double[] {1, -1, 1.0 / batch, -1.0 / batch}) {
            if (d.close(e, c)) {
                return true;
            }
        }
        return false;
    }

    /** The error pattern when no kind fits: how many are wrong, where, their ratio, which are right. */
    static String describe(ParamResult r, Tensor a, Diagnose d) {
        Tensor n = r.elements().numeric();
        if (!a.sameShape(n)) {
            return "analytic " + a.shapeString() + " against numeric " + n.shapeString();
        }
        List<Integer> wrong = new ArrayList<>();
        int compared = 0;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.size(); i++) {
            if (Double.isNaN(n.get(i))) {
                continue;
            }
            compared++;
            if (!d.close(a.get(i), n.get(i))) {
                wrong.add(i);
                if (n.get(i) != 0) {
                    lo = Math.min(lo, a.get(i) / n.get(i));
                    hi = Math.max(hi, a.get(i) / n.get(i));
                }
            }
        }
        StringBuilder b = new StringBuilder("no kind fits; " + wrong.size() + " of " + compared + " compared elements of "
                + r.name() + " are wrong (");
        for (int k = 0; k < Math.min(3, wrong.size()); k++) {
            b.append(k > 0 ? ", " : "").append(r.elementIndex(wrong.get(k)));
        }
        b.append(wrong.size() > 3 ? ", ...)" : ")");
        if (lo <= hi) {
            b.append(String.format(Locale.ROOT, "; where wrong, analytic / numeric ranges from %.4g to %.4g", lo, hi));
        }
        b.append(compared > wrong.size() ? "; the other " + (compared - wrong.size()) + " are right" : "; none is right");
        return b.toString();
    }
}

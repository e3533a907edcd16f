package io.gradcheck.check;

import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names the likely kind of bug behind each failing gradient, from the pattern of its analytic
 * values against the numeric ones (its own, and every other gradient's). Patterns are tried from
 * the most specific to the least; when none fits, the kind is UNKNOWN, never a guess.
 */
final class Diagnose {
    private final List<ParamResult> results;
    private final int batch;
    private final Tensor upstream;  // G for a single layer, else null
    private final CheckSettings st;
    private final DetectorResult state;  // what the state detector found, or null
    private final Map<String, Jacobians> jacobians;  // of the failing tensors small enough to build them

    Diagnose(List<ParamResult> results, int batch, Tensor upstream, CheckSettings st) {
        this(results, batch, upstream, st, null, Map.of());
    }

    Diagnose(List<ParamResult> results, int batch, Tensor upstream, CheckSettings st, DetectorResult state,
             Map<String, Jacobians> jacobians) {
        this.results = results;
        this.batch = batch;
        this.upstream = upstream;
        this.st = st;
        this.state = state;
        this.jacobians = jacobians;
    }

    List<ParamResult> run() {
        List<ParamResult> out = new ArrayList<>();
        for (ParamResult r : results) {
            out.add(r.status() == Status.FAILED ? r.diagnosed(diagnose(r)) : r);
        }
        return out;
    }

    private Diagnosis diagnose(ParamResult r) {
        Elements e = r.elements();
        Tensor a = e == null ? null : e.analytic();
        if (r.problem() != null && (r.problem().contains("is NaN") || r.problem().contains("Infinity"))) {
            return new Diagnosis(BugKind.NOT_FINITE, 1, r.problem());
        }
        if (state != null && state.caught()) {  // history explains the gradient better than any pattern
            return new Diagnosis(BugKind.STATE, 0.9, state.evidence());
        }
        if (a == null) {
            return r.problem() != null && r.problem().contains("modified its argument")
                    ? new Diagnosis(BugKind.ARGUMENT_MODIFIED, 1, r.problem())
                    : new Diagnosis(BugKind.ZERO_OR_MISSING, 1, r.name() + " has no gradient: " + r.problem());
        }
        Diagnosis swapped = swapped(r, a);
        if (swapped != null) {
            return swapped;
        }
        if (!a.sameShape(e.numeric())) {
            return new Diagnosis(BugKind.SHAPE_MISMATCH, 1, r.problem());
        }
        if (r.problem() != null) {
            return r.problem().contains("modified its argument") ? new Diagnosis(BugKind.ARGUMENT_MODIFIED, 1, r.problem())
                    : Diagnosis.unknown(r.problem());
        }
        Jacobians j = jacobians.get(r.name());
        List<java.util.function.Supplier<Diagnosis>> hypotheses = List.of(
                () -> Patterns.transposed(r, a, this), () -> j == null ? null : JacobianPatterns.stale(r, j, this),
                () -> zeros(r, a), () -> scale(r, a),
                () -> Patterns.biasAxis(r, a, upstream, this), () -> Patterns.windows(r, a, this),
                () -> j == null ? null : JacobianPatterns.of(r, j, this),
                () -> VectorPatterns.of(r, a, batch, this));
        for (java.util.function.Supplier<Diagnosis> h : hypotheses) {  // most specific first; stop at the first fit
            Diagnosis d = h.get();
            if (d != null) {
                return d;
            }
        }
        return Diagnosis.unknown(VectorPatterns.describe(r, a, this));
    }

    /** Whether a matches n within the check's tolerance. */
    boolean close(double a, double n) {
        return st.agree(a, n);
    }

    /** Confidence from the number k of elements that support a pattern: one element proves little. */
    static double confidence(int k) {
        return Math.min(0.99, 1 - Math.pow(0.5, k));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** The analytic gradient of r equals, element for element, the numeric gradient of another tensor. */
    private Diagnosis swapped(ParamResult r, Tensor a) {
        for (ParamResult other : results) {
            Tensor n = other.elements() == null ? null : other.elements().numeric();
            if (other == r || n == null || n.size() != a.size()) {
                continue;
            }
            int k = 0;
            boolean all = true, nonzero = false;
            for (int i = 0; i < a.size() && all; i++) {
                if (!Double.isNaN(n.get(i))) {
                    all = close(a.get(i), n.get(i));
                    nonzero |= Math.abs(n.get(i)) > 10 * st.atol();
                    k++;
                }
            }
            if (all && nonzero && k > 0) {
                // equal sizes, other shapes: say so, since the values alone matched
                String shape = a.sameShape(n) ? "" : " (the same " + a.size() + " values; " + other.name() + " is "
                        + n.shapeString() + ", this gradient " + a.shapeString() + ")";
                return new Diagnosis(BugKind.SWAPPED, confidence(k), "the analytic gradient of " + r.name()
                        + " matches the numeric gradient of " + other.name() + " on all " + k + " compared elements" + shape);
            }
        }
        return null;
    }

    private Diagnosis zeros(ParamResult r, Tensor a) {
        Tensor n = r.elements().numeric();
        double maxA = 0, maxN = 0;
        for (int i = 0; i < a.size(); i++) {
            maxA = Math.max(maxA, Math.abs(a.get(i)));
            maxN = Double.isNaN(n.get(i)) ? maxN : Math.max(maxN, Math.abs(n.get(i)));
        }
        return maxA <= st.atol() && maxN > 10 * st.atol() ? new Diagnosis(BugKind.ZERO_OR_MISSING, 0.95,
                "the analytic gradient of " + r.name() + " is 0 everywhere; the numeric one reaches " + fmt(maxN)) : null;
    }

    /** analytic = c * numeric for one constant c, fitted by least squares over the compared elements. */
    private Diagnosis scale(ParamResult r, Tensor a) {
        Tensor n = r.elements().numeric();
        double an = 0, nn = 0;
        int k = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!Double.isNaN(n.get(i)) && Math.abs(n.get(i)) > 10 * st.atol()) {
                an += a.get(i) * n.get(i);
                nn += n.get(i) * n.get(i);
                k++;
            }
        }
        if (k == 0) {
            return null;
        }
        double c = an / nn;
        if (k < 2 && scaleName(c).isEmpty()) {
            return null;  // one element has a ratio to anything: only a telling constant (×N, ×2, ...) counts
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Double.isNaN(n.get(i)) && Math.abs(a.get(i) - c * n.get(i)) > st.atol() + 1e-4 * Math.abs(a.get(i))) {
                return null;
            }
        }
        if (Math.abs(c + 1) <= 1e-3) {
            return new Diagnosis(BugKind.SIGN_FLIPPED, confidence(k), "analytic = −numeric on all " + k
                    + " elements that are not ~0: at " + r.worstIndex() + ", " + fmt(r.worstAnalytic()) + " for "
                    + fmt(r.worstNumeric()));
        }
        return new Diagnosis(BugKind.CONSTANT_SCALE, confidence(k), "analytic / numeric = " + fmt(c)
                + scaleName(c) + " on all " + k + " elements that are not ~0");
    }

    private String scaleName(double c) {
        List<String> names = new ArrayList<>();
        double[] values = {batch, 1.0 / batch, 2, 0.5, -1, -batch};
        String[] labels = {"×N", "×1/N", "×2", "×1/2", "×−1", "×−N"};
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(c - values[i]) <= 1e-3 * Math.abs(values[i]) && !names.contains(labels[i])) {
                names.add(labels[i]);
            }
        }
        return names.isEmpty() ? "" : " (" + String.join(" = ", names) + ", with N = " + batch + ")";
    }
}

package io.gradcheck.check;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;

/**
 * State that outlives a call. Before a check compares anything, the subject runs on decoy inputs:
 * another batch size (n + 1) where it allows it, then another input of x's shape, so that a cache
 * kept from an earlier call is stale when x comes. After the check's first backward at x, forward
 * at x runs twice and must give the same bits, and backward at x runs again after a second decoy
 * and must give the same gradients.
 */
final class Decoys {
    private final Subject s;
    private final Tensor x;
    private final Tensor same;  // a decoy of x's shape, drawn from the check's seed
    private final long seed;
    private Tensor bigger;      // a decoy of batch n + 1, if the subject took it
    private DetectorResult found;  // what the decoys themselves showed, else null

    Decoys(Subject s, Tensor x, long seed) {
        this.s = s;
        this.x = x;
        this.seed = seed;
        Well19937c rng = new Well19937c(seed ^ 0x5DEECE66DL);
        this.same = Tensor.randn(rng, 1, x.shape());
    }

    /** Runs the decoys: x's shape, another batch size if the subject takes it, then x's shape again. */
    void before() {
        int[] shape = x.shape();
        shape[0]++;
        Tensor b = Tensor.randn(new Well19937c(Arrays.hashCode(shape)), 1, shape);
        s.decoy(first(x, seed));  // x's batch size first, so that what a call keeps is sized by it
        try {
            s.decoy(b);
            bigger = b;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            // a subject may take one batch size only, and say so: that is its right
        } catch (RuntimeException e) {  // it did not refuse batch n + 1, it broke on it: what it kept from batch n
            found = caught("a call with batch " + shape[0] + ", after calls with batch " + x.dim(0) + ", threw "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + Messages.where(e) + "; a subject that "
                    + "refuses a batch size throws IllegalArgumentException", "x");
        }
        try {
            s.decoy(same);
        } catch (RuntimeException e) {
            s.decoy(same);  // throws again if the subject cannot take x's shape at all
            // it failed on x's shape once and then took it: a call depends on the one before
            found = caught("a call on an input of x's shape threw " + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ", and the same call again did not; it depends on an earlier call");
        }
    }

    /** The first decoy of a subject that has not run yet: an input of x's shape, not x. x: not modified. */
    static Tensor first(Tensor x, long seed) {
        return Tensor.randn(new Well19937c(seed ^ 0x2545F491L), 1, x.shape());
    }

    /** The labels t, cycled to n examples: a decoy of another batch size needs as many labels. */
    static Labels labels(Labels t, int n) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = t.get(i % t.size());
        }
        return Labels.indices(d);
    }

    /**
     * What a second look at x finds: forward twice on x, then backward at x after another decoy.
     * an: the check's backward at x, taken after the decoys. Null if the subject kept no state.
     */
    DetectorResult after(Subject.Analytic an) {
        DetectorResult r;
        try {
            r = look(an);
        } catch (RuntimeException e) {
            r = caught("a call after the check's calls at x threw " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "; it depends on an earlier call");
        }
        return found != null && !r.caught() ? found : r;
    }

    private DetectorResult look(Subject.Analytic an) {
        double v1 = s.value(x);
        Tensor out1 = s.lastOutput() == null ? null : s.lastOutput().copy();
        double v2 = s.value(x);
        Tensor out2 = s.lastOutput();
        if (out1 != null && out2 != null && out1.sameShape(out2)) {
            for (int i = 0; i < out1.size(); i++) {
                if (Double.doubleToLongBits(out1.get(i)) != Double.doubleToLongBits(out2.get(i))) {
                    return caught("forward is not a function of its input: two calls on the same x differ at out"
                            + Arrays.toString(out1.unflatten(i)) + ": " + fmt(out1.get(i)) + " then " + fmt(out2.get(i)),
                            "x");
                }
            }
        }
        if (Double.doubleToLongBits(v1) != Double.doubleToLongBits(v2)) {
            return caught("forward is not a function of its input: two calls on the same x give " + fmt(v1)
                    + " then " + fmt(v2), "x");
        }
        // a second decoy, of another batch size where the subject takes one: a cache keyed on the
        // batch shape is computed again at x then, so forward and backward at x must not change
        s.decoy(bigger != null ? bigger : Ops.scale(same, -1));
        double v3 = s.value(x);
        Tensor out3 = s.lastOutput();
        if (out1 != null && out3 != null && out1.sameShape(out3)) {
            for (int i = 0; i < out1.size(); i++) {
                if (Double.doubleToLongBits(out1.get(i)) != Double.doubleToLongBits(out3.get(i))) {
                    return caught("forward at x depends on an earlier call: out" + Arrays.toString(out1.unflatten(i))
                            + " is " + fmt(out1.get(i)) + " after a call on one other input, " + fmt(out3.get(i))
                            + " after a call on another", "x");
                }
            }
        } else if (Double.doubleToLongBits(v1) != Double.doubleToLongBits(v3)) {
            return caught("forward at x depends on an earlier call: it gives " + fmt(v1) + " after a call on one other "
                    + "input, " + fmt(v3) + " after a call on another", "x");
        }
        Subject.Analytic again = s.analytic(x);
        Map<String, Tensor> first = new java.util.LinkedHashMap<>(an.params());
        first.put("x", an.dx());
        Map<String, Tensor> second = new java.util.LinkedHashMap<>(again.params());
        second.put("x", again.dx());
        for (Map.Entry<String, Tensor> e : first.entrySet()) {
            Tensor a = e.getValue(), b = second.get(e.getKey());
            if (a == null || b == null || !a.sameShape(b)) {
                continue;  // the contract check reports a missing or misshapen gradient
            }
            for (int i = 0; i < a.size(); i++) {
                if (Double.doubleToLongBits(a.get(i)) != Double.doubleToLongBits(b.get(i))) {
                    return caught("backward at x depends on an earlier call: d" + e.getKey()
                            + Arrays.toString(a.unflatten(i)) + " is " + fmt(a.get(i)) + " after a call on one other input, "
                            + fmt(b.get(i)) + " after a call on another", e.getKey());
                }
            }
        }
        return DetectorResult.ok(Detector.STATE, "forward gives the same bits on the same x, and backward at x "
                + "the same gradients after calls on other inputs");
    }

    private static DetectorResult caught(String evidence, String... blamed) {
        return new DetectorResult(Detector.STATE, true, true, evidence, java.util.List.of(blamed));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

package io.gradcheck.check;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/** The element-wise engine: backprop against central differences, skipping kinks, then diagnosis. */
final class Checker {
    private final Subject s;
    private final CheckSettings st;
    private final long seed;
    private final Tensor x;        // our own copy of the input: perturbed in place, never the caller's
    private int[] base;            // the branches at the unperturbed point
    private Tensor baseOut;        // a single layer's output at the unperturbed point, else null
    private DetectorResult state = DetectorResult.notApplicable(Detector.STATE, "not run: backprop threw");

    /** The central differences of one tensor. */
    private record Numeric(Tensor values, boolean[] compared, int[] kinks, int[] fanOut) {
    }

    Checker(Subject s, Tensor x, CheckSettings st, long seed) {
        this.s = s;
        this.x = x.copy();
        this.st = st;
        this.seed = seed;
    }

    List<ParamResult> run() {
        Subject.Analytic an;
        Decoys decoys = new Decoys(s, x, seed);
        try {
            decoys.before();  // a cache from an earlier call is stale when x comes
            an = s.analytic(x);
        } catch (RuntimeException e) {  // a broken backward is a finding to report, not a crash
            throw new BackpropThrew(e);
        }
        s.value(x);
        base = s.branches();
        baseOut = s.lastOutput() == null ? null : s.lastOutput().copy();
        Map<String, Tensor> tensors = new LinkedHashMap<>(s.params());
        tensors.put("x", x);
        Map<String, Tensor> analytic = new LinkedHashMap<>(an.params());
        analytic.put("x", an.dx());
        Map<String, Numeric> numeric = new LinkedHashMap<>();
        tensors.forEach((name, p) -> numeric.put(name, numeric(name, p)));
        List<ParamResult> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Numeric num = numeric.get(name);
            Tensor shown = Tensor.of(num.values().data(), e.getValue().shape());
            for (int i = 0; i < shown.size(); i++) {
                shown.set(i, num.compared()[i] ? shown.get(i) : Double.NaN);
            }
            Elements el = new Elements(analytic.get(name), shown, num.kinks(), num.fanOut());
            ParamResult r = judge(name, e.getValue(), an.params().keySet(), analytic.get(name), num);
            out.add(r.with(el));
        }
        if (an.problem() != null) {  // a backward that wrote into dout: report it on x, keeping x's data
            ParamResult dx = out.remove(out.size() - 1);
            out.add(ParamResult.problem("x", x.shape(), "x: " + an.problem()).with(dx.elements()));
        }
        Map<String, Jacobians> jacobians = new LinkedHashMap<>();
        for (ParamResult r : out) {  // the whole backward of each failing tensor, where it is small enough
            if (r.status() == Status.FAILED && r.problem() == null) {
                Jacobians j = Jacobians.of(s, x, r.name(), st, seed);
                if (j != null) {
                    jacobians.put(r.name(), j);
                }
            }
        }
        out.replaceAll(r -> jacobians.containsKey(r.name()) && r.elements() != null  // kept for the reports
                ? r.with(r.elements().with(jacobians.get(r.name()), baseOut.shape())) : r);
        state = decoys.after(an);  // last: its second decoy must not change what was compared
        return new Diagnose(out, x.dim(0), s.upstream(), st, state, jacobians).run();
    }

    /** What the state detector found; run by {@link #run}. */
    DetectorResult state() {
        return state;
    }

    /** The code under check threw during backprop: GradientCheck reports it with its cause. */
    static final class BackpropThrew extends RuntimeException {
        BackpropThrew(RuntimeException cause) {
            super(cause);
        }
    }

    /**
     * A gradient that breaks the contract before any value is compared: missing, null, misshapen or
     * not finite. Null if it keeps it. returned: the names in the gradient map backward filled.
     */
    static ParamResult contract(String name, Tensor p, java.util.Set<String> returned, Tensor g, Map<String, Tensor> params,
                                Tensor x) {
        if (g == null) {
            String why = name.equals("x") ? "backward returned null" : returned.contains(name) ? "gradient is null"
                    : "gradient is missing from the gradient map, " + (returned.isEmpty() ? "which is empty"
                    : "which has " + returned);
            return ParamResult.problem(name, p.shape(), name + ": " + why);
        }
        if (!g.sameShape(p)) {
            return ParamResult.problem(name, p.shape(), Messages.shapeMismatch(name, g, p, params, x));
        }
        for (int i = 0; i < g.size(); i++) {
            if (!Double.isFinite(g.get(i))) {
                return ParamResult.problem(name, p.shape(), name + ": analytic gradient is " + g.get(i)
                        + " at " + Messages.index(name, p.shape(), p.unflatten(i)));
            }
        }
        return null;
    }

    private ParamResult judge(String name, Tensor p, java.util.Set<String> returned, Tensor g, Numeric num) {
        ParamResult broken = contract(name, p, returned, g, s.params(), x);
        if (broken != null) {
            return broken;
        }
        int checked = 0, worst = -1;
        double maxAbs = 0, maxRel = 0, worstScore = -1;
        boolean disagree = false, signal = false;
        double[] rel = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            if (!num.compared()[i]) {
                continue;
            }
            double n = num.values().get(i);
            if (!Double.isFinite(n)) {
                return ParamResult.problem(name, p.shape(), name + ": numeric gradient is " + n + " at "
                        + Messages.index(name, p.shape(), p.unflatten(i)) + ": the function is not finite there");
            }
            double a = g.get(i);
            double abs = Math.abs(a - n);
            double scale = Math.max(Math.abs(a), Math.abs(n));
            double score = abs / st.tolerance(a, n);
            maxAbs = Math.max(maxAbs, abs);
            rel[checked] = scale == 0 ? 0 : abs / scale;
            maxRel = Math.max(maxRel, rel[checked]);
            if (worse(score, worstScore)) {
                worstScore = score;
                worst = i;
            }
            disagree |= !st.agree(a, n);
            signal |= st.signal(a, n);
            checked++;
        }
        int skipped = num.kinks().length;
        String note = disagree ? null : st.inconclusiveNote(checked, skipped, signal);
        Status status = disagree ? Status.FAILED : note != null ? Status.INCONCLUSIVE : Status.PASSED;
        String at = worst < 0 ? null : Messages.index(name, p.shape(), p.unflatten(worst));
        double median = checked == 0 ? Double.NaN : new Median().evaluate(rel, 0, checked);
        return new ParamResult(name, p.shape(), checked, skipped, maxAbs, maxRel, median, at,
                worst < 0 ? Double.NaN : g.get(worst), worst < 0 ? Double.NaN : num.values().get(worst),
                status, null, null, null, note);
    }

    /**
     * Whether an element's score (its error over its tolerance) makes it the new worst. Ties within
     * rounding keep the first, so the worst element is the same on every BLAS.
     */
    static boolean worse(double score, double worstScore) {
        return score > worstScore * (1 + 1e-9);
    }

    /** Central differences of every (sampled) element of p, which is perturbed in place and restored. */
    private Numeric numeric(String name, Tensor p) {
        Tensor values = Tensor.zeros(p.shape());
        boolean[] compared = new boolean[p.size()];
        int[] fanOut = name.equals("x") && baseOut != null ? new int[p.size()] : null;
        List<Integer> kinks = new ArrayList<>();
        DoubleSupplier f = s.valueOf(name, x);  // at the unperturbed point, before any step
        for (int i : elements(name, p.size())) {
            // a step that crosses a ReLU kink or a max-pool tie has no derivative to compare: it is
            // retried once at h/4, since an element within h of a kink is often not within h/4 (a
            // smaller step would add rounding error eps/h); an element at the kink itself stays skipped
            boolean kink = true;
            for (double step = st.h(); kink && step >= st.h() / 4; step /= 4) {
                int[][] seen = new int[2][];
                int[] moved = {0};
                int[] call = {0};
                double num = Ops.centralDifference(p, i, step, () -> {
                    double v = f.getAsDouble();
                    if (fanOut != null && call[0] == 0) {  // counted on the step up, θ + h
                        moved[0] = changed(s.lastOutput());
                    }
                    seen[call[0]++] = s.branches();
                    return v;
                });
                if (fanOut != null) {
                    fanOut[i] = moved[0];
                }
                kink = !Arrays.equals(seen[0], base) || !Arrays.equals(seen[1], base);
                if (!kink) {
                    values.set(i, num);
                    compared[i] = true;
                }
            }
            if (kink) {
                kinks.add(i);
            }
        }
        return new Numeric(values, compared, kinks.stream().mapToInt(Integer::intValue).toArray(), fanOut);
    }

    private int changed(Tensor out) {
        int n = 0;
        for (int j = 0; j < out.size(); j++) {
            n += out.get(j) != baseOut.get(j) ? 1 : 0;
        }
        return n;
    }

    /** Every index, or a seeded sample of maxElements of them in increasing order. */
    private int[] elements(String name, int size) {
        int k = Math.min(size, st.maxElements());
        int[] idx = new int[size];
        Arrays.setAll(idx, i -> i);
        if (k < size) {
            Well19937c rng = new Well19937c(seed * 31 + name.hashCode());
            for (int i = 0; i < k; i++) {  // partial Fisher-Yates: the first k are a uniform sample
                int j = i + rng.nextInt(size - i);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
            }
            idx = Arrays.copyOf(idx, k);
            Arrays.sort(idx);
        }
        return idx;
    }
}

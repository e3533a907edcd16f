package io.gradcheck.check;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/** The element-wise engine: backprop against central differences, skipping kinks. */
final class Checker {
    private final Subject s;
    private final CheckSettings st;
    private final long seed;
    private final Tensor x;        // our own copy of the input: perturbed in place, never the caller's
    private int[] base;            // the branches at the unperturbed point

    Checker(Subject s, Tensor x, CheckSettings st, long seed) {
        this.s = s;
        this.x = x.copy();
        this.st = st;
        this.seed = seed;
    }

    List<ParamResult> run() {
        Subject.Analytic an;
        try {
            an = s.analytic(x);
        } catch (RuntimeException e) {  // a broken backward is a finding to report, not a crash
            return List.of(ParamResult.problem("x", x.shape(), "x: " + s.name() + " backprop threw "
                    + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        s.value(x);
        base = s.branches();
        Map<String, Tensor> params = s.params();
        List<ParamResult> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            String name = e.getKey();
            Tensor g = an.params().get(name);
            String missing = an.params().containsKey(name) ? "is null" : "is missing from the gradient map";
            out.add(g == null ? ParamResult.problem(name, e.getValue().shape(), name + ": gradient " + missing)
                    : compare(name, e.getValue(), g));
        }
        ParamResult dx = an.dx() == null ? ParamResult.problem("x", x.shape(), "x: backward returned null")
                : compare("x", x, an.dx());
        out.add(an.problem() == null ? dx : ParamResult.problem("x", x.shape(), "x: " + an.problem()));
        return out;
    }

    private ParamResult compare(String name, Tensor p, Tensor g) {
        if (!g.sameShape(p)) {
            return ParamResult.problem(name, p.shape(), Messages.shapeMismatch(name, g, p, s.params(), x));
        }
        for (int i = 0; i < g.size(); i++) {
            if (!Double.isFinite(g.get(i))) {
                return ParamResult.problem(name, p.shape(), name + ": analytic gradient is " + g.get(i)
                        + " at " + Messages.index(name, p.shape(), p.unflatten(i)));
            }
        }
        int checked = 0, skipped = 0, worst = -1;
        double[] rel = new double[p.size()];
        double maxAbs = 0, maxRel = 0, worstScore = -1, worstNum = Double.NaN;
        for (int i : elements(name, p.size())) {
            int[][] seen = new int[2][];
            int[] call = {0};
            double num = Ops.centralDifference(p, i, st.h(), () -> {
                double v = s.value(x);
                seen[call[0]++] = s.branches();
                return v;
            });
            if (!Arrays.equals(seen[0], base) || !Arrays.equals(seen[1], base)) {
                skipped++;  // the step crossed a ReLU kink or a max-pool tie: no derivative to compare
                continue;
            }
            if (!Double.isFinite(num)) {
                return ParamResult.problem(name, p.shape(), name + ": numeric gradient is " + num + " at "
                        + Messages.index(name, p.shape(), p.unflatten(i)) + ": the function is not finite there");
            }
            double a = g.get(i);
            double abs = Math.abs(a - num);
            double scale = Math.max(Math.abs(a), Math.abs(num));
            double score = abs / (st.atol() + st.rtol() * scale);
            maxAbs = Math.max(maxAbs, abs);
            rel[checked] = scale == 0 ? 0 : abs / scale;
            maxRel = Math.max(maxRel, rel[checked]);
            if (score > worstScore) {
                worstScore = score;
                worst = i;
                worstNum = num;
            }
            checked++;
        }
        Status status = worstScore > 1 ? Status.FAILED
                : checked == 0 || skipped > st.maxSkipFraction() * (checked + skipped) ? Status.INCONCLUSIVE
                : Status.PASSED;
        String at = worst < 0 ? null : Messages.index(name, p.shape(), p.unflatten(worst));
        double median = checked == 0 ? Double.NaN : new Median().evaluate(rel, 0, checked);
        return new ParamResult(name, p.shape(), checked, skipped, maxAbs, maxRel, median, at,
                worst < 0 ? Double.NaN : g.get(worst), worstNum, status, null);
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

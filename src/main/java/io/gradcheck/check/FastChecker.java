package io.gradcheck.check;

import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Fast mode: per tensor, compares the directional derivative ∇f·v with a central difference along
 * K random unit directions v: 2K evaluations instead of two per element. A failing direction is
 * bisected over its support to find an offending element in O(log n) evaluations.
 */
final class FastChecker {
    private final Subject s;
    private final CheckSettings st;
    private final Tensor x;
    private final long seed;
    private Well19937c rng;  // the directions of the tensor being checked
    private int[] base;
    private DetectorResult state = DetectorResult.notApplicable(Detector.STATE, "not run: backprop threw");

    FastChecker(Subject s, Tensor x, CheckSettings st, long seed) {
        this.s = s;
        this.x = x.copy();
        this.st = st;
        this.seed = seed;
    }

    List<ParamResult> run() {
        Subject.Analytic an;
        Decoys decoys = new Decoys(s, x, seed);
        try {
            decoys.before();
            an = s.analytic(x);
        } catch (RuntimeException e) {
            throw new Checker.BackpropThrew(e);
        }
        s.value(x);
        base = s.branches();
        Map<String, Tensor> tensors = new LinkedHashMap<>(s.params());
        tensors.put("x", x);
        List<ParamResult> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            boolean isX = name.equals("x");
            Tensor g = isX ? an.dx() : an.params().get(name);
            ParamResult broken = Checker.contract(name, e.getValue(), an.params().keySet(), g, s.params(), x);
            out.add(broken != null ? broken : directions(name, e.getValue(), g));
        }
        state = decoys.after(an);
        return out;
    }

    /** What the state detector found; run by {@link #run}. */
    DetectorResult state() {
        return state;
    }

    private ParamResult directions(String name, Tensor p, Tensor g) {
        // one stream per tensor, from its name: the same directions whatever order params() iterates in
        rng = new Well19937c(seed * 31 + name.hashCode());
        int n = p.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        List<Double> rel = new ArrayList<>();
        double maxAbs = 0, maxRel = 0;
        int skipped = 0;
        double[] failing = null;
        boolean signal = false;
        for (int attempt = 0; rel.size() < st.directions() && attempt < 3 * st.directions(); attempt++) {
            double[] v = unitDirection(n);
            double[] an = compare(p, g, v, all);
            if (an == null) {
                skipped++;  // the step along v crossed a kink: draw another direction
                continue;
            }
            double abs = Math.abs(an[0] - an[1]), scale = Math.max(Math.abs(an[0]), Math.abs(an[1]));
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, scale == 0 ? 0 : abs / scale);
            rel.add(scale == 0 ? 0 : abs / scale);
            signal |= st.signal(an[0], an[1]);
            if (failing == null && !st.agree(an[0], an[1])) {
                failing = v;
            }
        }
        int compared = rel.size();
        double median = compared == 0 ? Double.NaN
                : new Median().evaluate(rel.stream().mapToDouble(Double::doubleValue).toArray());
        if (failing == null) {
            String note = st.inconclusiveNote(compared, skipped, signal);
            return new ParamResult(name, p.shape(), compared, skipped, maxAbs, maxRel, median, null,
                    Double.NaN, Double.NaN, note == null ? Status.PASSED : Status.INCONCLUSIVE, null, null, null, note);
        }
        int at = locate(p, g, failing, all);
        double[] elem = at < 0 ? null : compare(p, g, oneHot(n, at), new int[] {at});
        String where = at < 0 ? null : Messages.index(name, p.shape(), p.unflatten(at));
        return new ParamResult(name, p.shape(), compared, skipped, maxAbs, maxRel, median, where,
                elem == null ? Double.NaN : elem[0], elem == null ? Double.NaN : elem[1], Status.FAILED, null, null, null, null);
    }

    /** Halves the support of a failing direction until one element is left; -1 if errors hide. */
    private int locate(Tensor p, Tensor g, double[] v, int[] support) {
        while (support.length > 1) {
            int[] left = Arrays.copyOfRange(support, 0, support.length / 2);
            int[] right = Arrays.copyOfRange(support, support.length / 2, support.length);
            support = fails(p, g, v, left) ? left : fails(p, g, v, right) ? right : null;
            if (support == null) {
                return -1;
            }
        }
        return support[0];
    }

    private boolean fails(Tensor p, Tensor g, double[] v, int[] support) {
        double[] an = compare(p, g, v, support);
        return an != null && !st.agree(an[0], an[1]);
    }

    /**
     * {analytic, numeric} directional derivatives along v restricted to support, or null if every
     * step tried crossed a kink. A step that crosses one is retried at a quarter of its size, twice:
     * moving all of a tensor at once meets kinks far more often than moving one element.
     * p is moved along v and restored exactly in a finally block.
     */
    private double[] compare(Tensor p, Tensor g, double[] v, int[] support) {
        double[] d = p.data();
        double[] saved = new double[support.length];
        double a = 0;
        for (int k = 0; k < support.length; k++) {
            saved[k] = d[support[k]];
            a += g.get(support[k]) * v[support[k]];
        }
        try {
            for (double h = st.h(); h >= st.h() / 16; h /= 4) {
                move(d, v, support, saved, h);
                double plus = s.value(x);
                boolean kink = !Arrays.equals(s.branches(), base);
                move(d, v, support, saved, -h);
                double minus = s.value(x);
                kink |= !Arrays.equals(s.branches(), base);
                if (!kink) {
                    return new double[] {a, (plus - minus) / (2 * h)};
                }
            }
            return null;
        } finally {
            for (int k = 0; k < support.length; k++) {
                d[support[k]] = saved[k];
            }
        }
    }

    private static void move(double[] d, double[] v, int[] support, double[] saved, double step) {
        for (int k = 0; k < support.length; k++) {
            d[support[k]] = saved[k] + step * v[support[k]];
        }
    }

    private double[] unitDirection(int n) {
        double[] v = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static double[] oneHot(int n, int i) {
        double[] v = new double[n];
        v[i] = 1;
        return v;
    }
}

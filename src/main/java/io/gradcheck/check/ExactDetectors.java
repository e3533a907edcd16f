package io.gradcheck.check;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;

/**
 * Two identities that hold exactly, with no step size, so they are immune to kinks and to
 * finite-difference noise: Euler's identity for positively homogeneous functions, and the
 * linearity of backward in dout.
 */
final class ExactDetectors {
    /** The weights of the two upstream gradients in the linearity test: 0.7 G1 - 1.3 G2. */
    static final double A = 0.7, B = -1.3;

    private ExactDetectors() {
    }

    static List<DetectorResult> run(Subject s, Tensor x, long seed) {
        List<DetectorResult> out = new ArrayList<>();
        out.add(guarded(Detector.HOMOGENEITY, () -> homogeneity(s, x.copy())));
        out.add(guarded(Detector.DOUT_LINEARITY, () -> linearity(s, x.copy(), seed)));
        return out;
    }

    private static DetectorResult guarded(Detector d, java.util.function.Supplier<DetectorResult> run) {
        try {
            return run.get();
        } catch (RuntimeException e) {  // broken code may throw here too; the element-wise check reports it
            return DetectorResult.notApplicable(d, "could not run: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * If f(2v) = 2 f(v) and f(v/2) = f(v)/2 for every v in a set S (x or one weight, with the
     * biases), then f = Σ_{v in S} v · ∂f/∂v exactly. Scaling by a power of two is exact in floating
     * point, so the premise is tested exactly. A premise that holds only trivially (f exactly 0, or
     * S all zeros, so that scaling changes nothing) proves nothing, and the set is not used.
     */
    private static DetectorResult homogeneity(Subject s, Tensor x) {
        Subject.Analytic an = s.analytic(x);
        Map<String, Tensor> all = new LinkedHashMap<>(s.params());
        all.put("x", x);
        Map<String, Tensor> grads = new LinkedHashMap<>(an.params());
        grads.put("x", an.dx());
        List<String> biases = all.keySet().stream().filter(k -> all.get(k).rank() == 1 && !k.equals("x")).toList();
        double f = s.value(x);
        if (f == 0 || !Double.isFinite(f)) {  // f(2v) = 2 f(v) = 0 holds for any f that rounds to 0: no premise
            return DetectorResult.notApplicable(Detector.HOMOGENEITY, "f = " + f + ": the identity would hold trivially");
        }
        List<String> applied = new ArrayList<>();
        for (String v : all.keySet()) {
            if (biases.contains(v)) {
                continue;
            }
            List<String> set = new ArrayList<>(List.of(v));
            set.addAll(biases);
            if (allZero(all, set) || !scaled(s, x, all, set, 2, f) || !scaled(s, x, all, set, 0.5, f)) {
                continue;
            }
            double rhs = 0, mass = Math.abs(f);
            int terms = 1;
            boolean usable = true;
            for (String k : set) {
                Tensor g = grads.get(k);
                usable &= g != null && g.sameShape(all.get(k));
                if (usable) {
                    rhs += Ops.dot(all.get(k), g);
                    mass += Ops.dot(Ops.map(all.get(k), Math::abs), Ops.map(g, Math::abs));
                    terms += g.size();
                }
            }
            if (!usable) {
                continue;
            }
            String sides = String.format(Locale.ROOT, "f = %.6g, Σ v·∂f/∂v over {%s} = %.6g", f, String.join(", ", set), rhs);
            if (eulerBroken(f, rhs, mass, terms)) {
                return new DetectorResult(Detector.HOMOGENEITY, true, true, sides, set);
            }
            applied.add(sides);
        }
        return applied.isEmpty() ? DetectorResult.notApplicable(Detector.HOMOGENEITY,
                "forward is not positively homogeneous in x or in a weight")
                : DetectorResult.ok(Detector.HOMOGENEITY, String.join("; ", applied));
    }

    /** Whether every tensor of the set is all zeros, so that scaling it changes nothing. */
    private static boolean allZero(Map<String, Tensor> all, List<String> set) {
        for (String k : set) {
            for (double v : all.get(k).data()) {
                if (v != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** f(c v) == c f(v) for the tensors named in set, scaled in place by c (a power of two) and restored. */
    private static boolean scaled(Subject s, Tensor x, Map<String, Tensor> all, List<String> set, double c, double f) {
        List<double[]> saved = new ArrayList<>();
        try {
            for (String k : set) {
                double[] d = all.get(k).data();
                saved.add(d.clone());
                for (int i = 0; i < d.length; i++) {
                    d[i] *= c;
                }
            }
            return doubled(s.value(x), f, c);
        } finally {
            for (int i = 0; i < saved.size(); i++) {
                System.arraycopy(saved.get(i), 0, all.get(set.get(i)).data(), 0, saved.get(i).length);
            }
        }
    }

    /** backward(A G1 + B G2) = A backward(G1) + B backward(G2), for dx and every parameter gradient. */
    private static DetectorResult linearity(Subject s, Tensor x, long seed) {
        Tensor g = s.upstream();
        if (g == null) {
            return DetectorResult.notApplicable(Detector.DOUT_LINEARITY, "the network has no upstream gradient");
        }
        Well19937c rng = new Well19937c(seed + 1);
        Tensor g1 = Tensor.randn(rng, 1, g.shape()), g2 = Tensor.randn(rng, 1, g.shape());
        Subject.Analytic r1 = s.analyticWith(x, g1), r2 = s.analyticWith(x, g2);
        Subject.Analytic r3 = s.analyticWith(x, Ops.add(Ops.scale(g1, A), Ops.scale(g2, B)));
        Map<String, Tensor[]> triples = new LinkedHashMap<>();
        r3.params().forEach((k, v) -> triples.put(k, new Tensor[] {r1.params().get(k), r2.params().get(k), v}));
        triples.put("x", new Tensor[] {r1.dx(), r2.dx(), r3.dx()});
        for (Map.Entry<String, Tensor[]> e : triples.entrySet()) {
            Tensor[] t = e.getValue();
            if (t[0] == null || t[1] == null || t[2] == null || !t[0].sameShape(t[2]) || !t[1].sameShape(t[2])) {
                continue;
            }
            double floor = 0;  // each element may carry the rounding of the tensor's largest sums
            for (int i = 0; i < t[2].size(); i++) {
                floor = Math.max(floor, 1e-12 * (Math.abs(A * t[0].get(i)) + Math.abs(B * t[1].get(i))));
            }
            for (int i = 0; i < t[2].size(); i++) {
                if (notLinear(t[0].get(i), t[1].get(i), t[2].get(i), floor)) {
                    return new DetectorResult(Detector.DOUT_LINEARITY, true, true, String.format(Locale.ROOT,
                            "d%s at element %d: backward(0.7 G1 - 1.3 G2) = %.6g but 0.7 backward(G1) - 1.3 backward(G2) = %.6g",
                            e.getKey(), i, t[2].get(i), A * t[0].get(i) + B * t[1].get(i)), List.of(e.getKey()));
                }
            }
        }
        return DetectorResult.ok(Detector.DOUT_LINEARITY, "backward is linear in dout for every gradient");
    }

    /**
     * Euler's identity f = rhs fails by more than the rounding of its sums: each of the {@code terms}
     * products and additions may round by 2^-52 of the mass Σ|v|·|∂f/∂v| + |f| it is made of, and the
     * floor is 1e-10 of the mass (a generous margin for the rounding inside f itself).
     */
    static boolean eulerBroken(double f, double rhs, double mass, int terms) {
        double rounding = Math.max(1e-10, terms * 0x1p-52) * mass;
        return Math.abs(f - rhs) > rounding + Double.MIN_NORMAL;
    }

    /** f(c v) = c f(v), to 1e-12 of |c f(v)|: scaling every input by a power of two is exact, only the sums round. */
    static boolean doubled(double fc, double f, double c) {
        return Math.abs(fc - c * f) <= 1e-12 * Math.abs(c * f);
    }

    /**
     * g3 differs from A g1 + B g2 by more than 1e-9 of |A g1| + |B g2| plus a floor, where g1, g2, g3
     * are one element of backward(G1), backward(G2) and backward(A G1 + B G2). The floor is 1e-12 of
     * the largest such sum in the tensor: an element that is a sum of large terms cancelling to
     * almost nothing keeps their rounding, which a relative bound alone would call nonlinear.
     */
    static boolean notLinear(double g1, double g2, double g3, double floor) {
        double want = A * g1 + B * g2;
        return Math.abs(g3 - want) > 1e-9 * (Math.abs(A * g1) + Math.abs(B * g2)) + floor + 1e-300;
    }
}

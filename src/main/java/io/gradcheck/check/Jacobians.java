package io.gradcheck.check;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;

/**
 * The whole backward of a failing tensor as a matrix, next to the numeric Jacobian: cheap on the
 * small shapes a failure shrinks to, and the ground on which {@link JacobianPatterns} tests its
 * hypotheses. Row k is output element k, column i is element i of the tensor.
 *
 * @param analytic  (outputs, elements): row k is the tensor's gradient from backward(e_k)
 * @param numeric   (outputs, elements): column i is ∂out/∂v_i by central differences; NaN where
 *                  the step crossed a kink
 * @param atDecoy   the numeric Jacobian at the subject's first decoy input instead of x, for the
 *                  input's gradient (a cache kept from an earlier call shows as that input's
 *                  Jacobian); null for a parameter, or where it could not be computed
 */
record Jacobians(double[][] analytic, double[][] numeric, double[][] atDecoy) {
    /** Above this many entries, the matrices are not built: the element-wise patterns still run. */
    static final int MAX_ENTRIES = 20_000;

    /**
     * The Jacobians of tensor {@code name} ("x" or a parameter) of a single layer at x, or null when
     * the subject has no output tensor (the network), the product is too large, or backward does
     * not give a gradient of the tensor's shape. x: not modified; parameters restored.
     */
    static Jacobians of(Subject s, Tensor x, String name, CheckSettings st, long seed) {
        try {
            s.value(x);
            Tensor out = s.lastOutput();
            Tensor v = name.equals("x") ? x.copy() : s.params().get(name);
            if (out == null || v == null || (long) out.size() * v.size() > MAX_ENTRIES) {
                return null;
            }
            int m = out.size(), n = v.size();
            double[][] a = new double[m][];
            for (int k = 0; k < m; k++) {
                Tensor e = Tensor.zeros(out.shape());
                e.set(k, 1);
                Subject.Analytic an = s.analyticWith(x, e);
                Tensor g = an == null ? null : name.equals("x") ? an.dx() : an.params().get(name);
                if (g == null || g.size() != n) {
                    return null;
                }
                a[k] = g.data().clone();
            }
            double[][] num = numeric(s, name.equals("x") ? v : x, v, name.equals("x"), st, m);
            double[][] decoy = null;
            if (name.equals("x")) {
                decoy = numeric(s, Decoys.first(x, seed), null, true, st, m);
            }
            return new Jacobians(a, num, decoy);
        } catch (RuntimeException e) {  // broken code may throw here too; the element-wise result stands
            return null;
        }
    }

    /** (m, n): column i is ∂out/∂v_i at input at; v is at itself for the input, else a live parameter. */
    private static double[][] numeric(Subject s, Tensor at, Tensor v, boolean isX, CheckSettings st, int m) {
        Tensor in = isX ? at.copy() : at;
        Tensor p = isX ? in : v;
        s.value(in);
        int[] base = s.branches();
        double[][] j = new double[m][p.size()];
        for (int i = 0; i < p.size(); i++) {
            Tensor[] sides = new Tensor[2];
            int[] call = {0};
            boolean[] kink = {false};
            Ops.centralDifference(p, i, st.h(), () -> {
                double f = s.value(in);
                sides[call[0]++] = s.lastOutput().copy();
                kink[0] |= !Arrays.equals(s.branches(), base);
                return f;
            });
            for (int k = 0; k < m; k++) {
                j[k][i] = kink[0] ? Double.NaN : (sides[0].get(k) - sides[1].get(k)) / (2 * st.h());
            }
        }
        return j;
    }
}

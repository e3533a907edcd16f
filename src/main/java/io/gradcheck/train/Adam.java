package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, arXiv:1412.6980, with the bias correction folded into the step size as in
 * their section 2): at step t = 1, 2, ...
 * m ← m + (1 − β1)·(g − m), v ← v + (1 − β2)·(g² − v),
 * η_t = η·√(1 − β2^t) / (1 − β1^t), p ← p − η_t·m / (√v + 1e-7). m and v start at zero.
 *
 * <p>The state holds m and v per parameter, and "t", the number of steps taken, as a one-element
 * tensor (exact as a double up to 2^53 steps).
 */
public final class Adam implements Optimizer {
    /** The book's defaults. */
    public static final double LR = 0.001, BETA1 = 0.9, BETA2 = 0.999;
    private final double lr, beta1, beta2;
    private final Map<String, int[]> shapes;
    private final Map<String, Tensor> state;
    private final Tensor t = Tensor.zeros(1);

    /** @param params the parameters it will update; only their names and shapes are read */
    public Adam(Map<String, Tensor> params, double lr, double beta1, double beta2) {
        Steps.requirePositive("Adam", "lr", lr);
        Steps.requireFraction("Adam", "beta1", beta1);
        Steps.requireFraction("Adam", "beta2", beta2);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.shapes = Steps.shapes(params);
        Map<String, Tensor> s = Steps.zerosLike(params, "v.", Steps.zerosLike(params, "m.", new LinkedHashMap<>()));
        s.put("t", t);
        this.state = Collections.unmodifiableMap(s);
    }

    @Override
    public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
        Steps.requireMatch("Adam.update", shapes, params, grads);
        double step = t.get(0) + 1;
        t.set(0, step);
        double lrT = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        for (String k : shapes.keySet()) {
            double[] p = params.get(k).data(), g = grads.get(k).data();
            double[] m = state.get("m." + k).data(), v = state.get("v." + k).data();
            for (int i = 0; i < p.length; i++) {
                m[i] += (1 - beta1) * (g[i] - m[i]);
                v[i] += (1 - beta2) * (g[i] * g[i] - v[i]);
                p[i] -= lrT * m[i] / (Math.sqrt(v[i]) + Steps.EPS);
            }
        }
    }

    @Override
    public Map<String, Tensor> state() {
        return state;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public double lr() {
        return lr;
    }
}

package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nesterov's accelerated gradient in the form of Bengio, Boulanger-Lewandowski and Pascanu
 * (arXiv:1212.0901, eq. 7), which the book cites: with v_old the velocity before the step,
 * v ← μ·v_old − η·g and p ← p + μ²·v_old − (1 + μ)·η·g. v starts at zero.
 *
 * <p>The book's Python code applies μ² to the already updated v instead of v_old, so from the
 * second step on its numbers differ from this class's.
 */
public final class Nesterov implements Optimizer {
    /** The book's defaults. */
    public static final double LR = 0.01, MOMENTUM = 0.9;
    private final double lr, mu;
    private final Map<String, int[]> shapes;
    private final Map<String, Tensor> state;

    /** @param params the parameters it will update; only their names and shapes are read */
    public Nesterov(Map<String, Tensor> params, double lr, double momentum) {
        Steps.requirePositive("Nesterov", "lr", lr);
        Steps.requireFraction("Nesterov", "momentum", momentum);
        this.lr = lr;
        this.mu = momentum;
        this.shapes = Steps.shapes(params);
        this.state = Collections.unmodifiableMap(Steps.zerosLike(params, "v.", new LinkedHashMap<>()));
    }

    @Override
    public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
        Steps.requireMatch("Nesterov.update", shapes, params, grads);
        for (String k : shapes.keySet()) {
            double[] p = params.get(k).data(), g = grads.get(k).data(), v = state.get("v." + k).data();
            for (int i = 0; i < p.length; i++) {
                double old = v[i];
                v[i] = mu * old - lr * g[i];
                p[i] += mu * mu * old - (1 + mu) * lr * g[i];
            }
        }
    }

    @Override
    public Map<String, Tensor> state() {
        return state;
    }

    @Override
    public String name() {
        return "nesterov";
    }

    @Override
    public double lr() {
        return lr;
    }
}

package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** SGD with momentum: v ← μ·v − η·g, then p ← p + v. v starts at zero. */
public final class Momentum implements Optimizer {
    /** The book's defaults. */
    public static final double LR = 0.01, MOMENTUM = 0.9;
    private final double lr, mu;
    private final Map<String, int[]> shapes;
    private final Map<String, Tensor> state;

    /** @param params the parameters it will update; only their names and shapes are read */
    public Momentum(Map<String, Tensor> params, double lr, double momentum) {
        Steps.requirePositive("Momentum", "lr", lr);
        Steps.requireFraction("Momentum", "momentum", momentum);
        this.lr = lr;
        this.mu = momentum;
        this.shapes = Steps.shapes(params);
        this.state = Collections.unmodifiableMap(Steps.zerosLike(params, "v.", new LinkedHashMap<>()));
    }

    @Override
    public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
        Steps.requireMatch("Momentum.update", shapes, params, grads);
        for (String k : shapes.keySet()) {
            double[] p = params.get(k).data(), g = grads.get(k).data(), v = state.get("v." + k).data();
            for (int i = 0; i < p.length; i++) {
                v[i] = mu * v[i] - lr * g[i];
                p[i] += v[i];
            }
        }
    }

    @Override
    public Map<String, Tensor> state() {
        return state;
    }

    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public double lr() {
        return lr;
    }
}

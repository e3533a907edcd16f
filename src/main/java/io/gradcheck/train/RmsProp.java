package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSprop: h ← ρ·h + (1 − ρ)·g², then p ← p − η·g / (√h + 1e-7), with ρ the decay rate.
 * h starts at zero.
 */
public final class RmsProp implements Optimizer {
    /** The book's defaults. */
    public static final double LR = 0.01, DECAY_RATE = 0.99;
    private final double lr, rho;
    private final Map<String, int[]> shapes;
    private final Map<String, Tensor> state;

    /** @param params the parameters it will update; only their names and shapes are read */
    public RmsProp(Map<String, Tensor> params, double lr, double decayRate) {
        Steps.requirePositive("RmsProp", "lr", lr);
        Steps.requireFraction("RmsProp", "decayRate", decayRate);
        this.lr = lr;
        this.rho = decayRate;
        this.shapes = Steps.shapes(params);
        this.state = Collections.unmodifiableMap(Steps.zerosLike(params, "h.", new LinkedHashMap<>()));
    }

    @Override
    public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
        Steps.requireMatch("RmsProp.update", shapes, params, grads);
        for (String k : shapes.keySet()) {
            double[] p = params.get(k).data(), g = grads.get(k).data(), h = state.get("h." + k).data();
            for (int i = 0; i < p.length; i++) {
                h[i] = rho * h[i] + (1 - rho) * g[i] * g[i];
                p[i] -= lr * g[i] / (Math.sqrt(h[i]) + Steps.EPS);
            }
        }
    }

    @Override
    public Map<String, Tensor> state() {
        return state;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public double lr() {
        return lr;
    }
}

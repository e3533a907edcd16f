package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** AdaGrad: h ← h + g², then p ← p − η·g / (√h + 1e-7). h starts at zero. */
public final class AdaGrad implements Optimizer {
    /** The book's default learning rate. */
    public static final double LR = 0.01;
    private final double lr;
    private final Map<String, int[]> shapes;
    private final Map<String, Tensor> state;

    /** @param params the parameters it will update; only their names and shapes are read */
    public AdaGrad(Map<String, Tensor> params, double lr) {
        Steps.requirePositive("AdaGrad", "lr", lr);
        this.lr = lr;
        this.shapes = Steps.shapes(params);
        this.state = Collections.unmodifiableMap(Steps.zerosLike(params, "h.", new LinkedHashMap<>()));
    }

    @Override
    public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
        Steps.requireMatch("AdaGrad.update", shapes, params, grads);
        for (String k : shapes.keySet()) {
            double[] p = params.get(k).data(), g = grads.get(k).data(), h = state.get("h." + k).data();
            for (int i = 0; i < p.length; i++) {
                h[i] += g[i] * g[i];
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
        return "adagrad";
    }

    @Override
    public double lr() {
        return lr;
    }
}

package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.util.Map;

/** Plain stochastic gradient descent: p ← p − η·g. */
public final class Sgd implements Optimizer {
    /** The book's default learning rate. */
    public static final double LR = 0.01;
    private final double lr;
    private final Map<String, int[]> shapes;

    /** @param params the parameters it will update; only their names and shapes are read */
    public Sgd(Map<String, Tensor> params, double lr) {
        Steps.requirePositive("Sgd", "lr", lr);
        this.lr = lr;
        this.shapes = Steps.shapes(params);
    }

    @Override
    public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
        Steps.requireMatch("Sgd.update", shapes, params, grads);
        for (String k : shapes.keySet()) {
            double[] p = params.get(k).data(), g = grads.get(k).data();
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * g[i];
            }
        }
    }

    @Override
    public Map<String, Tensor> state() {
        return Map.of();
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public double lr() {
        return lr;
    }
}

package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {W, b} gradient map of a layer, refusing to before the first backward. */
final class Grads {
    private Grads() {
    }

    static Map<String, Tensor> of(String layer, Tensor dW, Tensor db) {
        if (dW == null) {
            throw new IllegalStateException(layer + ".grads: no gradients before the first backward");
        }
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("W", dW);
        g.put("b", db);
        return g;
    }
}

package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {W, b} maps of a layer's parameters and gradients. */
final class Grads {
    private Grads() {
    }

    /** The gradients {W: dW, b: db}, refusing before the first backward. */
    static Map<String, Tensor> of(String layer, Tensor dW, Tensor db) {
        if (dW == null) {
            throw new IllegalStateException(layer + ".grads: no gradients before the first backward");
        }
        return pair(dW, db);
    }

    /** The ordered map {W: w, b: b}. */
    static Map<String, Tensor> pair(Tensor w, Tensor b) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W", w);
        m.put("b", b);
        return m;
    }
}

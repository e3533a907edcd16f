package io.gradcheck.check;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Map;

/**
 * y = w x with one weight w under a name of the test's choosing; backward returns the right dx and
 * no parameter gradient at all. For the tests of missing gradients and of hostile names.
 */
public final class ScaleWithNoGradients implements Layer {
    private final String name;
    private final Tensor w;

    /** w: one element, any rank; the layer keeps it. */
    public ScaleWithNoGradients(String name, Tensor w) {
        this.name = name;
        this.w = w;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.scale(x, w.get(0));
    }

    @Override
    public Tensor backward(Tensor dout) {
        return Ops.scale(dout, w.get(0));
    }

    @Override
    public Map<String, Tensor> params() {
        return Map.of(name, w);
    }

    @Override
    public Map<String, Tensor> grads() {
        return Map.of();
    }
}

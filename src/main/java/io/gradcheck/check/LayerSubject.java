package io.gradcheck.check;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/** A single layer, made scalar by a fixed random upstream gradient G: f(x) = sum(forward(x) * G). */
final class LayerSubject implements Subject {
    private final Layer layer;
    private final Tensor g;
    private Tensor out;

    LayerSubject(Layer layer, Tensor g) {
        this.layer = layer;
        this.g = g;
    }

    @Override
    public String name() {
        return Messages.nameOf(layer.getClass());
    }

    @Override
    public Map<String, Tensor> params() {
        return layer.params();
    }

    @Override
    public double value(Tensor x) {
        out = layer.forward(x);
        if (!out.sameShape(g)) {
            throw new IllegalStateException(name() + ".forward: output shape changed from "
                    + g.shapeString() + " to " + out.shapeString());
        }
        return Ops.dot(out, g);
    }

    @Override
    public Analytic analyticWith(Tensor x, Tensor dout) {
        layer.forward(x);
        Tensor dx = layer.backward(dout.copy());
        return new Analytic(layer.grads(), dx, null);
    }

    @Override
    public void decoy(Tensor x) {
        Tensor y = layer.forward(x);
        layer.backward(Tensor.randn(new org.apache.commons.math3.random.Well19937c(y.size()), 1, y.shape()));
    }

    @Override
    public Tensor lastOutput() {
        return out;
    }

    @Override
    public Tensor upstream() {
        return g;
    }

    @Override
    public int[] branches() {
        return layer.branches();
    }

    @Override
    public Analytic analytic(Tensor x) {
        layer.forward(x);
        Tensor dout = g.copy();  // handed over as a copy, so a backward that writes into dout is caught
        Tensor dx = layer.backward(dout);
        String problem = Arrays.equals(dout.data(), g.data()) ? null
                : name() + ".backward modified its argument dout";
        return new Analytic(layer.grads(), dx, problem);
    }
}

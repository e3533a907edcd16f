package io.gradcheck.check;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Loss;
import io.gradcheck.tensor.Tensor;
import java.util.Map;

/** A model of your own and a loss: f(x) = loss(model.forward(x), t), with the model's parameters. */
final class ModelSubject implements Subject {
    private final Layer model;
    private final Loss loss;
    private final Labels t;

    ModelSubject(Layer model, Loss loss, Labels t) {
        this.model = model;
        this.loss = loss;
        this.t = t;
    }

    @Override
    public String name() {
        return Messages.nameOf(model.getClass()) + " + " + Messages.nameOf(loss.getClass());
    }

    @Override
    public Map<String, Tensor> params() {
        return model.params();
    }

    @Override
    public double value(Tensor x) {
        return loss.forward(model.forward(x), t);
    }

    @Override
    public int[] branches() {
        return model.branches();
    }

    @Override
    public Analytic analytic(Tensor x) {
        loss.forward(model.forward(x), t);
        Tensor dx = model.backward(loss.backward(1.0));
        return new Analytic(model.grads(), dx, null);
    }

    @Override
    public void decoy(Tensor x) {
        loss.forward(model.forward(x), Decoys.labels(t, x.dim(0)));
        model.backward(loss.backward(1.0));
    }
}

package io.gradcheck.check;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Loss;
import io.gradcheck.tensor.Tensor;
import java.util.Map;

/** A loss layer alone: f(x) = loss(x, t), which has no parameters. */
final class LossSubject implements Subject {
    private final Loss loss;
    private final Labels t;

    LossSubject(Loss loss, Labels t) {
        this.loss = loss;
        this.t = t;
    }

    @Override
    public String name() {
        return Messages.nameOf(loss.getClass());
    }

    @Override
    public Map<String, Tensor> params() {
        return Map.of();
    }

    @Override
    public double value(Tensor x) {
        return loss.forward(x, t);
    }

    @Override
    public int[] branches() {
        return new int[0];
    }

    @Override
    public Analytic analyticWith(Tensor x, Tensor dout) {
        loss.forward(x, t);
        return new Analytic(Map.of(), loss.backward(dout.get(0)), null);
    }

    @Override
    public void decoy(Tensor x) {
        loss.forward(x, Decoys.labels(t, x.dim(0)));
        loss.backward(1.0);
    }

    @Override
    public Tensor upstream() {
        return Tensor.of(new double[] {1.0}, 1);  // the loss is a scalar: its upstream gradient is 1
    }

    @Override
    public Analytic analytic(Tensor x) {
        loss.forward(x, t);
        return new Analytic(Map.of(), loss.backward(1.0), null);
    }
}

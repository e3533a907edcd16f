package io.gradcheck.check;

import io.gradcheck.layer.Labels;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.Map;

/** The whole network: f(x) = loss(x, t), with gradients from its (overridable) gradient method. */
final class NetSubject implements Subject {
    private final SimpleConvNet net;
    private final Labels t;

    NetSubject(SimpleConvNet net, Labels t) {
        this.net = net;
        this.t = t;
    }

    @Override
    public String name() {
        return Messages.nameOf(net.getClass());
    }

    @Override
    public Map<String, Tensor> params() {
        return net.params();
    }

    @Override
    public double value(Tensor x) {
        return net.loss(x, t);
    }

    @Override
    public int[] branches() {
        return net.branches();
    }

    @Override
    public Analytic analytic(Tensor x) {
        Map<String, Tensor> grads = Subject.snapshot(net.gradient(x, t));
        Tensor dx = net.backprop(x, t);
        return new Analytic(grads, dx, null);
    }
}

package io.gradcheck.check;

import io.gradcheck.layer.Labels;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The whole network: f(x) = loss(x, t), with gradients from its (overridable) gradient method. */
final class NetSubject implements Subject {
    private final SimpleConvNet net;
    private final Labels t;
    // then every value goes through the subclass's own forward; branches() needs no such care, since
    // lossOf leaves every layer's state as a whole forward would
    private final boolean forwardOverridden;

    NetSubject(SimpleConvNet net, Labels t) {
        this.net = net;
        this.t = t;
        Class<?> c = net.getClass();
        forwardOverridden = overrides(c, "predict", Tensor.class) || overrides(c, "loss", Tensor.class, Labels.class);
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

    /** Only the layers from the perturbed parameter's on, unless a subclass changed the forward pass. */
    @Override
    public DoubleSupplier valueOf(String name, Tensor x) {
        if (name.equals("x") || forwardOverridden) {
            return () -> value(x);
        }
        return net.lossOf(name, x, t);
    }

    private static boolean overrides(Class<?> c, String method, Class<?>... types) {
        try {
            return c.getMethod(method, types).getDeclaringClass() != SimpleConvNet.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void decoy(Tensor x) {
        Labels d = Decoys.labels(t, x.dim(0));
        net.gradient(x, d);
        net.backprop(x, d);
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

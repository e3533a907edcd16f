package io.gradcheck.bugs;

import io.gradcheck.bugs.CatalogueShapes.ScoresShape;
import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Generators;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.check.Shapes.PoolShape;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.function.Function;
import org.apache.commons.math3.random.Well19937c;

/**
 * Weights, inputs and labels of a drawn shape, deterministic in its data seed, so that a shrunk
 * shape reproduces exactly; and the check of a layer, loss or net on them with the build's seed.
 */
final class Fixture {
    static final long SEED = Generators.SEED;

    private Fixture() {
    }

    static CheckResult check(Layer layer, Tensor x) {
        return GradientCheck.of(layer).input(x).seed(SEED).run();
    }

    /** Filters (fn, c, fh, fw) and biases (fn), standard normal. */
    static Tensor[] convParams(ConvShape s) {
        Well19937c rng = new Well19937c(s.dataSeed());
        return new Tensor[] {Tensor.randn(rng, 1, s.fn(), s.c(), s.fh(), s.fw()), Tensor.randn(rng, 1, s.fn())};
    }

    static Tensor input(ConvShape s) {
        return Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
    }

    static Tensor input(PoolShape s) {
        return Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
    }

    /** W (d, m) and b (m), standard normal. */
    static Tensor[] affineParams(AffineShape s) {
        Well19937c rng = new Well19937c(s.dataSeed());
        return new Tensor[] {Tensor.randn(rng, 1, s.d(), s.m()), Tensor.randn(rng, 1, s.m())};
    }

    static Tensor input(AffineShape s) {
        return Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
    }

    /** Standard normal, with the first two elements made positive and negative: both ReLU branches occur. */
    static Tensor input(ImageShape s) {
        Tensor x = Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
        x.set(0, Math.abs(x.get(0)) + 0.1);
        x.set(1, -Math.abs(x.get(1)) - 0.1);
        return x;
    }

    static Tensor scores(ScoresShape s, double scale) {
        return Tensor.randn(new Well19937c(~s.dataSeed()), scale, s.n(), s.k());
    }

    static Labels labels(ScoresShape s) {
        return labels(new Well19937c(s.dataSeed()), s.n(), s.k());
    }

    static CheckResult check(SoftmaxWithLoss loss, ScoresShape s, double scale) {
        return GradientCheck.of(loss, labels(s)).input(scores(s, scale)).seed(SEED).run();
    }

    private static Labels labels(Well19937c rng, int n, int k) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(k);
        }
        return Labels.indices(t);
    }

    static Tensor input(NetShape s, long salt) {
        int[] in = s.config().inputDim();
        return Tensor.randn(new Well19937c(~s.dataSeed() + salt), 1, s.n(), in[0], in[1], in[2]);
    }

    static Labels labels(NetShape s) {
        return labels(new Well19937c(s.dataSeed()), s.n(), s.config().outputSize());
    }

    /**
     * A net of the shape built by ctor, with biases of 0.3 ± 0.1: positive, so that most ReLUs are
     * alive and a wrong gradient is rarely hidden behind a dead unit.
     */
    static <N extends SimpleConvNet> N net(NetShape s, Function<NetConfig, N> ctor) {
        N net = ctor.apply(s.config());
        Well19937c rng = new Well19937c(s.dataSeed() + 1);
        for (String b : new String[] {"b1", "b2", "b3"}) {
            double[] d = net.params().get(b).data();
            for (int i = 0; i < d.length; i++) {
                d[i] = 0.3 + 0.1 * rng.nextGaussian();
            }
        }
        return net;
    }

    static CheckResult check(SimpleConvNet net, NetShape s) {
        return GradientCheck.of(net, labels(s)).input(input(s, 0)).seed(SEED).run();
    }
}

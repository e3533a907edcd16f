package io.gradcheck.check;

import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.function.Function;
import org.apache.commons.math3.random.Well19937c;

/** Builds the layers, inputs and labels of a drawn shape, deterministically from its data seed. */
final class Fixtures {
    private Fixtures() {
    }

    static Convolution conv(ConvShape s) {
        Well19937c rng = new Well19937c(s.dataSeed());
        return new Convolution(Tensor.randn(rng, 1, s.fn(), s.c(), s.fh(), s.fw()), Tensor.randn(rng, 1, s.fn()),
                s.stride(), s.pad());
    }

    static Tensor input(ConvShape s) {
        return Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
    }

    static Affine affine(AffineShape s) {
        Well19937c rng = new Well19937c(s.dataSeed());
        return new Affine(Tensor.randn(rng, 1, s.d(), s.m()), Tensor.randn(rng, 1, s.m()));
    }

    static Tensor input(AffineShape s) {
        return Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
    }

    static Tensor input(NetShape s) {
        int[] in = s.config().inputDim();
        return Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), in[0], in[1], in[2]);
    }

    static Labels labels(NetShape s) {
        Well19937c rng = new Well19937c(s.dataSeed());
        int[] t = new int[s.n()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rng.nextInt(s.config().outputSize());
        }
        return Labels.indices(t);
    }

    /** A net of the shape, built by ctor (the reference net or a broken subclass), with random biases. */
    static <N extends SimpleConvNet> N net(NetShape s, Function<io.gradcheck.net.NetConfig, N> ctor) {
        N net = ctor.apply(s.config());
        Well19937c rng = new Well19937c(s.dataSeed() + 1);
        for (String b : new String[] {"b1", "b2", "b3"}) {  // nonzero biases, so no bias hides a bug
            double[] d = net.params().get(b).data();
            for (int i = 0; i < d.length; i++) {
                d[i] = 0.1 * rng.nextGaussian();
            }
        }
        Shapes.revive(net, input(s), labels(s), rng);  // dead ReLUs would leave tensors without signal
        return net;
    }

    /** The check of a net on its shape's input and labels, with the property seed. */
    static CheckResult check(SimpleConvNet net, NetShape s) {
        return GradientCheck.of(net, labels(s)).input(input(s)).seed(Generators.SEED).run();
    }
}

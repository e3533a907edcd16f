package io.gradcheck.check;

import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.check.Shapes.PoolShape;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;

/**
 * Checks our own SimpleConvNet and each of its layers on random shapes drawn from one seed: the
 * main job of {@code gradcheck check}.
 */
public final class SelfCheck {
    private SelfCheck() {
    }

    /**
     * For each of {@code tries} rounds, one random shape per layer and one for the net, all drawn
     * from {@code seed}. The same seed gives the same shapes, inputs and results.
     */
    public static List<CheckResult> run(long seed, int tries) {
        if (tries <= 0) {
            throw new IllegalArgumentException("SelfCheck.run: tries must be positive, got " + tries);
        }
        Well19937c rng = new Well19937c(seed);
        Shapes.Ints in = Shapes.Ints.uniform(rng);
        List<CheckResult> out = new ArrayList<>();
        for (int k = 0; k < tries; k++) {
            NetShape ns = NetShape.draw(in);
            int[] d = ns.config().inputDim();
            Tensor x = Tensor.randn(rng, 1, ns.n(), d[0], d[1], d[2]);
            Labels t = labels(rng, ns.n(), ns.config().outputSize());
            SimpleConvNet net = new SimpleConvNet(ns.config());
            Shapes.revive(net, x, t, rng);  // a net with dead ReLUs would compare nothing in some tensors
            out.add(GradientCheck.of(net, t).input(x).seed(seed).run());

            ConvShape cs = ConvShape.draw(in);
            Convolution conv = new Convolution(Tensor.randn(rng, 1, cs.fn(), cs.c(), cs.fh(), cs.fw()),
                    Tensor.randn(rng, 1, cs.fn()), cs.stride(), cs.pad());
            out.add(GradientCheck.of(conv).input(Tensor.randn(rng, 1, cs.n(), cs.c(), cs.h(), cs.w())).seed(seed).run());

            PoolShape ps = PoolShape.draw(in);
            out.add(GradientCheck.of(new Pooling(ps.poolH(), ps.poolW(), ps.stride(), ps.pad()))
                    .input(Tensor.randn(rng, 1, ps.n(), ps.c(), ps.h(), ps.w())).seed(seed).run());

            AffineShape as = AffineShape.draw(in);
            Affine affine = new Affine(Tensor.randn(rng, 1, as.d(), as.m()), Tensor.randn(rng, 1, as.m()));
            out.add(GradientCheck.of(affine).input(Tensor.randn(rng, 1, as.n(), as.c(), as.h(), as.w())).seed(seed).run());

            ImageShape is = ImageShape.draw(in);
            out.add(GradientCheck.of(new Relu()).input(Tensor.randn(rng, 1, is.n(), is.c(), is.h(), is.w())).seed(seed).run());
            int classes = is.c() + 1;
            out.add(GradientCheck.of(new SoftmaxWithLoss(), labels(rng, is.n(), classes))
                    .input(Tensor.randn(rng, 3, is.n(), classes)).seed(seed).run());
        }
        return out;
    }

    /** n labels drawn uniformly from [0, classes). */
    static Labels labels(Well19937c rng, int n, int classes) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(classes);
        }
        return Labels.indices(t);
    }
}

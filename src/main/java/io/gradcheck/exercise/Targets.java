package io.gradcheck.exercise;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.ShapeSearch;
import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.check.Shapes.Ints;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.check.Shapes.PoolShape;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.function.Function;
import org.apache.commons.math3.random.Well19937c;

/**
 * The targets of the exercises. Every shape carries a data seed, so weights, inputs and labels are
 * a function of the shape and a shrunk shape reproduces exactly; the check itself uses the search seed.
 */
final class Targets {
    private static final int SEED_MAX = Integer.MAX_VALUE;

    private Targets() {
    }

    /** A SimpleConvNet subclass with a (NetConfig) constructor, checked on its loss. */
    static Target net() {
        return new Target(SimpleConvNet.class, (impl, seed, tries) -> search(NetShape::draw, s -> {
            requireOnlyGradientOverridden(impl);
            SimpleConvNet net = (SimpleConvNet) Build.construct(impl, new Class<?>[] {NetConfig.class}, s.config());
            SimpleConvNet ref = new SimpleConvNet(s.config());
            for (SimpleConvNet each : new SimpleConvNet[] {net, ref}) {
                Well19937c rng = new Well19937c(s.dataSeed() + 1);
                for (String b : new String[] {"b1", "b2", "b3"}) {  // positive biases: most ReLUs alive, few bugs hidden
                    double[] d = each.params().get(b).data();
                    for (int i = 0; i < d.length; i++) {
                        d[i] = 0.3 + 0.1 * rng.nextGaussian();
                    }
                }
            }
            int[] in = s.config().inputDim();
            Tensor x = Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), in[0], in[1], in[2]);
            Labels t = labels(new Well19937c(s.dataSeed()), s.n(), s.config().outputSize());
            SameForward.require(net.loss(x, t), ref.loss(x, t), "x " + x.shapeString());
            return GradientCheck.of(net, t).input(x).seed(seed).run();
        }, seed, tries), o -> {
            NetShape s = (NetShape) o;
            NetConfig c = s.config();
            int[] in = c.inputDim();
            return "x " + dims(s.n(), in[0], in[1], in[2]) + ", " + c.conv().filterNum() + (c.conv().filterNum() == 1 ? " filter of " : " filters of ")
                    + c.conv().filterSize() + "x" + c.conv().filterSize() + ", stride " + c.conv().stride() + ", pad "
                    + c.conv().pad() + ", hidden " + c.hiddenSize() + ", classes " + c.outputSize();
        });
    }

    /** A no-argument layer on images with both signs, like ReLU. */
    static Target relu() {
        return new Target(Relu.class, (impl, seed, tries) -> search(in -> new ImageShape(in.between(1, 3),
                in.between(1, 3), in.between(1, 4), in.between(2, 5), in.between(0, SEED_MAX)), s -> {
            Tensor x = Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
            x.set(0, Math.abs(x.get(0)) + 0.1);  // both branches occur on every shape
            x.set(1, -Math.abs(x.get(1)) - 0.1);
            return check((Layer) Build.construct(impl, new Class<?>[0]), new Relu(), x, seed);
        }, seed, tries), o -> {
            ImageShape s = (ImageShape) o;
            return "x " + dims(s.n(), s.c(), s.h(), s.w());
        });
    }

    /** A SoftmaxWithLoss subclass on class scores (N, K) of standard deviation 2, N from minBatch. */
    static Target loss(int minBatch) {
        return loss(minBatch, 2);
    }

    /**
     * A SoftmaxWithLoss subclass on class scores (N, K) of standard deviation spread, N from
     * minBatch: a wide spread makes the probability of some true classes tiny.
     */
    static Target loss(int minBatch, double spread) {
        return new Target(SoftmaxWithLoss.class, (impl, seed, tries) -> search(in -> new ImageShape(
                in.between(minBatch, 3), in.between(2, 5), 1, 1, in.between(0, SEED_MAX)), s -> {
            LossGuard loss = Guards.loss((SoftmaxWithLoss) Build.construct(impl, new Class<?>[0]));
            Tensor x = Tensor.randn(new Well19937c(~s.dataSeed()), spread, s.n(), s.c());
            Labels t = labels(new Well19937c(s.dataSeed()), s.n(), s.c());
            loss.forward(x, t);  // refuses a changed forward before anything else; the check's calls are compared too
            CheckResult r = GradientCheck.of(loss, t).input(x).seed(seed).run();
            loss.requireNoRefusal();
            return r;
        }, seed, tries), o -> "scores " + dims(((ImageShape) o).n(), ((ImageShape) o).c()) + ", one label per row");
    }

    /** An Affine-like layer with a (Tensor W, Tensor b) constructor, N from minBatch. */
    static Target affine(int minBatch) {
        return new Target(Affine.class, (impl, seed, tries) -> search(in -> new AffineShape(
                in.between(minBatch, 4), in.between(1, 3), in.between(1, 3), in.between(1, 3), in.between(1, 5),
                in.between(0, SEED_MAX)), s -> {
            Well19937c rng = new Well19937c(s.dataSeed());
            Tensor w = Tensor.randn(rng, 1, s.d(), s.m()), b = Tensor.randn(rng, 1, s.m());
            Layer layer = (Layer) Build.construct(impl, new Class<?>[] {Tensor.class, Tensor.class}, w, b);
            Tensor x = Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
            return check(layer, new Affine(w.copy(), b.copy()), x, seed);
        }, seed, tries), o -> {
            AffineShape s = (AffineShape) o;
            return "x " + dims(s.n(), s.c(), s.h(), s.w()) + " (flattened to " + dims(s.n(), s.d()) + "), W "
                    + dims(s.d(), s.m()) + ", b " + dims(s.m());
        });
    }

    /**
     * A Pooling-like layer with a (poolH, poolW, stride, pad) constructor: windows of at least two
     * elements, square or not, strides from minStride, pad 0 or 1, and two windows down when
     * minStride >= 2.
     */
    static Target pool(int minStride) {
        return new Target(Pooling.class, (impl, seed, tries) -> search(in -> {
            int n = in.between(1, 2), c = in.between(1, 2), ph = in.between(2, 3), pw = in.between(2, 3);
            int stride = in.between(minStride, 3), pad = in.between(0, 1);
            int outH = in.between(outLo(minStride >= 2 ? 2 : 1, ph, pad, stride), 3);
            int outW = in.between(outLo(1, pw, pad, stride), 3);
            int h = (outH - 1) * stride + ph - 2 * pad + in.between(0, stride - 1);  // a partial window is dropped
            int w = (outW - 1) * stride + pw - 2 * pad + in.between(0, stride - 1);
            return new PoolShape(n, c, h, w, ph, pw, stride, pad, in.between(0, SEED_MAX));
        }, s -> {
            Layer layer = (Layer) Build.construct(impl, new Class<?>[] {int.class, int.class, int.class, int.class},
                    s.poolH(), s.poolW(), s.stride(), s.pad());
            Tensor x = Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
            return check(layer, new Pooling(s.poolH(), s.poolW(), s.stride(), s.pad()), x, seed);
        }, seed, tries), o -> {
            PoolShape s = (PoolShape) o;
            return "x " + dims(s.n(), s.c(), s.h(), s.w()) + ", window " + s.poolH() + "x" + s.poolW() + ", stride "
                    + s.stride() + ", pad " + s.pad();
        });
    }

    /**
     * A Convolution-like layer with a (Tensor W, Tensor b, int stride, int pad) constructor. With
     * overlap, filters are taller than the stride, so windows overlap. Pad is drawn from 0 to
     * maxPad, or to half the smaller filter side if maxPad is negative.
     */
    static Target conv(boolean overlap, int maxPad) {
        return new Target(Convolution.class, (impl, seed, tries) -> search(in -> {
            int n = in.between(1, 2), c = in.between(1, 2), fn = in.between(1, 2), stride = in.between(1, 2);
            int fLo = overlap ? stride + 1 : 1;
            int fh = in.between(fLo, Math.max(fLo, 3)), fw = in.between(1, 3);
            int pad = in.between(0, maxPad >= 0 ? maxPad : (Math.min(fh, fw) - 1) / 2);
            int outH = in.between(outLo(overlap ? 2 : 1, fh, pad, stride), 3), outW = in.between(outLo(1, fw, pad, stride), 3);
            int h = (outH - 1) * stride + fh - 2 * pad, w = (outW - 1) * stride + fw - 2 * pad;
            return new ConvShape(n, c, h, w, fn, fh, fw, pad, stride, in.between(0, SEED_MAX));
        }, s -> {
            Well19937c rng = new Well19937c(s.dataSeed());
            Tensor w = Tensor.randn(rng, 1, s.fn(), s.c(), s.fh(), s.fw()), b = Tensor.randn(rng, 1, s.fn());
            Layer layer = (Layer) Build.construct(impl, new Class<?>[] {Tensor.class, Tensor.class, int.class, int.class},
                    w, b, s.stride(), s.pad());
            Tensor x = Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
            return check(layer, new Convolution(w.copy(), b.copy(), s.stride(), s.pad()), x, seed);
        }, seed, tries), o -> {
            ConvShape s = (ConvShape) o;
            return "x " + dims(s.n(), s.c(), s.h(), s.w()) + ", W " + dims(s.fn(), s.c(), s.fh(), s.fw()) + ", stride "
                    + s.stride() + ", pad " + s.pad();
        });
    }

    /** The fewest outputs along an axis, at least lo, for which the input (outputs-1)*stride + f - 2*pad is not empty. */
    static int outLo(int lo, int f, int pad, int stride) {
        int out = lo;
        while ((out - 1) * stride + f - 2 * pad < 1) {
            out++;
        }
        return out;
    }

    private static <S> Target.Searched search(Function<Ints, S> draw, Function<S, CheckResult> check, long seed, int tries) {
        CheckResult[] last = {null};  // kept so that a pass has a check to report
        ShapeSearch.Found<S> found = ShapeSearch.smallestFailing(draw, s -> last[0] = check.apply(s), seed, tries);
        return new Target.Searched(found, last[0]);
    }

    /** "(2, 1, 3, 3)". */
    private static String dims(int... d) {
        return java.util.Arrays.toString(d).replace('[', '(').replace(']', ')');
    }

    /**
     * The check of a student's layer through its guard: the first forward call outside the check,
     * so that a changed forward is refused before anything else, then every call inside it.
     */
    private static CheckResult check(Layer layer, Layer reference, Tensor x, long seed) {
        ForwardGuard guard = Guards.layer(layer, reference);
        guard.forward(x);
        CheckResult r = GradientCheck.of(guard).input(x).seed(seed).run();
        guard.requireNoRefusal();
        return r;
    }

    /**
     * Refuses a net that overrides any method of SimpleConvNet but gradient: its loss is then
     * SimpleConvNet's own on every call of the check, not only on the first.
     */
    static void requireOnlyGradientOverridden(Class<?> impl) {
        for (Class<?> c = impl; c != null && c != SimpleConvNet.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                if (m.isSynthetic() || m.getName().equals("gradient") && m.getParameterCount() == 2) {
                    continue;
                }
                for (Class<?> up = SimpleConvNet.class; up != null; up = up.getSuperclass()) {
                    try {
                        java.lang.reflect.Method over = up.getDeclaredMethod(m.getName(), m.getParameterTypes());
                        if (!java.lang.reflect.Modifier.isPrivate(over.getModifiers())) {
                            throw new StudentCodeException(impl.getSimpleName() + " overrides " + m.getName() + "("
                                    + String.join(", ", java.util.Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                                    .toList()) + ") of SimpleConvNet: exercise 01 is about gradient(); leave the rest of "
                                    + "the net as SimpleConvNet has it");
                        }
                    } catch (NoSuchMethodException e) {
                        // not a method of SimpleConvNet: a helper of the student's own
                    }
                }
            }
        }
    }

    private static Labels labels(Well19937c rng, int n, int k) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(k);
        }
        return Labels.indices(t);
    }
}

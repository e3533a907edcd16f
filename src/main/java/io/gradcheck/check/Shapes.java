package io.gradcheck.check;

import io.gradcheck.layer.Labels;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Valid random shapes for each layer and for SimpleConvNet, as plain records. A shape is drawn
 * from an {@link Ints} source, so any engine can drive it: a seeded generator, or a property-testing
 * library that shrinks each drawn number toward its lower bound, and so the shape toward the smallest.
 *
 * <p>Invalid combinations are never drawn: input sizes are derived from the output size, so
 * every convolution output is whole.
 */
public final class Shapes {
    private Shapes() {
    }

    /** A source of integers in [lo, hi]. Implementations shrink toward lo. */
    @FunctionalInterface
    public interface Ints {
        int between(int lo, int hi);

        /** Uniform draws from rng, which is modified (advanced); no shrinking. */
        static Ints uniform(RandomGenerator rng) {
            return (lo, hi) -> lo + (int) (rng.nextDouble() * ((long) hi - lo + 1));  // long: hi - lo + 1 may overflow int
        }
    }

    /** A convolution: input (n, c, h, w), filters (fn, c, fh, fw), and the seed of its values. */
    public record ConvShape(int n, int c, int h, int w, int fn, int fh, int fw, int pad, int stride, long dataSeed) {
        public static ConvShape draw(Ints in) {
            int n = in.between(1, 3), c = in.between(1, 3), fn = in.between(1, 3);
            int fh = in.between(1, 4), fw = in.between(1, 4);
            int pad = in.between(0, (Math.min(fh, fw) - 1) / 2);  // at most "same" padding, so h >= 1
            int stride = in.between(1, 3);
            int outH = in.between(1, 4), outW = in.between(1, 4);
            int h = (outH - 1) * stride + fh - 2 * pad, w = (outW - 1) * stride + fw - 2 * pad;
            return new ConvShape(n, c, h, w, fn, fh, fw, pad, stride, in.between(0, Integer.MAX_VALUE));
        }
    }

    /** Max pooling: input (n, c, h, w), window poolH x poolW, stride, pad. */
    public record PoolShape(int n, int c, int h, int w, int poolH, int poolW, int stride, int pad, long dataSeed) {
        public static PoolShape draw(Ints in) {
            int n = in.between(1, 3), c = in.between(1, 3);
            int ph = in.between(1, 3), pw = in.between(1, 3), stride = in.between(1, 3);
            int pad = in.between(0, (Math.min(ph, pw) - 1) / 2);
            int h = ph - 2 * pad + in.between(0, 6), w = pw - 2 * pad + in.between(0, 6);
            return new PoolShape(n, c, h, w, ph, pw, stride, pad, in.between(0, Integer.MAX_VALUE));
        }
    }

    /** An Affine layer: input (n, c, h, w) flattened to d = c*h*w, output m. */
    public record AffineShape(int n, int c, int h, int w, int m, long dataSeed) {
        public static AffineShape draw(Ints in) {
            return new AffineShape(in.between(1, 4), in.between(1, 3), in.between(1, 4), in.between(1, 4),
                    in.between(1, 6), in.between(0, Integer.MAX_VALUE));
        }

        public int d() {
            return c * h * w;
        }
    }

    /** An element-wise layer or a loss: a tensor (n, c, h, w), or (n, c) for scores. */
    public record ImageShape(int n, int c, int h, int w, long dataSeed) {
        public static ImageShape draw(Ints in) {
            return new ImageShape(in.between(1, 3), in.between(1, 3), in.between(1, 5), in.between(1, 5),
                    in.between(0, Integer.MAX_VALUE));
        }
    }

    /**
     * A batch of vectors (n, d), for dense layers and plain functions: n in [1, 4], d in [1, 8].
     * {@code Tensor.randn(s.dataSeed(), 1, s.n(), s.d())} is its input.
     */
    public record DenseShape(int n, int d, long dataSeed) {
        public static DenseShape draw(Ints in) {
            return new DenseShape(in.between(1, 4), in.between(1, 8), in.between(0, Integer.MAX_VALUE));
        }
    }

    /** A whole SimpleConvNet on a batch of n images. Weights come from the config's seed. */
    public record NetShape(int n, NetConfig config, long dataSeed) {
        public static NetShape draw(Ints in) {
            int n = in.between(1, 3), c = in.between(1, 2), fn = in.between(1, 3), fs = in.between(1, 3);
            int pad = in.between(0, (fs - 1) / 2), stride = in.between(1, 2);
            int outH = in.between(2, 5), outW = in.between(2, 5);  // 2x2 pooling needs at least 2x2
            int h = (outH - 1) * stride + fs - 2 * pad, w = (outW - 1) * stride + fs - 2 * pad;
            int hidden = in.between(1, 6), out = in.between(2, 5);
            double std = new double[] {0.1, 0.01, 0.5}[in.between(0, 2)];
            NetConfig cfg = new NetConfig(new int[] {c, h, w}, new ConvConfig(fn, fs, pad, stride), hidden, out,
                    std, in.between(0, Integer.MAX_VALUE));
            return new NetShape(n, cfg, in.between(0, Integer.MAX_VALUE));
        }
    }

    /** Redraws of the biases that {@link #revive} tries before it gives up. */
    static final int REVIVE_TRIES = 12;

    /**
     * Whether a check of the network at x and t would compare something in every tensor: every
     * gradient of the reference SimpleConvNet at net's weights (W1..b3 and dx) has an element above
     * 10 atol. The reference is our own network, not net, so a broken subclass cannot change the answer.
     * net, x, t: not modified.
     */
    public static boolean alive(SimpleConvNet net, Tensor x, Labels t) {
        SimpleConvNet ref = reference(net);
        Map<String, Tensor> grads = new java.util.LinkedHashMap<>(ref.gradient(x, t));
        grads.put("x", ref.backprop(x, t));
        double floor = 10 * CheckSettings.DEFAULT.atol();
        return grads.values().stream().allMatch(g -> java.util.Arrays.stream(g.data()).anyMatch(v -> Math.abs(v) > floor));
    }

    /**
     * Makes a network alive for checking at x and t: while {@link #alive} is false, halves the
     * weights of a network so confident that its loss has no gradient, and redraws b1 and b2 from
     * rng as positive values of growing size (b3 as any), at most {@link #REVIVE_TRIES} times. All-zero
     * biases (the book's initialisation) are redrawn first: a zero bias puts a ReLU exactly at its kink
     * wherever its input is 0. Draws nothing if net is alive and has a nonzero bias. Returns whether
     * it is alive. net's parameters: modified. x, t: not modified. rng: modified (advanced).
     */
    public static boolean revive(SimpleConvNet net, Tensor x, Labels t, RandomGenerator rng) {
        boolean zeroBiases = java.util.stream.Stream.of("b1", "b2", "b3")
                .allMatch(b -> java.util.Arrays.stream(net.params().get(b).data()).allMatch(v -> v == 0));
        for (int k = 1; k <= REVIVE_TRIES; k++) {
            if (!zeroBiases && alive(net, x, t)) {
                return true;
            }
            zeroBiases = false;
            if (confident(net, x, t)) {
                for (String w : new String[] {"W1", "W2", "W3"}) {
                    double[] d = net.params().get(w).data();
                    for (int i = 0; i < d.length; i++) {
                        d[i] *= 0.5;  // scores shrink 8-fold: the softmax leaves saturation
                    }
                }
            }
            // each ReLU's bias as large as its unit's inputs, b1 first: b2 must match what the new b1 lets through
            redraw(net.params().get("b1"), maxAbs(preActivation(net, x, 1)), true, rng);
            redraw(net.params().get("b2"), maxAbs(preActivation(net, x, 2)), true, rng);
            redraw(net.params().get("b3"), 0.1, false, rng);
        }
        return alive(net, x, t);
    }

    /**
     * b drawn from N(0, scale²) (scale at least 1e-3), or, for a ReLU's bias, from scale (1 + |N(0, 0.1²)|):
     * at least as large as every input of its unit, so the unit opens. Modified: b.
     */
    private static void redraw(Tensor b, double scale, boolean relu, RandomGenerator rng) {
        double[] d = b.data();
        double sc = Math.max(scale, 1e-3);
        for (int i = 0; i < d.length; i++) {
            double v = rng.nextGaussian();
            d[i] = relu ? sc * (1 + 0.1 * Math.abs(v)) : sc * v;
        }
    }

    /** The input of the first ReLU (layer 1) or the second (layer 2) without its own bias. */
    private static Tensor preActivation(SimpleConvNet net, Tensor x, int layer) {
        Map<String, Tensor> p = net.params();
        ConvConfig cc = net.config().conv();
        Tensor b1 = layer == 1 ? Tensor.zeros(p.get("b1").size()) : p.get("b1");
        Tensor conv = new io.gradcheck.layer.Convolution(p.get("W1"), b1, cc.stride(), cc.pad()).forward(x);
        if (layer == 1) {
            return conv;
        }
        Tensor pooled = new io.gradcheck.layer.Pooling(2, 2, 2, 0).forward(new io.gradcheck.layer.Relu().forward(conv));
        return new io.gradcheck.layer.Affine(p.get("W2"), Tensor.zeros(p.get("b2").size())).forward(pooled);
    }

    private static double maxAbs(Tensor t) {
        return java.util.Arrays.stream(t.data()).map(Math::abs).max().orElse(0);
    }

    /** Our own SimpleConvNet with net's weights: a broken subclass cannot change what it computes. */
    private static SimpleConvNet reference(SimpleConvNet net) {
        SimpleConvNet ref = new SimpleConvNet(net.config());
        net.params().forEach((k, v) -> System.arraycopy(v.data(), 0, ref.params().get(k).data(), 0, v.size()));
        return ref;
    }

    /** Whether every example's softmax gives its label a probability within 1e-6 of 1: the loss has no gradient. */
    private static boolean confident(SimpleConvNet net, Tensor x, Labels t) {
        SimpleConvNet ref = reference(net);
        Tensor y = ref.predict(x);
        int n = y.dim(0), c = y.dim(1);
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, y.get(i * c + j));
            }
            for (int j = 0; j < c; j++) {
                sum += Math.exp(y.get(i * c + j) - max);
            }
            double p = Math.exp(y.get(i * c + t.get(i)) - max) / sum;
            if (p < 1 - 1e-6) {
                return false;
            }
        }
        return true;
    }
}

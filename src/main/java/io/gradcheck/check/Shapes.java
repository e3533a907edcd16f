package io.gradcheck.check;

import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
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
}

package io.gradcheck.bugs;

import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.check.Shapes.Ints;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.check.Shapes.PoolShape;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;

/**
 * Shapes on which a given bug can show, as its kind, built to fit rather than filtered: a square W where only a
 * square W hides a transpose, overlapping windows where accumulation matters, and so on. The batch
 * is always the first number drawn, so that shrinking reaches the smallest batch first.
 */
final class CatalogueShapes {
    private static final int SEED_MAX = Integer.MAX_VALUE;

    private CatalogueShapes() {
    }

    /** Class scores (n, k) for the loss layer, with the seed of the scores and labels. */
    record ScoresShape(int n, int k, long dataSeed) {
    }

    static ScoresShape scores(Ints in, int minBatch) {
        return new ScoresShape(in.between(minBatch, 3), in.between(2, 5), in.between(0, SEED_MAX));
    }

    /** An image tensor with w >= 2, so that an input can hold both signs. */
    static ImageShape images(Ints in) {
        return images(in, 1);
    }

    static ImageShape images(Ints in, int minBatch) {
        return new ImageShape(in.between(minBatch, 3), in.between(1, 3), in.between(1, 4), in.between(2, 5), in.between(0, SEED_MAX));
    }

    static AffineShape affine(Ints in, int minBatch) {
        return new AffineShape(in.between(minBatch, 4), in.between(1, 3), in.between(1, 3), in.between(1, 3),
                in.between(1, 5), in.between(0, SEED_MAX));
    }

    /** W is d x d with d >= 2: a 1x1 matrix is its own transpose. */
    static AffineShape squareAffine(Ints in) {
        int n = in.between(1, 4), c = in.between(1, 2), h = in.between(1, 2), w = in.between(2, 3);
        return new AffineShape(n, c, h, w, c * h * w, in.between(0, SEED_MAX));
    }

    /**
     * Max pooling with at least minWindow elements per window (and both sides >= 2 if square), and
     * strides of at least minStride; with minStride >= 2 there are two windows down.
     */
    static PoolShape pool(Ints in, int minWindow, boolean bothSides, int minStride) {
        int n = in.between(1, 3), c = in.between(1, 2);
        int ph = in.between(bothSides ? 2 : 1, 3);
        int pw = in.between(Math.max(bothSides ? 2 : 1, ph >= minWindow ? 1 : 2), 3);
        int stride = in.between(minStride, 3);
        int pad = in.between(0, (Math.min(ph, pw) - 1) / 2);
        int outH = in.between(minStride >= 2 ? 2 : 1, 3), outW = in.between(1, 3);
        int h = (outH - 1) * stride + ph - 2 * pad + in.between(0, stride - 1);  // a partial window is dropped
        int w = (outW - 1) * stride + pw - 2 * pad + in.between(0, stride - 1);
        return new PoolShape(n, c, h, w, ph, pw, stride, pad, in.between(0, SEED_MAX));
    }

    /**
     * Max pooling with pad 1: windows of 3 or 4 on each side, partly in the padding at the border,
     * and at least three windows each way, so that a gradient moved by one lands inside x.
     */
    static PoolShape paddedPool(Ints in) {
        int n = in.between(1, 3), c = in.between(1, 2), ph = in.between(3, 4), pw = in.between(3, 4), stride = in.between(1, 3);
        return poolOf(in, n, c, ph, pw, stride, 1, in.between(3, 4), in.between(3, 4));
    }

    /** Max pooling with poolH != poolW, and at least two windows each way: room for a misrouted gradient. */
    static PoolShape unequalWindows(Ints in) {
        int n = in.between(1, 3), c = in.between(1, 2), ph = in.between(1, 3), pw = in.between(1, 2);
        pw += pw >= ph ? 1 : 0;  // any of the other two sizes
        return poolOf(in, n, c, ph, pw, in.between(1, 3), 0, in.between(2, 3), in.between(2, 3));
    }

    /** Max pooling whose windows overlap down the rows: stride < poolH, and at least two windows down. */
    static PoolShape overlappingPool(Ints in) {
        int n = in.between(1, 3), c = in.between(1, 2), stride = in.between(1, 2);
        int ph = in.between(stride + 1, 3), pw = in.between(1, 3);
        return poolOf(in, n, c, ph, pw, stride, 0, in.between(2, 3), in.between(1, 3));
    }

    /** Max pooling of N >= 2 examples of C >= 2 channels with N != C. */
    static PoolShape batchNotChannels(Ints in) {
        int n = in.between(2, 3), c = n == 2 ? 3 : 2;
        return poolOf(in, n, c, in.between(1, 2), in.between(1, 2), in.between(1, 2), 0, in.between(1, 2), in.between(1, 2));
    }

    private static PoolShape poolOf(Ints in, int n, int c, int ph, int pw, int stride, int pad, int outH, int outW) {
        int h = (outH - 1) * stride + ph - 2 * pad, w = (outW - 1) * stride + pw - 2 * pad;
        return new PoolShape(n, c, h, w, ph, pw, stride, pad, in.between(0, SEED_MAX));
    }

    /**
     * A convolution with all sizes given; the input size is derived from the output size.
     * The seed is the last number drawn.
     */
    static ConvShape convOf(Ints in, int n, int c, int fn, int fh, int fw, int pad, int stride, int outH, int outW) {
        int h = (outH - 1) * stride + fh - 2 * pad, w = (outW - 1) * stride + fw - 2 * pad;
        return new ConvShape(n, c, h, w, fn, fh, fw, pad, stride, in.between(0, SEED_MAX));
    }

    /** Pad 1, filters of 3 or 4 each way, and an input of at least 2 x 2, so that a shift by one stays partly inside. */
    static ConvShape paddedConv(Ints in) {
        int n = in.between(1, 3), c = in.between(1, 2), fn = in.between(1, 2), fh = in.between(3, 4), fw = in.between(3, 4);
        return convOf(in, n, c, fn, fh, fw, 1, in.between(1, 2), in.between(2, 3), in.between(2, 3));
    }

    /** At least two filters and at least two output positions: dout's (N, FN, H, W) differs from (N, H, W, FN). */
    static ConvShape filtersAndPositions(Ints in) {
        int n = in.between(1, 3), c = in.between(1, 2), fn = in.between(2, 3), fh = in.between(1, 3), fw = in.between(1, 3);
        int outW = in.between(2, 3);
        return convOf(in, n, c, fn, fh, fw, 0, in.between(1, 2), in.between(1, 3), outW);
    }

    /** At least two filters, and filters of at least two taps: dW's (C*FH*FW, FN) is no (C, FN) transpose. */
    static ConvShape filtersOfTwoTaps(Ints in) {
        int n = in.between(1, 3), c = in.between(1, 2), fn = in.between(2, 3), fh = in.between(1, 3);
        int fw = in.between(fh == 1 ? 2 : 1, 3);
        return convOf(in, n, c, fn, fh, fw, 0, in.between(1, 2), in.between(1, 3), in.between(1, 3));
    }

    /** At least two channels, and filters of at least two taps: dcol's columns (c, i, j) differ from (i, j, c). */
    static ConvShape channelsAndTaps(Ints in) {
        int n = in.between(1, 3), c = in.between(2, 3), fn = in.between(1, 2), fh = in.between(1, 3);
        int fw = in.between(fh == 1 ? 2 : 1, 3);
        return convOf(in, n, c, fn, fh, fw, 0, in.between(1, 2), in.between(1, 3), in.between(1, 3));
    }

    /** Filters one row taller than wide (fh = fw + 1), no padding. */
    static ConvShape tallFilters(Ints in) {
        int n = in.between(1, 3), c = in.between(1, 2), fn = in.between(1, 2), fw = in.between(1, 3);
        return convOf(in, n, c, fn, fw + 1, fw, 0, in.between(1, 2), in.between(1, 3), in.between(1, 3));
    }

    /** As many filters as taps per filter (FN = C*FH*FW >= 2), so that the filter matrix is square. */
    static ConvShape squareFilterMatrix(Ints in) {
        int n = in.between(1, 3), c = in.between(1, 2), fh = in.between(1, 2), fw = in.between(c * fh == 1 ? 2 : 1, 2);
        return convOf(in, n, c, c * fh * fw, fh, fw, 0, in.between(1, 2), in.between(1, 3), in.between(1, 3));
    }

    /** What a convolution entry needs of its shape. Lower bounds; upper bounds are fixed. */
    record ConvNeeds(int minBatch, int minChannels, int minFilters, int minPad, int minStride, int minSize,
                     boolean overlap, boolean filtersEqualBatch) {
        static final ConvNeeds ANY = new ConvNeeds(1, 1, 1, 0, 1, 1, false, false);

        ConvNeeds batch(int v) {
            return new ConvNeeds(v, minChannels, minFilters, minPad, minStride, minSize, overlap, filtersEqualBatch);
        }

        ConvNeeds channelsAndFilters(int v) {
            return new ConvNeeds(minBatch, v, v, minPad, minStride, minSize, overlap, filtersEqualBatch);
        }

        ConvNeeds pad(int v) {
            return new ConvNeeds(minBatch, minChannels, minFilters, v, minStride, minSize, overlap, filtersEqualBatch);
        }

        ConvNeeds stride(int v) {
            return new ConvNeeds(minBatch, minChannels, minFilters, minPad, v, minSize, overlap, filtersEqualBatch);
        }

        /** Input at least v x v, with filters of at least v x v and no padding. */
        ConvNeeds size(int v) {
            return new ConvNeeds(minBatch, minChannels, minFilters, minPad, minStride, v, overlap, filtersEqualBatch);
        }

        ConvNeeds overlapping() {
            return new ConvNeeds(minBatch, minChannels, minFilters, minPad, minStride, minSize, true, filtersEqualBatch);
        }

        ConvNeeds batchAsFilters() {
            return new ConvNeeds(Math.max(2, minBatch), minChannels, minFilters, minPad, minStride, minSize, overlap, true);
        }
    }

    /** A convolution whose input size is derived from the output size, so the output is whole. */
    static ConvShape conv(Ints in, ConvNeeds need) {
        int n = in.between(need.minBatch(), 3);
        int c = in.between(need.minChannels(), 3);
        int fn = need.filtersEqualBatch() ? n : in.between(need.minFilters(), 3);
        int stride = in.between(need.minStride(), 3);
        int fLo = Math.max(Math.max(need.minSize(), 2 * need.minPad() + 1), need.overlap() ? stride + 1 : 1);
        int fh = in.between(fLo, Math.max(fLo, 4)), fw = in.between(Math.max(need.minSize(), 2 * need.minPad() + 1), 4);
        int pad = need.minSize() > 1 ? 0 : in.between(need.minPad(), (Math.min(fh, fw) - 1) / 2);
        int outH = in.between(need.overlap() || need.minStride() >= 2 ? 2 : 1, 4), outW = in.between(1, 4);
        int h = (outH - 1) * stride + fh - 2 * pad, w = (outW - 1) * stride + fw - 2 * pad;
        return new ConvShape(n, c, h, w, fn, fh, fw, pad, stride, in.between(0, SEED_MAX));
    }

    static NetShape net(Ints in) {
        return NetShape.draw(in);
    }

    /**
     * A net as {@link NetShape#draw} draws it, but with weights of std 0.5: with std 0.1 or 0.01 the
     * biases of 0.3 dominate, and every bias gradient hardly depends on the input.
     */
    static NetShape strongNet(Ints in) {
        int n = in.between(1, 3), c = in.between(1, 2), fn = in.between(1, 3), fs = in.between(1, 3);
        int pad = in.between(0, (fs - 1) / 2), stride = in.between(1, 2);
        int outH = in.between(2, 5), outW = in.between(2, 5);
        int h = (outH - 1) * stride + fs - 2 * pad, w = (outW - 1) * stride + fs - 2 * pad;
        NetConfig cfg = new NetConfig(new int[] {c, h, w}, new ConvConfig(fn, fs, pad, stride), in.between(1, 6),
                in.between(2, 5), 0.5, in.between(0, SEED_MAX));
        return new NetShape(n, cfg, in.between(0, SEED_MAX));
    }

    /** A net whose W2 has one row: one filter and a 2x2 or 3x3 conv output, pooled to 1x1. */
    static NetShape oneRowW2Net(Ints in) {
        int n = in.between(1, 3), out = in.between(2, 3), fs = in.between(1, 3), hidden = in.between(2, 5);
        return pooledToOne(n, in, out, fs, 1, hidden, in.between(2, 4));
    }

    /** A net whose W2 and W3 are both k x k: k filters pooled to 1x1, k hidden units, k classes. */
    static NetShape squareW2W3Net(Ints in) {
        int n = in.between(1, 3), k = in.between(2, 3), out = in.between(2, 3), fs = in.between(1, 3);
        return pooledToOne(n, in, out, fs, k, k, k);
    }

    /** A net with as many hidden units as classes, so that b2 and b3 have one shape. */
    static NetShape hiddenEqualsClassesNet(Ints in) {
        int n = in.between(1, 3), k = in.between(2, 4), out = in.between(2, 3), fs = in.between(1, 3);
        return pooledToOne(n, in, out, fs, in.between(1, 2), k, k);
    }

    private static NetShape pooledToOne(int n, Ints in, int convOut, int fs, int fn, int hidden, int classes) {
        NetConfig c = new NetConfig(new int[] {1, convOut - 1 + fs, convOut - 1 + fs}, new ConvConfig(fn, fs, 0, 1),
                hidden, classes, 0.5, in.between(0, SEED_MAX));
        return new NetShape(n, c, in.between(0, SEED_MAX));
    }
}

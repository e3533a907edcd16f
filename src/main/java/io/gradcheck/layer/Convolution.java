package io.gradcheck.layer;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * 2-D convolution (cross-correlation, as in the book) computed through im2col, in the orientation
 * that keeps the long dimension contiguous: out (FN, n*outH*outW) = W (FN, C*FH*FW) times
 * colT (C*FH*FW, n*outH*outW), for each group of {@link #GROUP} images in turn, so that a group's
 * unfolded images and its product stay in cache. Every array, the output and dx included, is reused
 * while the batch shape stays the same ({@link Layer}'s ownership rule).
 */
public final class Convolution implements Layer {
    /**
     * Images per group: for the book's net (25 x 2,304 colT, 30 x 2,304 product) about 1 MB, which
     * fits a core's L2 cache. Fixed, so that the sums, and so the bits, never depend on the machine.
     */
    static final int GROUP = 4;
    private final Tensor W;
    private final Tensor b;
    private final int stride;
    private final int pad;
    private int[] xShape;
    private int[] outShape;
    private double[][] colT;  // per group of images: (C*FH*FW, n_g*outH*outW), the unfolded input, for dW
    private double[] out2;    // (FN, GROUP*outH*outW): scratch, one group's product before the reorder
    private double[] d2;      // (FN, GROUP*outH*outW): scratch, one group's dout reordered
    private double[] dcolT;   // (C*FH*FW, GROUP*outH*outW): scratch, the gradient of a group's colT
    private double[] dWg;     // (FN, C*FH*FW): scratch, one group's share of dW
    private Tensor out;
    private Tensor dx;
    private Tensor dW;
    private Tensor db;

    /**
     * @param W filters (FN, C, FH, FW); kept live, not copied
     * @param b one bias per filter (FN); kept live, not copied
     */
    public Convolution(Tensor W, Tensor b, int stride, int pad) {
        if (W.rank() != 4 || b.rank() != 1 || b.dim(0) != W.dim(0)) {
            throw new IllegalArgumentException("Convolution: expected W [FN, C, FH, FW] and b [FN], got "
                    + W.shapeString() + " and " + b.shapeString());
        }
        Checks.requirePositive("Convolution", "stride", stride);
        if (pad < 0) {
            throw new IllegalArgumentException("Convolution: pad must not be negative, got " + pad);
        }
        this.W = W;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] os = prepare(x);
        int fn = os[1], plane = os[2] * os[3];
        out = Buffers.reuse(out, os);
        double[] od = out.data(), bd = b.data();
        for (int g = 0; g < groups(); g++) {
            int first = g * GROUP, n = groupSize(g), cols = n * plane;
            product(x, g);
            for (int f = 0; f < fn; f++) {  // (FN, n_g, oh*ow) -> (n_g, FN, oh*ow), adding the bias
                for (int img = 0; img < n; img++) {
                    int src = f * cols + img * plane, dst = ((first + img) * fn + f) * plane;
                    double bias = bd[f];
                    for (int q = 0; q < plane; q++) {
                        od[dst + q] = out2[src + q] + bias;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Checks x, records its shape for backward and sizes the arrays for it (new ones only when the
     * shape changed); returns the output shape (N, FN, outH, outW). For forward and {@link ConvReluPool}.
     */
    int[] prepare(Tensor x) {
        int fn = W.dim(0), c = W.dim(1), fh = W.dim(2), fw = W.dim(3);
        Checks.requireImages("Convolution.forward", x, c);
        int n = x.dim(0), h = x.dim(2), w = x.dim(3);
        int outH = Checks.outSize("Convolution.forward", "height", h, fh, pad, stride, true);
        int outW = Checks.outSize("Convolution.forward", "width", w, fw, pad, stride, true);
        int k = c * fh * fw, plane = outH * outW;
        if (!Arrays.equals(xShape, x.shape()) || colT == null) {  // one set of arrays per batch shape
            xShape = x.shape();
            colT = new double[(n + GROUP - 1) / GROUP][];
            for (int g = 0; g < colT.length; g++) {
                colT[g] = new double[k * Math.min(GROUP, n - g * GROUP) * plane];
            }
            int most = Math.min(GROUP, n) * plane;
            out2 = new double[fn * most];
            d2 = new double[fn * most];
            dcolT = new double[k * most];
            dWg = new double[fn * k];
        }
        outShape = new int[] {n, fn, outH, outW};
        return outShape.clone();
    }

    /** The number of groups of images in the last forward's batch. */
    int groups() {
        return colT.length;
    }

    /** The number of images in group g: {@link #GROUP}, or fewer in the last group. */
    int groupSize(int g) {
        return Math.min(GROUP, xShape[0] - g * GROUP);
    }

    /**
     * Unfolds group g of x into its colT and returns the product W colT, (FN, n_g*outH*outW), in a
     * scratch array that the next group's product overwrites. Needs {@link #prepare}(x) first.
     */
    double[] product(Tensor x, int g) {
        int fn = W.dim(0), c = W.dim(1), fh = W.dim(2), fw = W.dim(3), n = groupSize(g);
        int outH = outShape[2], outW = outShape[3], cols = n * outH * outW;
        // (n_g, C, H, W) -> (C*FH*FW, n_g*outH*outW)
        Im2col.im2colT(x.data(), g * GROUP, n, c, xShape[2], xShape[3], fh, fw, stride, pad, outH, outW, colT[g]);
        Ops.matmulInto(W.data(), false, colT[g], false, out2, fn, c * fh * fw, cols);  // (FN, K)(K, cols) -> (FN, cols)
        return out2;
    }

    /** The dx of the last backward that computed one, for {@link ConvReluPool}. */
    Tensor dx() {
        return dx;
    }

    /** The bias, for {@link ConvReluPool}'s fused forward. Live: not to be written. */
    double[] bias() {
        return b.data();
    }

    @Override
    public Tensor backward(Tensor dout) {
        return backward(dout, true);
    }

    /**
     * What {@link #backward} does except dx: fills {@link #grads()} only. A network's first layer
     * needs no dx for training, and skipping it saves one product and col2im. dout: not modified.
     */
    public void backwardParams(Tensor dout) {
        backward(dout, false);
    }

    private Tensor backward(Tensor dout, boolean needDx) {
        Checks.requireShape("Convolution.backward", dout, outShape);
        int fn = outShape[1], plane = outShape[2] * outShape[3];
        double[] dd = dout.data();
        startBackward(needDx);
        for (int g = 0; g < groups(); g++) {
            int first = g * GROUP, n = groupSize(g), cols = n * plane;
            for (int img = 0; img < n; img++) {  // (n_g, FN, oh*ow) -> (FN, n_g, oh*ow)
                for (int f = 0; f < fn; f++) {
                    System.arraycopy(dd, ((first + img) * fn + f) * plane, d2, f * cols + img * plane, plane);
                }
            }
            backwardGroup(g, needDx);
        }
        return needDx ? dx : null;
    }

    /** Zeroes dW and db (and sizes dx) before the groups' shares are added. For backward and {@link ConvReluPool}. */
    void startBackward(boolean needDx) {
        dW = Buffers.reuse(dW, W.shape());
        db = Buffers.reuse(db, W.dim(0));
        Arrays.fill(dW.data(), 0.0);
        Arrays.fill(db.data(), 0.0);
        if (needDx) {
            dx = Buffers.reuse(dx, xShape);
        }
    }

    /** The scratch array that group g's dout, reordered to (FN, n_g*outH*outW), goes in before {@link #backwardGroup}. */
    double[] d2() {
        return d2;
    }

    /**
     * Adds group g's share of db and dW, from its reordered dout in {@link #d2()}, and writes its images'
     * dx if needDx.
     */
    void backwardGroup(int g, boolean needDx) {
        int fn = W.dim(0), c = W.dim(1), fh = W.dim(2), fw = W.dim(3), k = c * fh * fw;
        int n = groupSize(g), plane = outShape[2] * outShape[3], cols = n * plane;
        double[] dbd = db.data(), dWd = dW.data();
        for (int img = 0; img < n; img++) {  // db: per image and filter, as the book's sum over (N, oh, ow)
            for (int f = 0; f < fn; f++) {
                int at = f * cols + img * plane;
                double s = 0;
                for (int q = 0; q < plane; q++) {
                    s += d2[at + q];
                }
                dbd[f] += s;
            }
        }
        Ops.matmulInto(d2, false, colT[g], true, dWg, fn, cols, k);  // (FN, cols)(cols, K) -> (FN, K)
        for (int i = 0; i < dWg.length; i++) {
            dWd[i] += dWg[i];
        }
        if (needDx) {
            Ops.matmulInto(W.data(), true, d2, false, dcolT, k, fn, cols);  // (K, FN)(FN, cols) -> (K, cols)
            Im2col.col2imT(dcolT, g * GROUP, n, c, xShape[2], xShape[3], fh, fw, stride, pad,
                    outShape[2], outShape[3], dx.data());
        }
    }

    @Override
    public Map<String, Tensor> params() {
        return Grads.pair(W, b);
    }

    @Override
    public Map<String, Tensor> grads() {
        return Grads.of("Convolution", dW, db);
    }
}

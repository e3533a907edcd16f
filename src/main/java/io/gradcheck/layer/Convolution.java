package io.gradcheck.layer;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Map;

/**
 * 2-D convolution (cross-correlation, as in the book) computed through im2col, in the orientation
 * that keeps the long dimension contiguous: out (FN, N*outH*outW) = W (FN, C*FH*FW) times
 * colT (C*FH*FW, N*outH*outW). The unfolded input and the scratch matrices are reused while the
 * batch shape stays the same.
 */
public final class Convolution implements Layer {
    private final Tensor W;
    private final Tensor b;
    private final int stride;
    private final int pad;
    private int[] xShape;
    private int[] outShape;
    private Tensor colT;  // (C*FH*FW, N*outH*outW): the unfolded input, for dW
    private Tensor out2;  // (FN, N*outH*outW): scratch, forward's product before the reorder
    private Tensor d2;    // (FN, N*outH*outW): scratch, dout reordered
    private Tensor dcolT; // (C*FH*FW, N*outH*outW): scratch, the gradient of colT
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

    /** t if it already has shape (r, s), else a new (r, s) tensor: one buffer per batch shape. */
    private static Tensor reuse(Tensor t, int r, int s) {
        return t != null && t.dim(0) == r && t.dim(1) == s ? t : Tensor.zeros(r, s);
    }

    @Override
    public Tensor forward(Tensor x) {
        int fn = W.dim(0), c = W.dim(1), fh = W.dim(2), fw = W.dim(3);
        Checks.requireImages("Convolution.forward", x, c);
        int n = x.dim(0), h = x.dim(2), w = x.dim(3);
        int outH = Checks.outSize("Convolution.forward", "height", h, fh, pad, stride, true);
        int outW = Checks.outSize("Convolution.forward", "width", w, fw, pad, stride, true);
        int plane = outH * outW, cols = n * plane;
        xShape = x.shape();
        outShape = new int[] {n, fn, outH, outW};
        colT = reuse(colT, c * fh * fw, cols);
        Im2col.im2colT(x.data(), n, c, h, w, fh, fw, stride, pad, outH, outW, colT.data());  // (N, C, H, W) -> (C*FH*FW, N*outH*outW)
        out2 = reuse(out2, fn, cols);
        Ops.matmulInto(W.reshape(fn, -1), false, colT, false, out2);  // (FN, C*FH*FW)(C*FH*FW, N*oh*ow) -> (FN, N*oh*ow)
        Tensor out = Tensor.zeros(outShape);
        double[] od = out.data(), o2 = out2.data(), bd = b.data();
        for (int f = 0; f < fn; f++) {  // (FN, N, oh*ow) -> (N, FN, oh*ow), adding the bias
            for (int img = 0; img < n; img++) {
                int src = f * cols + img * plane, dst = (img * fn + f) * plane;
                double bias = bd[f];
                for (int q = 0; q < plane; q++) {
                    od[dst + q] = o2[src + q] + bias;
                }
            }
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        backwardParams(dout);
        int fn = W.dim(0), c = W.dim(1), fh = W.dim(2), fw = W.dim(3);
        dcolT = reuse(dcolT, colT.dim(0), colT.dim(1));
        Ops.matmulInto(W.reshape(fn, -1), true, d2, false, dcolT);  // (C*FH*FW, FN)(FN, N*oh*ow) -> (C*FH*FW, N*oh*ow)
        Tensor dx = Tensor.zeros(xShape);
        Im2col.col2imT(dcolT.data(), xShape[0], c, xShape[2], xShape[3], fh, fw, stride, pad,
                outShape[2], outShape[3], dx.data());
        return dx;
    }

    /**
     * What {@link #backward} does except dx: fills {@link #grads()} only. A network's first layer
     * needs no dx for training, and skipping it saves one product and col2im. dout: not modified.
     */
    public void backwardParams(Tensor dout) {
        Checks.requireShape("Convolution.backward", dout, outShape);
        int fn = W.dim(0), n = outShape[0], plane = outShape[2] * outShape[3], cols = n * plane;
        d2 = reuse(d2, fn, cols);
        double[] dd = dout.data(), d2d = d2.data();
        double[] dbd = new double[fn];
        for (int img = 0; img < n; img++) {  // (N, FN, oh*ow) -> (FN, N, oh*ow), summing db on the way
            for (int f = 0; f < fn; f++) {
                int src = (img * fn + f) * plane, dst = f * cols + img * plane;
                double s = 0;
                for (int q = 0; q < plane; q++) {
                    d2d[dst + q] = dd[src + q];
                    s += dd[src + q];
                }
                dbd[f] += s;
            }
        }
        db = Tensor.wrap(dbd, fn);
        dW = Tensor.zeros(fn, colT.dim(0));
        Ops.matmulInto(d2, false, colT, true, dW);  // (FN, N*oh*ow)(N*oh*ow, C*FH*FW) -> (FN, C*FH*FW)
        dW = dW.reshape(W.shape());
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

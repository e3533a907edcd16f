package io.gradcheck.bugs;

import io.gradcheck.layer.Im2col;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of our Convolution whose backward is split into overridable steps (bias gradient, filter
 * gradient, and a book-style col2im that accumulates into a padded image and crops it), so that a
 * broken variant overrides one line. Correct as it stands (CorrectVariantsTest checks it).
 */
class ConvolutionCopy implements Layer {
    protected final Tensor W;
    protected final Tensor b;
    protected final int stride;
    protected final int pad;
    private int[] xShape;
    private Tensor col;  // (N*outH*outW, C*FH*FW)
    private Tensor dW;
    private Tensor db;

    ConvolutionCopy(Tensor[] wb, int stride, int pad) {
        this.W = wb[0];
        this.b = wb[1];
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Tensor forward(Tensor x) {
        int fn = W.dim(0);
        xShape = x.shape();
        int outH = (x.dim(2) + 2 * pad - W.dim(2)) / stride + 1, outW = (x.dim(3) + 2 * pad - W.dim(3)) / stride + 1;
        col = Im2col.im2col(x, W.dim(2), W.dim(3), stride, pad);
        Tensor out = Ops.addRowVector(Ops.matmulTransB(col, W.reshape(fn, -1)), b);    // (N*outH*outW, FN)
        return Ops.permute(out.reshape(x.dim(0), outH, outW, fn), 0, 3, 1, 2);        // -> (N, FN, outH, outW)
    }

    @Override
    public Tensor backward(Tensor dout) {
        int fn = W.dim(0);
        Tensor d = Ops.permute(dout, 0, 2, 3, 1).reshape(-1, fn);  // (N*outH*outW, FN)
        db = biasGrad(dout, d);
        dW = filterGrad(d, col);
        return col2im(Ops.matmul(d, W.reshape(fn, -1)), dout.dim(2), dout.dim(3));
    }

    /** d (N*outH*outW, FN) summed over its rows: one value per filter. */
    protected Tensor biasGrad(Tensor dout, Tensor d) {
        return Ops.sum(d, 0);
    }

    /** dᵀ col, (FN, C*FH*FW), viewed as (FN, C, FH, FW). */
    protected Tensor filterGrad(Tensor d, Tensor col) {
        return Ops.matmulTransA(d, col).reshape(W.shape());
    }

    /** The step between windows in col2im. */
    protected int step() {
        return stride;
    }

    /** (N*outH*outW, C*FH*FW) -> (N, C, H, W): into an image padded on every side, then cropped. */
    private Tensor col2im(Tensor dcol, int outH, int outW) {
        int n = xShape[0], c = xShape[1], hp = xShape[2] + 2 * pad, wp = xShape[3] + 2 * pad;
        int fh = W.dim(2), fw = W.dim(3);
        double[] img = new double[n * c * hp * wp];
        int k = 0;
        for (int row = 0; row < n * outH * outW; row++) {
            int bb = row / (outH * outW), oy = row / outW % outH, ox = row % outW;
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < fh; i++) {
                    for (int j = 0; j < fw; j++, k++) {
                        add(img, ((bb * c + ch) * hp + oy * step() + i) * wp + ox * step() + j, dcol.get(k));
                    }
                }
            }
        }
        return crop(Tensor.wrap(img, n, c, hp, wp));
    }

    /** Where windows overlap, their contributions add up. */
    protected void add(double[] img, int at, double v) {
        img[at] += v;
    }

    /** The padded image without its padding: rows and columns [pad, pad + H) x [pad, pad + W). */
    protected Tensor crop(Tensor img) {
        Tensor x = Tensor.zeros(xShape);
        int h = xShape[2], w = xShape[3];
        for (int plane = 0; plane < xShape[0] * xShape[1]; plane++) {
            for (int y = 0; y < rows(h); y++) {
                for (int xx = 0; xx < w; xx++) {
                    x.set((plane * h + y) * w + xx, img.at(plane / xShape[1], plane % xShape[1], y + pad, xx + pad));
                }
            }
        }
        return x;
    }

    /** How many rows crop copies. */
    protected int rows(int h) {
        return h;
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W", W);
        p.put("b", b);
        return p;
    }

    @Override
    public Map<String, Tensor> grads() {
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("W", dW);
        g.put("b", db);
        return g;
    }
}

package io.gradcheck.bugs;

import io.gradcheck.layer.Im2col;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of our Convolution whose backward is split into overridable steps (dout by rows, bias
 * gradient, filter gradient, dcol, and a book-style col2im that accumulates each example into a
 * padded image and crops it), so that a broken variant overrides one line. Correct as it stands
 * (CorrectVariantsTest checks it).
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
        Tensor fresh = Im2col.im2col(x, W.dim(2), W.dim(3), stride, pad);
        keep(fresh, x.shape());
        Tensor out = Ops.addRowVector(Ops.matmulTransB(fresh, W.reshape(fn, -1)), b);  // (N*outH*outW, FN)
        return Ops.permute(out.reshape(x.dim(0), outH, outW, fn), 0, 3, 1, 2);        // -> (N, FN, outH, outW)
    }

    /** Keeps what backward needs: the columns of this forward's input. */
    protected void keep(Tensor fresh, int[] shape) {
        col = fresh;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor d = byRow(dout);
        db = biasGrad(dout, d);
        dW = filterGrad(d, col);
        return col2im(dcol(d), dout.dim(2), dout.dim(3));
    }

    /** (N, FN, outH, outW) -> (N*outH*outW, FN): one row per window, as forward's output rows. */
    protected Tensor byRow(Tensor dout) {
        return Ops.permute(dout, 0, 2, 3, 1).reshape(-1, W.dim(0));
    }

    /** d (N*outH*outW, FN) summed over its rows: one value per filter. */
    protected Tensor biasGrad(Tensor dout, Tensor d) {
        return Ops.sum(d, 0);
    }

    /** dᵀ col, (FN, C*FH*FW), viewed as (FN, C, FH, FW). */
    protected Tensor filterGrad(Tensor d, Tensor col) {
        return Ops.matmulTransA(d, col).reshape(W.shape());
    }

    /** d W: (N*outH*outW, FN) (FN, C*FH*FW) -> (N*outH*outW, C*FH*FW), the gradient of the columns. */
    protected Tensor dcol(Tensor d) {
        return Ops.matmul(d, W.reshape(W.dim(0), -1));
    }

    /** The step between windows in col2im. */
    protected int step() {
        return stride;
    }

    /** The filter's size (FH, FW), as col2im walks it. */
    protected int[] window() {
        return new int[] {W.dim(2), W.dim(3)};
    }

    /** The column of dcol that holds channel ch, filter row i and column j: ordered (c, i, j). */
    protected int column(int ch, int i, int j, int c, int fh, int fw) {
        return (ch * fh + i) * fw + j;
    }

    /** (N*outH*outW, C*FH*FW) -> (N, C, H, W): each example into a padded image, then cropped. */
    private Tensor col2im(Tensor dcol, int outH, int outW) {
        int n = xShape[0], c = xShape[1], hp = xShape[2] + 2 * pad, wp = xShape[3] + 2 * pad;
        int[] win = window();
        int fh = win[0], fw = win[1], cols = dcol.dim(1);
        double[] img = new double[n * c * hp * wp];
        double[] one = new double[c * hp * wp];  // one example's padded image (C, Hp, Wp)
        for (int bb = 0; bb < n; bb++) {
            clear(one);
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int row = (bb * outH + oy) * outW + ox;
                    for (int ch = 0; ch < c; ch++) {
                        for (int i = 0; i < fh; i++) {
                            for (int j = 0; j < fw; j++) {
                                add(one, (ch * hp + oy * step() + i) * wp + ox * step() + j,
                                        dcol.get(row * cols + column(ch, i, j, c, fh, fw)));
                            }
                        }
                    }
                }
            }
            System.arraycopy(one, 0, img, bb * one.length, one.length);
        }
        return crop(Tensor.wrap(img, n, c, hp, wp));
    }

    /** Empties the image buffer before the next example. */
    protected void clear(double[] one) {
        Arrays.fill(one, 0);
    }

    /** Where windows overlap, their contributions add up. */
    protected void add(double[] img, int at, double v) {
        img[at] += v;
    }

    /** The padded image without its padding: rows and columns [pad, pad + H) x [pad, pad + W). */
    protected Tensor crop(Tensor img) {
        Tensor x = Tensor.zeros(xShape);
        int h = xShape[2], w = xShape[3], at = offset();
        for (int plane = 0; plane < xShape[0] * xShape[1]; plane++) {
            for (int y = 0; y < rows(h); y++) {
                for (int xx = 0; xx < w; xx++) {
                    x.set((plane * h + y) * w + xx, img.at(plane / xShape[1], plane % xShape[1], y + at, xx + at));
                }
            }
        }
        return x;
    }

    /** Where the image starts inside the padded one, on both axes. */
    protected int offset() {
        return pad;
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

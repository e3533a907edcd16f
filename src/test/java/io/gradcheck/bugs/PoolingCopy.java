package io.gradcheck.bugs;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;

/**
 * A copy of our max Pooling that keeps, per output, the window offset k = i*poolW + j of its
 * maximum (padding included), and routes the gradient back through one overridable method.
 * Correct as it stands (CorrectVariantsTest checks it).
 */
class PoolingCopy implements Layer {
    protected final int poolH;
    protected final int poolW;
    protected final int stride;
    protected final int pad;
    private int h;
    private int w;
    private int outH;
    private int outW;
    protected int[] xShape;
    protected int[] argK;  // per output: the window offset of its maximum

    PoolingCopy(int poolH, int poolW, int stride, int pad) {
        this.poolH = poolH;
        this.poolW = poolW;
        this.stride = stride;
        this.pad = pad;
    }

    /** Whether v replaces best as the window's maximum: strict, so the first of tied maxima wins. */
    protected boolean better(double v, double best) {
        return v > best;
    }

    @Override
    public Tensor forward(Tensor x) {
        xShape = x.shape();
        h = x.dim(2);
        w = x.dim(3);
        outH = (h + 2 * pad - poolH) / stride + 1;
        outW = (w + 2 * pad - poolW) / stride + 1;
        Tensor out = Tensor.zeros(x.dim(0), x.dim(1), outH, outW);
        int[] arg = new int[out.size()];
        for (int o = 0; o < arg.length; o++) {
            int plane = o / (outH * outW), oy = o / outW % outH, ox = o % outW;
            double best = 0;
            for (int k = 0; k < poolH * poolW; k++) {
                double v = value(x, plane, oy * stride + k / poolW - pad, ox * stride + k % poolW - pad);
                if (k == 0 || better(v, best)) {
                    best = v;
                    arg[o] = k;
                }
            }
            out.set(o, best);
        }
        remember(arg);
        return out;
    }

    /** Keeps what backward needs: the offset of each window's maximum. */
    protected void remember(int[] arg) {
        argK = arg;
    }

    /** x at (plane, y, xx), or 0 in the padding. */
    private double value(Tensor x, int plane, int y, int xx) {
        return y >= 0 && y < h && xx >= 0 && xx < w ? x.get((plane * h + y) * w + xx) : 0;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor dx = Tensor.zeros(xShape);
        for (int o = 0; o < dout.size(); o++) {
            route(dx.data(), o / (outH * outW), o / outW % outH, o % outW, argK[o], dout.get(o));
        }
        return dx;
    }

    /** Sends output (oy, ox)'s gradient g to the input element that was its maximum. */
    protected void route(double[] dx, int plane, int oy, int ox, int k, double g) {
        send(dx, plane, oy * stride + k / poolW - pad, ox * stride + k % poolW - pad, g);
    }

    /** Adds g to dx at (plane, y, xx); a position in the padding has no input to receive it. */
    protected final void send(double[] dx, int plane, int y, int xx, double g) {
        if (y >= 0 && y < h && xx >= 0 && xx < w) {
            deposit(dx, (plane * h + y) * w + xx, g);
        }
    }

    /** Where windows overlap, the gradients of their shared maximum add up. */
    protected void deposit(double[] dx, int at, double g) {
        dx[at] += g;
    }

    @Override
    public int[] branches() {
        return argK == null ? new int[0] : argK.clone();
    }
}

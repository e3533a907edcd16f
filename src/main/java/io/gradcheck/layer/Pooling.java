package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;

/**
 * Max pooling over poolH x poolW windows, per channel. Like the book, padding reads as zeros and
 * a partial window at the far edge is dropped. Ties go to the first maximum in the window. Its output
 * and dx are written into arrays reused while the shape stays the same ({@link Layer}'s ownership rule).
 */
public final class Pooling implements Layer {
    private final int poolH;
    private final int poolW;
    private final int stride;
    private final int pad;
    private int[] xShape;
    private int[] outShape;
    private int[] argmax;  // per output element: the flat index into x of its max, or -1 for padding
    private Tensor out;
    private Tensor dx;

    public Pooling(int poolH, int poolW, int stride, int pad) {
        Checks.requirePositive("Pooling", "poolH", poolH);
        Checks.requirePositive("Pooling", "poolW", poolW);
        Checks.requirePositive("Pooling", "stride", stride);
        if (pad < 0) {
            throw new IllegalArgumentException("Pooling: pad must not be negative, got " + pad);
        }
        this.poolH = poolH;
        this.poolW = poolW;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("Pooling.forward: expected [N, C, H, W], got " + x.shapeString());
        }
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int outH = Checks.outSize("Pooling.forward", "height", h, poolH, pad, stride, false);
        int outW = Checks.outSize("Pooling.forward", "width", w, poolW, pad, stride, false);
        xShape = x.shape();
        outShape = new int[] {n, c, outH, outW};
        out = Buffers.reuse(out, outShape);
        double[] xd = x.data();
        double[] od = out.data();
        if (argmax == null || argmax.length != od.length) {  // one buffer per batch shape
            argmax = new int[od.length];
        }
        if (pad == 0) {
            forwardInside(xd, n * c, h, w, outH, outW, od);
            return out;
        }
        int o = 0;
        for (int nc = 0; nc < n * c; nc++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    double best = 0;
                    int arg = -1;
                    boolean first = true;
                    for (int i = 0; i < poolH; i++) {
                        int y = oy * stride + i - pad;
                        for (int j = 0; j < poolW; j++) {
                            int xx = ox * stride + j - pad;
                            boolean inside = y >= 0 && y < h && xx >= 0 && xx < w;
                            int at = inside ? (nc * h + y) * w + xx : -1;
                            double v = inside ? xd[at] : 0.0;
                            if (first || v > best) {  // strict: the first of tied maxima wins, as numpy's argmax
                                best = v;
                                arg = at;
                                first = false;
                            }
                        }
                    }
                    od[o] = best;
                    argmax[o] = arg;
                }
            }
        }
        return out;
    }

    /**
     * The forward without padding, where every window lies inside x: no bounds checks. Same ties
     * rule as the general loop. xd (planes, h, w): not modified. od (planes, outH, outW): modified.
     */
    private void forwardInside(double[] xd, int planes, int h, int w, int outH, int outW, double[] od) {
        if (poolH == 2 && poolW == 2 && stride == 2) {
            forward2x2(xd, planes, h, w, outH, outW, od);
            return;
        }
        int o = 0;
        for (int nc = 0; nc < planes; nc++) {
            int base = nc * h * w;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    int corner = base + oy * stride * w + ox * stride;
                    double best = xd[corner];
                    int arg = corner;
                    for (int i = 0; i < poolH; i++) {
                        int row = corner + i * w;
                        for (int j = 0; j < poolW; j++) {
                            if (xd[row + j] > best) {  // strict: the first of tied maxima wins
                                best = xd[row + j];
                                arg = row + j;
                            }
                        }
                    }
                    od[o] = best;
                    argmax[o] = arg;
                }
            }
        }
    }

    /** The book's 2x2 windows of stride 2, unrolled: the four candidates in the general loop's order. */
    private void forward2x2(double[] xd, int planes, int h, int w, int outH, int outW, double[] od) {
        int o = 0;
        for (int nc = 0; nc < planes; nc++) {
            for (int oy = 0; oy < outH; oy++) {
                int r0 = (nc * h + 2 * oy) * w, r1 = r0 + w;
                for (int ox = 0; ox < outW; ox++, o++) {
                    int at = r0 + 2 * ox;
                    double best = xd[at];
                    if (xd[r0 + 2 * ox + 1] > best) {  // strict, as in the general loop: the first maximum wins
                        best = xd[r0 + 2 * ox + 1];
                        at = r0 + 2 * ox + 1;
                    }
                    if (xd[r1 + 2 * ox] > best) {
                        best = xd[r1 + 2 * ox];
                        at = r1 + 2 * ox;
                    }
                    if (xd[r1 + 2 * ox + 1] > best) {
                        best = xd[r1 + 2 * ox + 1];
                        at = r1 + 2 * ox + 1;
                    }
                    od[o] = best;
                    argmax[o] = at;
                }
            }
        }
    }

    @Override
    public Tensor backward(Tensor dout) {
        Checks.requireShape("Pooling.backward", dout, outShape);
        dx = Buffers.reuse(dx, xShape);
        double[] dxd = dx.data();
        java.util.Arrays.fill(dxd, 0.0);  // the gradients add up, from zero
        double[] dd = dout.data();
        for (int o = 0; o < dd.length; o++) {
            if (argmax[o] >= 0) {  // a max that sat in the padding has no input to send its gradient to
                dxd[argmax[o]] += dd[o];
            }
        }
        return dx;
    }

    /** True for the book's 2x2 windows of stride 2 without padding, the only pooling {@link ConvReluPool} fuses. */
    boolean is2x2() {
        return poolH == 2 && poolW == 2 && stride == 2 && pad == 0;
    }

    /**
     * For {@link ConvReluPool}: sets the state forward on an x of xShape would leave and returns the
     * output array to fill; {@link #argmaxFor} gives the argmax to fill with it.
     */
    Tensor outFor(int[] xShape) {
        int n = xShape[0], c = xShape[1];
        int outH = Checks.outSize("Pooling.forward", "height", xShape[2], poolH, pad, stride, false);
        int outW = Checks.outSize("Pooling.forward", "width", xShape[3], poolW, pad, stride, false);
        this.xShape = xShape.clone();
        outShape = new int[] {n, c, outH, outW};
        out = Buffers.reuse(out, outShape);
        if (argmax == null || argmax.length != out.size()) {
            argmax = new int[out.size()];
        }
        return out;
    }

    /** Fails as backward would if dout is not the last forward's output shape. */
    void requireDout(Tensor dout) {
        Checks.requireShape("Pooling.backward", dout, outShape);
    }

    /** The argmax array that {@link #outFor} sized. */
    int[] argmax() {
        return argmax;
    }

    @Override
    public int[] branches() {
        return argmax == null ? new int[0] : argmax.clone();
    }
}

package io.gradcheck.exercises;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;

/*
 * Exercise 12: max pooling with overlapping windows
 *
 * forward finds the max of each window and remembers where it was. backward is right while the
 * windows do not overlap, and wrong when they do. Fix backward.
 *
 *     java -jar target/gradcheck-cli.jar exercise check 12
 *
 * Handout: docs/exercises/12-pooling-overlap.md
 */
public final class Ex12PoolingOverlap implements Layer {
    private final int poolH;
    private final int poolW;
    private final int stride;
    private final int pad;
    private int[] xShape;
    private int[] outShape;
    private int[] argmax;  // per output element: the offset k = i*poolW + j of its max in the window, -1 in the padding

    public Ex12PoolingOverlap(int poolH, int poolW, int stride, int pad) {
        if (poolH <= 0 || poolW <= 0 || stride <= 0 || pad < 0) {
            throw new IllegalArgumentException("Pooling: expected positive window and stride and pad >= 0, got "
                    + poolH + "x" + poolW + ", stride " + stride + ", pad " + pad);
        }
        this.poolH = poolH;
        this.poolW = poolW;
        this.stride = stride;
        this.pad = pad;
    }

    /** The max of every window; padding reads as 0, and a partial window at the far edge is dropped. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(2) + 2 * pad < poolH || x.dim(3) + 2 * pad < poolW) {
            throw new IllegalArgumentException("Pooling.forward: expected [N, C, H, W] that fits the window, got "
                    + x.shapeString());
        }
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int outH = (h + 2 * pad - poolH) / stride + 1;
        int outW = (w + 2 * pad - poolW) / stride + 1;
        xShape = x.shape();
        outShape = new int[] {n, c, outH, outW};
        Tensor out = Tensor.zeros(outShape);
        double[] xd = x.data();
        double[] od = out.data();
        argmax = new int[od.length];
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
                            double v = inside ? xd[(nc * h + y) * w + xx] : 0.0;
                            if (first || v > best) {  // strict: the first of tied maxima wins, as numpy's argmax
                                best = v;
                                arg = inside ? i * poolW + j : -1;
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

    /** Each output's gradient goes to the input element that was the max of its window. */
    @Override
    public Tensor backward(Tensor dout) {
        if (!Arrays.equals(dout.shape(), outShape)) {
            throw new IllegalArgumentException("Pooling.backward: expected " + Arrays.toString(outShape)
                    + ", got " + dout.shapeString());
        }
        int h = xShape[2], w = xShape[3], outH = outShape[2], outW = outShape[3];
        Tensor dx = Tensor.zeros(xShape);
        double[] dxd = dx.data();
        double[] dd = dout.data();
        int o = 0;
        for (int nc = 0; nc < xShape[0] * xShape[1]; nc++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    int k = argmax[o];
                    if (k < 0) {
                        continue;  // a max that sat in the padding has no input to send its gradient to
                    }
                    int y = oy * stride + k / poolW - pad;   // the max's row in x
                    int xx = ox * stride + k % poolW - pad;  // and its column
                    dxd[(nc * h + y) * w + xx] = dd[o];
                }
            }
        }
        return dx;
    }

    /** The argmax of every window, so that the checker can skip steps that change it. */
    @Override
    public int[] branches() {
        return argmax == null ? new int[0] : argmax.clone();
    }
}

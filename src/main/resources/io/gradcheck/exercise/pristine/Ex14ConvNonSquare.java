package io.gradcheck.exercises;

import io.gradcheck.layer.Im2col;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Exercise 14: convolution, filters that are not square
 *
 * dx is right for square filters and wrong for the others. The bug is in col2im, at the
 * bottom of this file. Fix it.
 *
 *     java -jar target/gradcheck-cli.jar exercise check 14
 *
 * Handout: docs/exercises/14-conv-nonsquare.md
 */
public final class Ex14ConvNonSquare implements Layer {
    private final Tensor W;
    private final Tensor b;
    private final int stride;
    private final int pad;
    private int[] xShape;
    private int[] outShape;
    private Tensor col;   // (N*outH*outW, C*FH*FW): the unfolded input, for dW
    private Tensor dW;
    private Tensor db;

    /**
     * @param W filters (FN, C, FH, FW); kept live, not copied
     * @param b one bias per filter (FN); kept live, not copied
     */
    public Ex14ConvNonSquare(Tensor W, Tensor b, int stride, int pad) {
        if (W.rank() != 4 || b.rank() != 1 || b.dim(0) != W.dim(0) || stride <= 0 || pad < 0) {
            throw new IllegalArgumentException("Convolution: expected W [FN, C, FH, FW], b [FN], stride > 0, pad >= 0, got "
                    + W.shapeString() + ", " + b.shapeString() + ", " + stride + ", " + pad);
        }
        this.W = W;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    /** The cross-correlation of x, padded by pad zeros, with every filter of W, windows stride apart, plus b. */
    @Override
    public Tensor forward(Tensor x) {
        int fn = W.dim(0), c = W.dim(1), fh = W.dim(2), fw = W.dim(3);
        if (x.rank() != 4 || x.dim(1) != c || (x.dim(2) + 2 * pad - fh) % stride != 0
                || (x.dim(3) + 2 * pad - fw) % stride != 0 || x.dim(2) + 2 * pad < fh || x.dim(3) + 2 * pad < fw) {
            throw new IllegalArgumentException("Convolution.forward: expected [N, " + c
                    + ", H, W] with a whole output, got " + x.shapeString());
        }
        int n = x.dim(0);
        int outH = (x.dim(2) + 2 * pad - fh) / stride + 1;
        int outW = (x.dim(3) + 2 * pad - fw) / stride + 1;
        xShape = x.shape();
        outShape = new int[] {n, fn, outH, outW};
        col = Im2col.im2col(x, fh, fw, stride, pad);                     // (N*outH*outW, C*FH*FW)
        Tensor out = Ops.addRowVector(Ops.matmulTransB(col, W.reshape(fn, -1)), b);  // (N*outH*outW, FN)
        return Ops.permute(out.reshape(n, outH, outW, fn), 0, 3, 1, 2);  // -> (N, FN, outH, outW)
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (!Arrays.equals(dout.shape(), outShape)) {
            throw new IllegalArgumentException("Convolution.backward: expected " + Arrays.toString(outShape)
                    + ", got " + dout.shapeString());
        }
        int fn = W.dim(0), fh = W.dim(2), fw = W.dim(3);
        Tensor d = Ops.permute(dout, 0, 2, 3, 1).reshape(-1, fn);  // (N, FN, outH, outW) -> (N*outH*outW, FN)
        db = Ops.sum(d, 0);                                         // (FN)
        dW = Ops.matmulTransA(d, col).reshape(W.shape());           // (FN, N*oh*ow)(..., C*FH*FW) -> (FN, C, FH, FW)
        Tensor dcol = Ops.matmul(d, W.reshape(fn, -1));             // (N*outH*outW, C*FH*FW)
        return col2im(dcol, xShape, fh, fw, stride, pad);
    }

    /**
     * The adjoint of im2col: (N*outH*outW, C*fh*fw) -> (N, C, H, W). Where windows overlap the
     * values add up; what falls in the padding is dropped. col: not modified.
     */
    static Tensor col2im(Tensor col, int[] xShape, int fh, int fw, int stride, int pad) {
        int n = xShape[0], c = xShape[1], h = xShape[2], w = xShape[3];
        int outH = (h + 2 * pad - fh) / stride + 1;
        int outW = (w + 2 * pad - fw) / stride + 1;
        Tensor x = Tensor.zeros(xShape);
        double[] xd = x.data();
        double[] cd = col.data();
        int row = 0;
        for (int bn = 0; bn < n; bn++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, row++) {
                    int k = row * c * fh * fw;  // the row of col that holds window (bn, oy, ox)
                    for (int ch = 0; ch < c; ch++) {
                        for (int i = 0; i < fw; i++) {
                            int y = oy * stride + i - pad;
                            for (int j = 0; j < fh; j++, k++) {
                                int xx = ox * stride + j - pad;
                                if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                    xd[((bn * c + ch) * h + y) * w + xx] += cd[k];
                                }
                            }
                        }
                    }
                }
            }
        }
        return x;
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
        if (dW == null) {
            throw new IllegalStateException("Convolution.grads: no gradients before the first backward");
        }
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("W", dW);
        g.put("b", db);
        return g;
    }
}

package io.gradcheck.mutants;

import io.gradcheck.layer.Im2col;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The book's Convolution (common/layers.py), on our public Im2col.im2col and col2im, which no layer
 * of ours calls (Convolution uses their transposed forms): it carries their mutants to the checker.
 * Its own code is never mutated.
 */
public final class BookConvolution implements Layer {
    private final Tensor W;
    private final Tensor b;
    private final int stride;
    private final int pad;
    private int[] xShape;
    private Tensor col;  // (N*outH*outW, C*FH*FW)
    private Tensor dW;
    private Tensor db;

    /** W (FN, C, FH, FW) and b (FN): kept live, not copied. */
    public BookConvolution(Tensor W, Tensor b, int stride, int pad) {
        this.W = W;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Tensor forward(Tensor x) {
        int fn = W.dim(0);
        int outH = (x.dim(2) + 2 * pad - W.dim(2)) / stride + 1, outW = (x.dim(3) + 2 * pad - W.dim(3)) / stride + 1;
        xShape = x.shape();
        col = Im2col.im2col(x, W.dim(2), W.dim(3), stride, pad);                    // (N*outH*outW, C*FH*FW)
        Tensor out = Ops.addRowVector(Ops.matmulTransB(col, W.reshape(fn, -1)), b);  // (N*outH*outW, FN)
        return Ops.permute(out.reshape(x.dim(0), outH, outW, fn), 0, 3, 1, 2);      // -> (N, FN, outH, outW)
    }

    @Override
    public Tensor backward(Tensor dout) {
        int fn = W.dim(0);
        Tensor d = Ops.permute(dout, 0, 2, 3, 1).reshape(-1, fn);  // (N, FN, oh, ow) -> (N*oh*ow, FN)
        db = Ops.sum(d, 0);
        dW = Ops.matmulTransA(d, col).reshape(W.shape());          // (FN, N*oh*ow)(N*oh*ow, C*FH*FW)
        return Im2col.col2im(Ops.matmul(d, W.reshape(fn, -1)), xShape, W.dim(2), W.dim(3), stride, pad);
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W", W);
        m.put("b", b);
        return m;
    }

    @Override
    public Map<String, Tensor> grads() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W", dW);
        m.put("b", db);
        return m;
    }
}

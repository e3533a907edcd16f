package io.gradcheck.layer;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** 2-D convolution (cross-correlation, as in the book) computed through im2col. */
public final class Convolution implements Layer {
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
        int fn = W.dim(0), c = W.dim(1), fh = W.dim(2), fw = W.dim(3);
        Checks.requireImages("Convolution.forward", x, c);
        int n = x.dim(0);
        int outH = Checks.outSize("Convolution.forward", "height", x.dim(2), fh, pad, stride, true);
        int outW = Checks.outSize("Convolution.forward", "width", x.dim(3), fw, pad, stride, true);
        xShape = x.shape();
        outShape = new int[] {n, fn, outH, outW};
        col = Im2col.im2col(x, fh, fw, stride, pad);                     // (N*outH*outW, C*FH*FW)
        Tensor out = Ops.addRowVector(Ops.matmulTransB(col, W.reshape(fn, -1)), b);  // (N*outH*outW, FN)
        return Ops.permute(out.reshape(n, outH, outW, fn), 0, 3, 1, 2);  // -> (N, FN, outH, outW)
    }

    @Override
    public Tensor backward(Tensor dout) {
        Checks.requireShape("Convolution.backward", dout, outShape);
        int fn = W.dim(0), fh = W.dim(2), fw = W.dim(3);
        Tensor d = Ops.permute(dout, 0, 2, 3, 1).reshape(-1, fn);  // (N, FN, outH, outW) -> (N*outH*outW, FN)
        db = Ops.sum(d, 0);                                         // (FN)
        dW = Ops.matmulTransA(d, col).reshape(W.shape());           // (FN, N*oh*ow)(..., C*FH*FW) -> (FN, C, FH, FW)
        Tensor dcol = Ops.matmul(d, W.reshape(fn, -1));             // (N*outH*outW, C*FH*FW)
        return Im2col.col2im(dcol, xShape, fh, fw, stride, pad);
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
        return Grads.of("Convolution", dW, db);
    }
}

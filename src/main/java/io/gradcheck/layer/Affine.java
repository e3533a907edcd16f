package io.gradcheck.layer;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Map;

/**
 * y = x W + b. Takes x of any rank with the batch first, flattens it to (N, D), and gives dx back
 * in x's original shape. Its output, dx and gradients are written into arrays reused while the
 * batch shape stays the same ({@link Layer}'s ownership rule).
 */
public final class Affine implements Layer {
    private final Tensor W;
    private final Tensor b;
    private Tensor x2;  // (N, D): the flattened input, which is all dW needs
    private int[] xShape;
    private Tensor out;  // (N, M)
    private Tensor dx2;  // (N, D): dx before the reshape to x's shape
    private Tensor dW;
    private Tensor db;

    /**
     * @param W (D, M); kept live, not copied
     * @param b (M); kept live, not copied
     */
    public Affine(Tensor W, Tensor b) {
        if (W.rank() != 2 || b.rank() != 1 || b.dim(0) != W.dim(1)) {
            throw new IllegalArgumentException("Affine: expected W [D, M] and b [M], got "
                    + W.shapeString() + " and " + b.shapeString());
        }
        this.W = W;
        this.b = b;
    }

    @Override
    public Tensor forward(Tensor x) {
        int d = W.dim(0);
        if (x.rank() < 2 || x.size() / x.dim(0) != d) {
            throw new IllegalArgumentException("Affine.forward: expected [N, " + d + "], got "
                    + x.shapeString());
        }
        xShape = x.shape();
        x2 = x.reshape(x.dim(0), d);  // (N, C, H, W) -> (N, C*H*W)
        int m = W.dim(1);
        out = Buffers.reuse(out, x.dim(0), m);
        Ops.matmulInto(x2, false, W, false, out);  // (N, D) (D, M) -> (N, M)
        double[] od = out.data(), bd = b.data();
        for (int i = 0; i < od.length; i++) {
            od[i] += bd[i % m];
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Checks.requireShape("Affine.backward", dout, x2 == null ? null : new int[] {x2.dim(0), W.dim(1)});
        int n = x2.dim(0), d = W.dim(0), m = W.dim(1);
        dW = Buffers.reuse(dW, d, m);
        Ops.matmulInto(x2, true, dout, false, dW);    // (D, N) (N, M) -> (D, M)
        db = Buffers.reuse(db, m);
        double[] dbd = db.data(), dd = dout.data();
        java.util.Arrays.fill(dbd, 0.0);
        for (int i = 0; i < dd.length; i++) {         // (N, M) summed over N -> (M)
            dbd[i % m] += dd[i];
        }
        dx2 = Buffers.reuse(dx2, n, d);
        Ops.matmulInto(dout, false, W, true, dx2);    // (N, M) (M, D) -> (N, D)
        return dx2.reshape(xShape);                   // (N, D) -> x's shape
    }

    @Override
    public Map<String, Tensor> params() {
        return Grads.pair(W, b);
    }

    @Override
    public Map<String, Tensor> grads() {
        return Grads.of("Affine", dW, db);
    }
}

package io.gradcheck.layer;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Map;

/**
 * y = x W + b. Takes x of any rank with the batch first, flattens it to (N, D), and gives dx back
 * in x's original shape.
 */
public final class Affine implements Layer {
    private final Tensor W;
    private final Tensor b;
    private Tensor x2;  // (N, D): the flattened input, which is all dW needs
    private int[] xShape;
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
        return Ops.addRowVector(Ops.matmul(x2, W), b);
    }

    @Override
    public Tensor backward(Tensor dout) {
        Checks.requireShape("Affine.backward", dout, x2 == null ? null : new int[] {x2.dim(0), W.dim(1)});
        dW = Ops.matmulTransA(x2, dout);              // (D, N) (N, M) -> (D, M)
        db = Ops.sum(dout, 0);                        // (M)
        return Ops.matmulTransB(dout, W).reshape(xShape);  // (N, M) (M, D) -> (N, D) -> x's shape
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

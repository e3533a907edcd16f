package io.gradcheck.exercises;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Exercise 15: Affine, a gradient that outlives its call
 *
 * forward is right, and so are db and dx. dW is right after the first backward, and wrong
 * after the next ones. Fix backward.
 *
 *     java -jar target/gradcheck-cli.jar exercise check 15
 *
 * Handout: docs/exercises/15-affine-state.md
 */
public final class Ex15AffineState implements Layer {
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
    public Ex15AffineState(Tensor W, Tensor b) {
        if (W.rank() != 2 || b.rank() != 1 || b.dim(0) != W.dim(1)) {
            throw new IllegalArgumentException("Affine: expected W [D, M] and b [M], got "
                    + W.shapeString() + " and " + b.shapeString());
        }
        this.W = W;
        this.b = b;
    }

    /** y = x W + b, with x flattened to (N, D). */
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
        if (x2 == null || dout.rank() != 2 || dout.dim(0) != x2.dim(0) || dout.dim(1) != W.dim(1)) {
            throw new IllegalArgumentException("Affine.backward: expected dout [N, " + W.dim(1) + "] after a forward, got "
                    + dout.shapeString());
        }
        Tensor g = Ops.matmulTransA(x2, dout);       // (D, N) (N, M) -> (D, M)
        dW = dW == null ? g : Ops.add(dW, g);         // summed over the batch
        db = Ops.sum(dout, 0);                        // (M)
        return Ops.matmulTransB(dout, W).reshape(xShape);  // (N, M) (M, D) -> (N, D) -> x's shape
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
            throw new IllegalStateException("Affine.grads: no gradients before the first backward");
        }
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("W", dW);
        g.put("b", db);
        return g;
    }
}

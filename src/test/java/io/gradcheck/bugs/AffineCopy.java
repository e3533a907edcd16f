package io.gradcheck.bugs;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of our Affine, book style (it caches the original x and flattens it where needed), with
 * each gradient in an overridable method so that a broken variant overrides one line. Correct as
 * it stands (CorrectVariantsTest checks it).
 */
class AffineCopy implements Layer {
    protected final Tensor W;
    protected final Tensor b;
    protected Tensor x;  // the original input, any rank, batch first
    private Tensor dW;
    private Tensor db;

    AffineCopy(Tensor[] wb) {
        this.W = wb[0];
        this.b = wb[1];
    }

    /** x viewed as (N, D). */
    protected Tensor flat() {
        return x.reshape(x.dim(0), -1);
    }

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        return Ops.addRowVector(Ops.matmul(flat(), W), b);
    }

    @Override
    public Tensor backward(Tensor dout) {
        dW = weightGrad(dout);
        db = biasGrad(dout);
        return restore(inputGrad(dout));
    }

    /** xᵀ dout: (D, N) (N, M) -> (D, M). */
    protected Tensor weightGrad(Tensor dout) {
        return Ops.matmulTransA(flat(), dout);
    }

    /** dout summed over the batch: (M). */
    protected Tensor biasGrad(Tensor dout) {
        return Ops.sum(dout, 0);
    }

    /** dout Wᵀ: (N, M) (M, D) -> (N, D). */
    protected Tensor inputGrad(Tensor dout) {
        return Ops.matmulTransB(dout, W);
    }

    /** (N, D) back to x's shape. */
    protected Tensor restore(Tensor dx) {
        return dx.reshape(x.shape());
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

package io.gradcheck.bugs;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** A correct Affine that caches a flattened copy of its input, and the input's shape, instead of the input. */
final class FlatInputAffine implements Layer {
    private final Tensor W;
    private final Tensor b;
    private Tensor flat;  // (N, D), a copy: the caller may change x after forward
    private int[] xShape;
    private Tensor dW;
    private Tensor db;

    FlatInputAffine(Tensor[] wb) {
        this.W = wb[0];
        this.b = wb[1];
    }

    @Override
    public Tensor forward(Tensor x) {
        xShape = x.shape();
        flat = x.copy().reshape(x.dim(0), -1);
        return Ops.addRowVector(Ops.matmul(flat, W), b);
    }

    @Override
    public Tensor backward(Tensor dout) {
        dW = Ops.matmulTransA(flat, dout);
        db = Ops.sum(dout, 0);
        return Ops.matmulTransB(dout, W).reshape(xShape);
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

package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;

/** y = max(0, x). Caches the mask of the elements that were cut. */
public final class Relu implements Layer {
    private boolean[] mask;  // true where x <= 0: those elements pass no gradient
    private int[] shape;

    @Override
    public Tensor forward(Tensor x) {
        double[] xd = x.data();
        if (mask == null || mask.length != xd.length) {  // one buffer per batch shape
            mask = new boolean[xd.length];
        }
        shape = x.shape();
        Tensor out = Tensor.zeros(shape);
        double[] od = out.data();
        for (int i = 0; i < xd.length; i++) {
            mask[i] = xd[i] <= 0;
            od[i] = mask[i] ? 0.0 : xd[i];
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Checks.requireShape("Relu.backward", dout, shape);
        Tensor dx = Tensor.zeros(shape);  // a new array: the book's version writes into dout
        double[] dd = dout.data();
        double[] dxd = dx.data();
        for (int i = 0; i < dd.length; i++) {
            dxd[i] = mask[i] ? 0.0 : dd[i];
        }
        return dx;
    }

    @Override
    public int[] branches() {
        int[] b = new int[mask == null ? 0 : mask.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = mask[i] ? 0 : 1;
        }
        return b;
    }
}

package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;

/**
 * y = max(0, x). Caches the mask of the elements that were cut. Its output and dx are written into
 * arrays reused while the shape stays the same ({@link Layer}'s ownership rule).
 */
public final class Relu implements Layer {
    private boolean[] mask;  // true where x <= 0: those elements pass no gradient
    private int[] shape;
    private Tensor out;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x) {
        double[] xd = x.data();
        if (mask == null || mask.length != xd.length) {  // one buffer per batch shape
            mask = new boolean[xd.length];
        }
        shape = x.shape();
        out = Buffers.reuse(out, shape);
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
        dx = Buffers.reuse(dx, shape);  // not dout: the book's version writes into dout
        double[] dd = dout.data();
        double[] dxd = dx.data();
        for (int i = 0; i < dd.length; i++) {
            dxd[i] = mask[i] ? 0.0 : dd[i];
        }
        return dx;
    }

    /** The mask to fill, sized for x's shape, for {@link ConvReluPool}: what forward on x would leave. */
    boolean[] maskFor(int[] xShape, int size) {
        if (mask == null || mask.length != size) {
            mask = new boolean[size];
        }
        shape = xShape.clone();
        return mask;
    }

    /** The last forward's input shape, for {@link ConvReluPool}; null before the first. */
    int[] shape() {
        return shape;
    }

    /** The live mask of the last forward, for {@link ConvReluPool}. */
    boolean[] mask() {
        return mask;
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

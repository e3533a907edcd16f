package io.gradcheck.bugs;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;

/**
 * A copy of our Relu with its decisions in small methods, so that a broken variant overrides one
 * line. Correct as it stands (CorrectVariantsTest checks it).
 */
class ReluCopy implements Layer {
    protected boolean[] cut;  // true where the element passes no gradient
    protected int[] shape;

    /** Whether forward cuts the value v. */
    protected boolean cuts(double v) {
        return v <= 0;
    }

    @Override
    public Tensor forward(Tensor x) {
        shape = x.shape();
        Tensor out = Tensor.zeros(shape);
        for (int i = 0; i < x.size(); i++) {
            out.set(i, cuts(x.get(i)) ? 0 : x.get(i));
        }
        remember(x);
        return out;
    }

    /** Keeps what backward needs: where x was cut. */
    protected void remember(Tensor x) {
        cut = new boolean[x.size()];
        for (int i = 0; i < cut.length; i++) {
            cut[i] = cuts(x.get(i));
        }
    }

    /** The gradient that element i passes back, given all of dout. */
    protected double gate(int i, double[] dout) {
        return cut[i] ? 0 : dout[i];
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor dx = Tensor.zeros(shape);
        for (int i = 0; i < dx.size(); i++) {
            dx.set(i, gate(i, dout.data()));
        }
        return dx;
    }

    @Override
    public int[] branches() {
        int[] b = new int[cut == null ? 0 : cut.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = cut[i] ? 0 : 1;
        }
        return b;
    }
}

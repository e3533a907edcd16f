package io.gradcheck.exercises;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;

/*
 * Exercise 02: ReLU
 *
 * forward is right; backward sends the gradient the wrong way. Fix backward.
 *
 *     java -jar target/gradcheck-cli.jar exercise check 02
 *
 * Handout: docs/exercises/02-relu.md
 */
public final class Ex02Relu implements Layer {
    private boolean[] mask;  // true where x <= 0: those elements pass no gradient
    private int[] shape;

    @Override
    public Tensor forward(Tensor x) {
        double[] xd = x.data();
        mask = new boolean[xd.length];
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
        if (!Arrays.equals(dout.shape(), shape)) {
            throw new IllegalArgumentException("Relu.backward: expected " + Arrays.toString(shape)
                    + ", got " + dout.shapeString());
        }
        Tensor dx = Tensor.zeros(shape);  // a new array: backward must not write into dout
        double[] dd = dout.data();
        double[] dxd = dx.data();
        for (int i = 0; i < dd.length; i++) {
            dxd[i] = mask[i] ? dd[i] : 0.0;
        }
        return dx;
    }

    /** The branch each element took, so that the checker can skip steps across the kink at 0. */
    @Override
    public int[] branches() {
        int[] b = new int[mask == null ? 0 : mask.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = mask[i] ? 0 : 1;
        }
        return b;
    }
}

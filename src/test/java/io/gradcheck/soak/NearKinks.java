package io.gradcheck.soak;

import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Inputs and biases built to sit at the places where a finite difference crosses a kink: values
 * within a few steps h of zero before a ReLU, and near-ties (closer than h) inside pooling windows.
 */
final class NearKinks {
    private NearKinks() {
    }

    /** Standard normal, with about half the elements moved to within ±3h of 0, some exactly 0. */
    static Tensor nearZero(RandomGenerator rng, double h, int... shape) {
        Tensor x = Tensor.randn(rng, 1, shape);
        for (int i = 0; i < x.size(); i++) {
            double u = rng.nextDouble();
            if (u < 0.1) {
                x.set(i, 0.0);
            } else if (u < 0.5) {
                x.set(i, (6 * rng.nextDouble() - 3) * h);
            }
        }
        return x;
    }

    /**
     * Standard normal along each row, with about half the elements set to their left neighbour plus
     * less than h (sometimes exactly equal), so that most pooling windows hold a near-tie.
     */
    static Tensor nearTies(RandomGenerator rng, double h, int... shape) {
        Tensor x = Tensor.randn(rng, 1, shape);
        int w = shape[shape.length - 1];
        for (int i = 0; i < x.size(); i++) {
            double u = rng.nextDouble();
            if (i % w > 0 && u < 0.5) {
                x.set(i, x.get(i - 1) + (u < 0.1 ? 0.0 : (2 * rng.nextDouble() - 1) * h));
            } else if (i >= w && u < 0.7) {  // or the neighbour above: ties across rows too
                x.set(i, x.get(i - w) + (2 * rng.nextDouble() - 1) * h);
            }
        }
        return x;
    }

    /**
     * Sets b1 so that one conv output per filter sits within ±3h of 0 before relu1, then b2 so that
     * one pre-activation per hidden unit sits within ±3h of 0 before relu2, for the batch x.
     * The net's biases: modified.
     */
    static void biasesAtKinks(SimpleConvNet net, NetShape s, Tensor x, RandomGenerator rng, double h) {
        Map<String, Tensor> p = net.params();
        Tensor b1 = p.get("b1"), b2 = p.get("b2");
        int fn = b1.size(), hidden = b2.size();
        Tensor conv = new Convolution(p.get("W1"), Tensor.zeros(fn), s.config().conv().stride(), s.config().conv().pad()).forward(x);
        int plane = conv.dim(2) * conv.dim(3);
        for (int f = 0; f < fn; f++) {
            int at = (rng.nextInt(s.n()) * fn + f) * plane + rng.nextInt(plane);  // one output of filter f
            b1.set(f, -conv.get(at) + (6 * rng.nextDouble() - 3) * h);
        }
        Tensor relu1 = new Relu().forward(new Convolution(p.get("W1"), b1, s.config().conv().stride(), s.config().conv().pad()).forward(x));
        Tensor pre2 = new Affine(p.get("W2"), Tensor.zeros(hidden)).forward(new Pooling(2, 2, 2, 0).forward(relu1));
        for (int j = 0; j < hidden; j++) {
            b2.set(j, -pre2.get(rng.nextInt(s.n()) * hidden + j) + (6 * rng.nextDouble() - 3) * h);
        }
    }
}

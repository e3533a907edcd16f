package io.gradcheck.exercises;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Tensor;

/*
 * Exercise 03: SoftmaxWithLoss
 *
 * The loss that forward returns is right. The gradient that backward returns is not the
 * gradient of that loss. Fix backward.
 *
 *     java -jar target/gradcheck-cli.jar exercise check 03
 *
 * Handout: docs/exercises/03-softmax-with-loss.md
 */
public class Ex03SoftmaxWithLoss extends SoftmaxWithLoss {
    private Tensor y;  // softmax of the scores, (N, K)
    private Labels t;

    /** The mean cross-entropy of softmax(x) against t. x (N, K): not modified. */
    @Override
    public double forward(Tensor x, Labels t) {
        if (x.rank() != 2 || t.size() != x.dim(0)) {
            throw new IllegalArgumentException("SoftmaxWithLoss.forward: expected [N, K] scores and N labels, got "
                    + x.shapeString() + " and " + t.size() + " labels");
        }
        int n = x.dim(0), k = x.dim(1);
        this.t = t;
        y = Tensor.zeros(n, k);
        double[] xd = x.data();
        double[] yd = y.data();
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int r = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, xd[r + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                yd[r + j] = Math.exp(xd[r + j] - max);  // shifted by the max, so exp cannot overflow
                sum += yd[r + j];
            }
            for (int j = 0; j < k; j++) {
                yd[r + j] /= sum;
            }
            loss += max + Math.log(sum) - xd[r + t.get(i)];  // logsumexp(x_i) - x_i[t_i]
        }
        return loss / n;
    }

    /** dx, the gradient of the loss above times dout, for the last forward. */
    @Override
    public Tensor backward(double dout) {
        if (y == null) {
            throw new IllegalStateException("SoftmaxWithLoss.backward: backward called before forward");
        }
        int n = y.dim(0), k = y.dim(1);
        Tensor dx = y.copy();
        double[] d = dx.data();
        for (int i = 0; i < n; i++) {
            d[i * k + t.get(i)] -= 1.0;
        }
        for (int i = 0; i < d.length; i++) {
            d[i] *= dout;
        }
        return dx;
    }
}

package io.gradcheck.exercises;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Tensor;

/*
 * Exercise 16: SoftmaxWithLoss, the book's 1e-7
 *
 * The loss that forward returns is right: it is computed exactly, with log-sum-exp. backward
 * was derived from the book's loss, -log(y + 1e-7), and is almost, but not exactly, its gradient.
 * Fix backward.
 *
 *     java -jar target/gradcheck-cli.jar exercise check 16
 *
 * Handout: docs/exercises/16-softmax-epsilon.md
 */
public class Ex16SoftmaxEpsilon extends SoftmaxWithLoss {
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
            double yt = d[i * k + t.get(i)];
            double s = yt / (yt + 1e-7);  // the chain rule through -log(y_t + 1e-7)
            d[i * k + t.get(i)] -= 1.0;
            for (int j = 0; j < k; j++) {
                d[i * k + j] *= s;
            }
        }
        for (int i = 0; i < d.length; i++) {
            d[i] *= dout / n;
        }
        return dx;
    }
}

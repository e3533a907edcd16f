package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;

/**
 * Softmax followed by the mean cross-entropy loss. The loss is computed with log-sum-exp and no
 * epsilon inside the log, so backward, (softmax(x) - onehot(t)) / N, is its exact gradient.
 *
 * <p>Not final so that a broken subclass can be written for exercises and tests.
 */
public class SoftmaxWithLoss implements Loss {
    private Tensor y;  // softmax of the scores, (N, K)
    private Labels t;
    private Tensor dx;  // reused while the batch shape stays the same

    /** The mean cross-entropy of softmax(x) against t. x (N, K): not modified. */
    @Override
    public double forward(Tensor x, Labels t) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("SoftmaxWithLoss.forward: expected [N, K], got " + x.shapeString());
        }
        int n = x.dim(0), k = x.dim(1);
        t.requireFits("SoftmaxWithLoss.forward", n, k);
        this.t = t;
        y = Buffers.reuse(y, n, k);  // every element is overwritten
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

    /** dx = dout * (softmax(x) - onehot(t)) / N for the last forward. */
    @Override
    public Tensor backward(double dout) {
        if (y == null) {
            throw new IllegalStateException("SoftmaxWithLoss.backward: backward called before forward");
        }
        int n = y.dim(0), k = y.dim(1);
        dx = Buffers.reuse(dx, n, k);
        double[] d = dx.data();
        System.arraycopy(y.data(), 0, d, 0, d.length);
        for (int i = 0; i < n; i++) {
            d[i * k + t.get(i)] -= 1.0;
        }
        for (int i = 0; i < d.length; i++) {
            d[i] *= dout / n;
        }
        return dx;
    }
}

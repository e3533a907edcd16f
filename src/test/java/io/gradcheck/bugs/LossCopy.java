package io.gradcheck.bugs;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Tensor;

/**
 * Our SoftmaxWithLoss with its backward written out (softmax recomputed from the cached scores,
 * minus the target, over N), so that a broken variant overrides one line. The loss is the
 * reference one. Correct as it stands (CorrectVariantsTest checks it).
 */
class LossCopy extends SoftmaxWithLoss {
    protected Tensor x;
    protected Labels t;
    protected double loss;  // only a broken variant reads it

    @Override
    public double forward(Tensor x, Labels t) {
        this.x = x.copy();
        this.t = t;
        loss = super.forward(x, t);
        return loss;
    }

    /** The softmax of row i at column j, shifted by the row's max so that exp cannot overflow. */
    protected double softmax(int i, int j) {
        int k = x.dim(1);
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, x.get(i * k + c));
        }
        for (int c = 0; c < k; c++) {
            sum += Math.exp(x.get(i * k + c) - max);
        }
        return Math.exp(x.get(i * k + j) - max) / sum;
    }

    /** The one-hot target of row i at column j. */
    protected double target(int i, int j) {
        return j == t.get(i) ? 1 : 0;
    }

    /** What row i's gradient is divided by: the batch size n, for the mean over the batch. */
    protected double count(int i, int n) {
        return n;
    }

    @Override
    public Tensor backward(double dout) {
        int n = x.dim(0), k = x.dim(1);
        Tensor dx = Tensor.zeros(n, k);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                dx.set(i * k + j, dout * (softmax(i, j) - target(i, j)) / count(i, n));
            }
        }
        return dx;
    }
}

package io.gradcheck.exercise;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Tensor;

/**
 * A student's SoftmaxWithLoss as the check sees it: every forward call is compared with the
 * reference's, as {@link ForwardGuard} does for layers, and the reference's loss is returned.
 */
public class LossGuard extends SoftmaxWithLoss {
    private final SoftmaxWithLoss mine;
    private final SoftmaxWithLoss reference = new SoftmaxWithLoss();
    private int calls;
    private StudentCodeException refused;

    /** @param mine the student's loss layer */
    public LossGuard(SoftmaxWithLoss mine) {
        this.mine = mine;
    }

    /** The reference's loss, once the student's has been found equal to it. x, t: not modified. */
    @Override
    public double forward(Tensor x, Labels t) {
        calls++;
        try {
            Tensor before = x.copy();
            double loss = mine.forward(x, t);
            SameForward.requireInputUnchanged(before, x);
            double ref = reference.forward(x, t);
            SameForward.require(loss, ref, "scores " + x.shapeString() + (calls == 1 ? "" : " (forward call " + calls + ")"));
            return ref;
        } catch (StudentCodeException e) {
            refused = refused == null ? e : refused;
            throw e;
        }
    }

    @Override
    public Tensor backward(double dout) {
        return mine.backward(dout);
    }

    /** Throws the first refusal of a forward call, which the check itself reports as an exception. */
    void requireNoRefusal() {
        if (refused != null) {
            throw refused;
        }
    }
}

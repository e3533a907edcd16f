package io.gradcheck.exercise;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.util.Map;

/**
 * A student's layer as the check sees it: every forward call, not only the first, runs the
 * reference layer too (with the student's current parameter values) and refuses an output that
 * differs, a null output or a changed input. The check then differentiates the reference's output,
 * so no forward can bend the numeric gradient towards a wrong backward. Backward, params and grads
 * are the student's. The harness names a subclass after the student's class, so that the check's
 * messages name it too.
 */
public class ForwardGuard implements Layer {
    private final Layer mine;
    private final Layer reference;
    private int calls;
    private StudentCodeException refused;

    /**
     * @param mine      the student's layer
     * @param reference the reference layer, built like it; its parameters are overwritten on each call
     */
    public ForwardGuard(Layer mine, Layer reference) {
        this.mine = mine;
        this.reference = reference;
    }

    /** The reference's output, once the student's has been found equal to it. x: not modified. */
    @Override
    public Tensor forward(Tensor x) {
        calls++;
        try {
            for (Map.Entry<String, Tensor> p : reference.params().entrySet()) {
                Tensor from = mine.params().get(p.getKey());
                if (from == null || !from.sameShape(p.getValue())) {
                    throw new StudentCodeException("changed its parameters: params() has no " + p.getKey() + " of shape "
                            + p.getValue().shapeString() + "; keep params() as it was");
                }
                System.arraycopy(from.data(), 0, p.getValue().data(), 0, from.size());
            }
            Tensor before = x.copy();
            Tensor out = SameForward.requireOutput(mine.forward(x));
            SameForward.requireInputUnchanged(before, x);
            Tensor ref = reference.forward(x);
            SameForward.require(out, ref, "x " + x.shapeString() + (calls == 1 ? "" : " (forward call " + calls + ")"));
            return ref;
        } catch (StudentCodeException e) {
            refused = refused == null ? e : refused;
            throw e;
        }
    }

    @Override
    public Tensor backward(Tensor dout) {
        return mine.backward(dout);
    }

    @Override
    public Map<String, Tensor> params() {
        return mine.params();
    }

    @Override
    public Map<String, Tensor> grads() {
        return mine.grads();
    }

    /** The reference's branches: the kinks that the check must not step across are the function's. */
    @Override
    public int[] branches() {
        return reference.branches();
    }

    /** Throws the first refusal of a forward call, which the check itself reports as an exception. */
    void requireNoRefusal() {
        if (refused != null) {
            throw refused;
        }
    }
}

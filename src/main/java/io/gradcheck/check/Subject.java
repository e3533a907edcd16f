package io.gradcheck.check;

import io.gradcheck.tensor.Tensor;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Anything checkable: a scalar function f of an input x and of named live parameters, with its
 * backprop gradient. The one extension point of the checker: {@link GradientCheck#of(Subject)} takes
 * any implementation. Ready-made ones come from {@code GradientCheck.of(layer)}, {@code of(net, t)},
 * {@code of(loss, t)}, {@code of(model, loss, t)} and {@code of(name, f, gradient)}.
 *
 * <p>A subject of your own implements {@link #name}, {@link #params}, {@link #value},
 * {@link #branches} and {@link #analytic}; the other methods have defaults that are right for a
 * scalar function with no upstream gradient and no output tensor.
 */
public interface Subject {
    /**
     * The analytic gradients, as backprop gives them: possibly wrong, missing or misshapen. It keeps
     * copies, as {@link io.gradcheck.layer.Layer}'s ownership rule asks of a caller that keeps them: a
     * layer may write its next backward's dx and gradients into the same arrays, and the checker
     * compares the gradients of several backward passes.
     *
     * @param params  the gradient of each parameter, by the parameters' names
     * @param dx      the gradient of the input
     * @param problem a broken contract found on the way ("backward modified its argument dout"), else null
     */
    record Analytic(Map<String, Tensor> params, Tensor dx, String problem) {
        /** Copies params' tensors (keeping nulls) and dx. params, dx: not modified. */
        public Analytic {
            params = params == null ? null : snapshot(params);
            dx = dx == null ? null : dx.copy();
        }
    }

    /** Copies of the tensors, so that later passes or perturbations cannot change them. Keeps nulls. grads: not modified. */
    static Map<String, Tensor> snapshot(Map<String, Tensor> grads) {
        Map<String, Tensor> copy = new java.util.LinkedHashMap<>();
        grads.forEach((k, v) -> copy.put(k, v == null ? null : v.copy()));
        return copy;
    }

    /** Shown in messages, e.g. "Affine" or "SimpleConvNet". */
    String name();

    /** The parameters, live and in order: the checker perturbs them in place and restores them. */
    Map<String, Tensor> params();

    /** The scalar at x and the current parameters. x: not modified. */
    double value(Tensor x);

    /**
     * A function equal to {@code value(x)} for as long as only the tensor {@code name} (a parameter,
     * or "x" for the input) changes. It may compute now what does not depend on {@code name}.
     */
    default DoubleSupplier valueOf(String name, Tensor x) {
        return () -> value(x);
    }

    /**
     * The non-smooth branches taken by the last {@link #value} call (ReLU masks, max-pool argmax), or
     * an empty array for a smooth function: a step that changes them crossed a kink and is skipped.
     */
    int[] branches();

    /** One backprop at x. x: not modified. */
    Analytic analytic(Tensor x);

    /**
     * One backprop at x from the upstream gradient dout instead of the subject's own, or null (the
     * default) where the subject has no upstream gradient (it starts from a scalar loss). x, dout:
     * not modified.
     */
    default Analytic analyticWith(Tensor x, Tensor dout) {
        return null;
    }

    /**
     * One forward and backward at a decoy input, whose results are dropped: it leaves in the subject
     * whatever state a call leaves. x may have another batch size than the checked input; a subject
     * that refuses it throws. x: not modified.
     */
    default void decoy(Tensor x) {
        analytic(x);
    }

    /** A single layer's output from the last {@link #value} call, else null (the default). */
    default Tensor lastOutput() {
        return null;
    }

    /** A single layer's upstream gradient G, through which f = Σ forward(x)·G, else null (the default). */
    default Tensor upstream() {
        return null;
    }
}

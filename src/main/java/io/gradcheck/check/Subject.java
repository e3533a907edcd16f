package io.gradcheck.check;

import io.gradcheck.tensor.Tensor;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * What the checker differentiates: a scalar function of an input x and of named live parameters,
 * with its backprop gradient. One implementation each for a layer, the network and the loss.
 */
interface Subject {
    /** The analytic gradients, as backprop gives them: possibly wrong, missing or misshapen. */
    record Analytic(Map<String, Tensor> params, Tensor dx, String problem) {
    }

    /** Copies of the tensors, so that later passes or perturbations cannot change them. Keeps nulls. */
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

    /** The non-smooth branches taken by the last {@link #value} call. */
    int[] branches();

    /** One backprop at x. x: not modified. */
    Analytic analytic(Tensor x);

    /**
     * One backprop at x from the upstream gradient dout instead of the subject's own, or null where
     * the subject has no upstream gradient (the network starts from its loss). x, dout: not modified.
     */
    default Analytic analyticWith(Tensor x, Tensor dout) {
        return null;
    }

    /**
     * One forward and backward at a decoy input, whose results are dropped: it leaves in the subject
     * whatever state a call leaves. x may have another batch size than the checked input; a subject
     * that refuses it throws. x: not modified.
     */
    void decoy(Tensor x);

    /** A single layer's output from the last {@link #value} call, else null. */
    default Tensor lastOutput() {
        return null;
    }

    /** A single layer's upstream gradient G, else null. */
    default Tensor upstream() {
        return null;
    }
}

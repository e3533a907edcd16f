package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.util.Map;

/**
 * A gradient-descent update rule, as in the book's {@code common/optimizer.py}. An optimizer is
 * built for one set of parameter shapes and keeps its state (velocities, moment estimates) for them.
 */
public interface Optimizer {
    /**
     * One step: changes every parameter in place.
     *
     * @param params modified: each tensor is updated in place
     * @param grads  not modified; same names and shapes as {@code params}
     * @throws IllegalArgumentException if names or shapes differ from those the optimizer was built for
     */
    void update(Map<String, Tensor> params, Map<String, Tensor> grads);

    /**
     * The state tensors, live and in a fixed order, so that a checkpoint can save and restore them.
     * Empty for SGD. Writing them changes the optimizer.
     */
    Map<String, Tensor> state();

    /** The name used on the command line and in checkpoints, e.g. "adam". */
    String name();

    /** The learning rate. */
    double lr();
}

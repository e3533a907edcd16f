package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;
import java.util.Map;

/**
 * A differentiable layer, as in the book's {@code common/layers.py}: {@code forward(x)} caches what
 * backward needs, and {@code backward(dout)} returns dx and fills the parameter gradients.
 *
 * <p>Neither method modifies its argument.
 *
 * <p><b>Who owns an output.</b> The tensor forward returns is valid until this layer's next
 * forward, and the dx that backward returns (and the tensors in {@link #grads()}) until its next
 * backward: a layer may write every call's result into the same array, so that a training step
 * allocates nothing once the batch shape is stable. A caller who keeps a result past that copies
 * it ({@code out.copy()}). The checker does (it compares the results of several calls), and so
 * does a network's {@code lossOf}, which runs the first layers once and the rest many times. A
 * layer that reuses its arrays keys them on the shape, so that a call with another batch size
 * gets arrays of its own size.
 */
public interface Layer {
    /**
     * The output for input x, valid until the next forward (copy it to keep it). x: not modified,
     * but may be cached until the next forward.
     */
    Tensor forward(Tensor x);

    /**
     * dx, the gradient of the loss with respect to the last forward's input, given dout, the
     * gradient with respect to its output, valid until the next backward (copy it to keep it).
     * dout: not modified. Fills {@link #grads()}.
     */
    Tensor backward(Tensor dout);

    /** Named parameters, live: the checker perturbs them in place. Empty for a layer without. */
    default Map<String, Tensor> params() {
        return Map.of();
    }

    /** Gradients from the last backward, under the same names as {@link #params()}; valid until the next backward. */
    default Map<String, Tensor> grads() {
        return Map.of();
    }

    /**
     * The non-smooth branches the last forward took (ReLU's mask, max pooling's argmax), or an
     * empty array for a smooth layer. A finite difference whose two sides take other branches
     * than the centre crossed a kink, and the checker skips it instead of calling it a bug.
     */
    default int[] branches() {
        return new int[0];
    }
}

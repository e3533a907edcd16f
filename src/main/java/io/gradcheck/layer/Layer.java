package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;
import java.util.Map;

/**
 * A differentiable layer, as in the book's {@code common/layers.py}: {@code forward(x)} caches what
 * backward needs, and {@code backward(dout)} returns dx and fills the parameter gradients.
 *
 * <p>Neither method modifies its argument.
 */
public interface Layer {
    /** The output for input x. x: not modified, but may be cached until the next forward. */
    Tensor forward(Tensor x);

    /**
     * dx, the gradient of the loss with respect to the last forward's input, given dout, the
     * gradient with respect to its output. dout: not modified. Fills {@link #grads()}.
     */
    Tensor backward(Tensor dout);

    /** Named parameters, live: the checker perturbs them in place. Empty for a layer without. */
    default Map<String, Tensor> params() {
        return Map.of();
    }

    /** Gradients from the last backward, under the same names as {@link #params()}. */
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

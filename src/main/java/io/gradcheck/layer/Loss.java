package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;

/**
 * A loss layer, as the book's {@code SoftmaxWithLoss}: {@code forward(x, t)} gives a scalar and
 * caches what backward needs, {@code backward(dout)} gives dx for the last forward. A loss of your
 * own implements this to be checked, alone or at the end of a model
 * ({@code GradientCheck.of(model, loss, t)}).
 */
public interface Loss {
    /** The loss of scores x against labels t. x, t: not modified. */
    double forward(Tensor x, Labels t);

    /** dx = dout · ∂loss/∂x for the last forward, in x's shape. */
    Tensor backward(double dout);
}

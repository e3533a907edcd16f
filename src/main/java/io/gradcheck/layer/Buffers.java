package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;

/**
 * The layers' reused arrays: one per role and batch shape, so that a training step allocates nothing
 * once the shapes are stable, and a call with another shape gets arrays of its own (see
 * {@link Layer}'s ownership rule).
 */
final class Buffers {
    private Buffers() {
    }

    /** t if it already has this shape, else a new tensor of zeros of it. t: not modified; may be null. */
    static Tensor reuse(Tensor t, int... shape) {
        return t != null && t.hasShape(shape) ? t : Tensor.zeros(shape);
    }
}

package io.gradcheck.check;

/** The kind of backprop bug that a failing gradient's pattern points to. See {@link Diagnosis}. */
public enum BugKind {
    /** The gradient has another shape than its parameter, often another parameter's. */
    SHAPE_MISMATCH,
    /** The analytic gradient of one parameter matches the numeric gradient of another. */
    SWAPPED,
    /** The analytic gradient is the numeric one with two axes exchanged. */
    TRANSPOSED,
    /** The analytic gradient is the numeric one times a constant: ×N, ×1/N, ×2, ×−1, ... */
    CONSTANT_SCALE,
    /** The gradient is missing, null, or all zeros where the numeric one is not. */
    ZERO_OR_MISSING,
    /** Errors only where filter or pooling windows overlap: contributions overwritten, not added. */
    MISSING_ACCUMULATION,
    /** Errors only at the borders of the image: padding or stride handled wrongly. */
    BORDER,
    /** A bias gradient that is dout summed over the wrong axes, or not summed over the batch. */
    BIAS_WRONG_AXIS,
    /** NaN or infinity in the gradient. */
    NOT_FINITE,
    /** No pattern fits well enough to name one. */
    UNKNOWN
}

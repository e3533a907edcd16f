package io.gradcheck.check;

/**
 * The kind of backprop bug that a failing gradient's pattern points to. See {@link Diagnosis}.
 *
 * <p>Each named kind comes with evidence that can be checked by hand. {@link #UNKNOWN} is the
 * fallback: it names no kind, and its evidence describes the error pattern instead.
 */
public enum BugKind {
    /** The gradient has another shape than its parameter, often another parameter's. */
    SHAPE_MISMATCH,
    /** The analytic gradient of one parameter matches the numeric gradient of another. */
    SWAPPED,
    /** The analytic gradient is the numeric one with two axes exchanged. */
    TRANSPOSED,
    /**
     * Elements receive gradients that belong to other elements: a layout or index bug, a window
     * placed or decoded wrongly, a gradient sent to the wrong element of its window or spread over it.
     */
    MISROUTED,
    /** The gradient is the right one moved by a fixed offset along an axis: pad or stride off by one. */
    SHIFTED,
    /** The local Jacobian is used untransposed: dx = dout·W where dout·Wᵀ is right. */
    NOT_TRANSPOSED,
    /** The analytic gradient is the numeric one times a constant: ×N, ×1/N, ×2, ... */
    CONSTANT_SCALE,
    /** The ratio analytic / numeric is constant within each slice along one axis, but differs between slices. */
    AXIS_SCALE,
    /** The sign is flipped: analytic = −numeric, everywhere or on a subset of the elements. */
    SIGN_FLIPPED,
    /** The gradient is missing, null, or all zeros where the numeric one is not. */
    ZERO_OR_MISSING,
    /** Contributions are dropped where filter or pooling windows overlap: overwritten, not added. */
    MISSING_ACCUMULATION,
    /** Errors only at the borders of the image: padding or cropping handled wrongly. */
    BORDER,
    /** A bias gradient that is dout summed over the wrong axes, or not summed over the batch. */
    BIAS_WRONG_AXIS,
    /**
     * A non-smooth branch taken wrongly: the gradient passes where the true one is blocked (0), or is
     * blocked where it should pass, with the right value wherever both pass.
     */
    WRONG_MASK,
    /** One term of the chain rule is missing: the analytic gradient is the numeric one minus a part of it. */
    MISSING_TERM,
    /**
     * State that outlives a call: backward reads a cache from an earlier call, gradients accumulate
     * across calls, or forward is not a function of its input.
     */
    STATE,
    /** backward writes into its argument dout, which belongs to the caller. */
    ARGUMENT_MODIFIED,
    /** The code under check threw: the evidence names the exception and its file and line. */
    THREW,
    /** NaN or infinity in the gradient. */
    NOT_FINITE,
    /**
     * No kind fits: the evidence describes the error pattern (where the wrong elements are, their
     * ratio, which elements are right). Never the expected kind of a catalogue entry.
     */
    UNKNOWN
}

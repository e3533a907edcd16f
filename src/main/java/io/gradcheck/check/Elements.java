package io.gradcheck.check;

import io.gradcheck.tensor.Tensor;

/**
 * Element by element data behind one gradient's result, for diagnosis and reports.
 *
 * @param analytic the gradient backprop returned, as it was (any shape), or null if none
 * @param numeric  the central differences, in the parameter's shape; NaN where no element was
 *                 compared (skipped at a kink, or not sampled)
 * @param kinks    flat indices of the elements skipped at kinks
 * @param fanOut   for the input of a single layer: how many output elements each input element
 *                 moves, which shows where windows overlap and where the borders are; else null
 */
public record Elements(Tensor analytic, Tensor numeric, int[] kinks, int[] fanOut) {
}

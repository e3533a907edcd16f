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
 * @param jacobian for a failing gradient of a single layer, small enough (at most 20,000 entries):
 *                 its whole backward as a matrix next to the numeric one, else null
 */
public record Elements(Tensor analytic, Tensor numeric, int[] kinks, int[] fanOut, Jacobian jacobian) {
    /** Element data with no Jacobian. */
    public Elements(Tensor analytic, Tensor numeric, int[] kinks, int[] fanOut) {
        this(analytic, numeric, kinks, fanOut, null);
    }

    /**
     * A single layer's output y against one of its tensors v (the input x or a parameter), both
     * (outputs, elements) matrices: row k is output element y_k (flat, in y's shape), column i is
     * element i of v. Copies: later changes to the arrays they came from do not show.
     *
     * @param analytic row k is backward(e_k)'s gradient of v: the gradient when G is the unit vector e_k
     * @param numeric  column i is (y(v_i + h) − y(v_i − h)) / 2h; NaN where the step crossed a kink
     * @param output   the shape of y, to name row k
     */
    public record Jacobian(Tensor analytic, Tensor numeric, int[] output) {
        public Jacobian {
            analytic = analytic.copy();
            numeric = numeric.copy();
            output = output.clone();
        }

        @Override
        public Tensor analytic() {
            return analytic.copy();
        }

        @Override
        public Tensor numeric() {
            return numeric.copy();
        }

        @Override
        public int[] output() {
            return output.clone();
        }

        /** "Jacobian[8 x 9, output [1, 2, 2, 2]]": the sizes, not the numbers. */
        @Override
        public String toString() {
            return "Jacobian[" + analytic.dim(0) + " x " + analytic.dim(1) + ", output " + java.util.Arrays.toString(output) + "]";
        }
    }

    /** This element data with the Jacobians of its tensor; y: the layer's output at x. */
    Elements with(Jacobians j, int[] output) {
        int m = j.analytic().length, n = m == 0 ? 0 : j.analytic()[0].length;
        double[] a = new double[m * n], num = new double[m * n];
        for (int k = 0; k < m; k++) {
            System.arraycopy(j.analytic()[k], 0, a, k * n, n);
            System.arraycopy(j.numeric()[k], 0, num, k * n, n);
        }
        return new Elements(analytic, numeric, kinks, fanOut, new Jacobian(Tensor.wrap(a, m, n), Tensor.wrap(num, m, n), output));
    }
}

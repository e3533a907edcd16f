package io.gradcheck.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;

/**
 * Operations on {@link Tensor}s. Every operation returns a new tensor and modifies none of its
 * arguments, except {@link #matmulInto}, which writes into the buffer it is given. Wrong shapes fail with an {@link IllegalArgumentException} that names the
 * operation and both shapes.
 */
public final class Ops {
    private Ops() {
    }

    /** a (m, k) times b (k, n), giving (m, n). */
    public static Tensor matmul(Tensor a, Tensor b) {
        return gemm("Ops.matmul", a, false, b, false);
    }

    /** aᵀ times b, for a (k, m) and b (k, n), giving (m, n), without forming aᵀ. */
    public static Tensor matmulTransA(Tensor a, Tensor b) {
        return gemm("Ops.matmulTransA", a, true, b, false);
    }

    /** a times bᵀ, for a (m, k) and b (n, k), giving (m, n), without forming bᵀ. */
    public static Tensor matmulTransB(Tensor a, Tensor b) {
        return gemm("Ops.matmulTransB", a, false, b, true);
    }

    /**
     * c = op(a) op(b), where op transposes when its flag is set, written into c, so that a caller
     * can reuse one buffer per batch shape. c: modified (overwritten). a, b: not modified.
     *
     * @throws IllegalArgumentException if the inner dimensions differ or c is not (m, n)
     */
    public static void matmulInto(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c) {
        int[] mkn = gemmShape("Ops.matmulInto", a, transA, b, transB);
        if (c.rank() != 2 || c.dim(0) != mkn[0] || c.dim(1) != mkn[2]) {
            throw new IllegalArgumentException("Ops.matmulInto: expected c [" + mkn[0] + ", " + mkn[2]
                    + "], got " + c.shapeString());
        }
        Gemm.multiply(a.data(), transA, b.data(), transB, c.data(), mkn[0], mkn[1], mkn[2]);
    }

    /**
     * c (m, n) = op(a) (m, k) times op(b) (k, n) on row-major arrays, for a caller that reuses one array
     * for products of several sizes (a convolution computed per group of images): only the first m*k,
     * k*n and m*n elements are read or written. c: modified (its first m*n elements). a, b: not modified.
     *
     * @throws IllegalArgumentException if a size is not positive or an array is too short for it
     */
    public static void matmulInto(double[] a, boolean transA, double[] b, boolean transB, double[] c,
                                  int m, int k, int n) {
        if (m <= 0 || k <= 0 || n <= 0 || a.length < (long) m * k || b.length < (long) k * n
                || c.length < (long) m * n) {
            throw new IllegalArgumentException("Ops.matmulInto: (" + m + ", " + k + ") times (" + k + ", " + n
                    + ") needs arrays of " + (long) m * k + ", " + (long) k * n + " and " + (long) m * n
                    + " values, got " + a.length + ", " + b.length + " and " + c.length);
        }
        Gemm.multiply(a, transA, b, transB, c, m, k, n);
    }

    private static Tensor gemm(String op, Tensor a, boolean ta, Tensor b, boolean tb) {
        int[] mkn = gemmShape(op, a, ta, b, tb);
        Tensor c = Tensor.zeros(mkn[0], mkn[2]);
        Gemm.multiply(a.data(), ta, b.data(), tb, c.data(), mkn[0], mkn[1], mkn[2]);
        return c;
    }

    /** {m, k, n} of op(a) (m, k) times op(b) (k, n), or the error that names both shapes. */
    private static int[] gemmShape(String op, Tensor a, boolean ta, Tensor b, boolean tb) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException(op + ": expected two matrices, got "
                    + a.shapeString() + " and " + b.shapeString());
        }
        int m = ta ? a.dim(1) : a.dim(0);
        int k = ta ? a.dim(0) : a.dim(1);
        int kb = tb ? b.dim(1) : b.dim(0);
        int n = tb ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException(op + ": inner dimensions differ: "
                    + a.shapeString() + " and " + b.shapeString());
        }
        return new int[] {m, k, n};
    }

    /** The transpose of a matrix. */
    public static Tensor transpose(Tensor a) {
        requireRank("Ops.transpose", a, 2);
        return permute(a, 1, 0);
    }

    /**
     * Reorders the axes: result axis i is input axis {@code axes[i]}, like numpy's transpose.
     * Example: (N, OH, OW, FN) with axes 0, 3, 1, 2 gives (N, FN, OH, OW).
     */
    public static Tensor permute(Tensor a, int... axes) {
        int r = a.rank();
        int[] seen = new int[r];
        boolean ok = axes.length == r;
        for (int ax : axes) {
            ok &= ax >= 0 && ax < r && seen[ax]++ == 0;
        }
        if (!ok) {
            throw new IllegalArgumentException("Ops.permute: axes " + Arrays.toString(axes)
                    + " are not a permutation for shape " + a.shapeString());
        }
        int[] in = a.shape();
        int[] inStride = new int[r];
        for (int i = r - 1, s = 1; i >= 0; s *= in[i], i--) {
            inStride[i] = s;
        }
        int[] out = new int[r];
        int[] stride = new int[r];
        for (int i = 0; i < r; i++) {
            out[i] = in[axes[i]];
            stride[i] = inStride[axes[i]];
        }
        Tensor y = Tensor.zeros(out);
        double[] src = a.data();
        double[] dst = y.data();
        int[] idx = new int[r];
        int from = 0;
        for (int f = 0; f < dst.length; f++) {
            dst[f] = src[from];
            for (int d = r - 1; d >= 0; d--) {  // odometer over the output index
                idx[d]++;
                from += stride[d];
                if (idx[d] < out[d]) {
                    break;
                }
                from -= stride[d] * out[d];
                idx[d] = 0;
            }
        }
        return y;
    }

    /** a (m, n) plus the row vector b (n) on every row. */
    public static Tensor addRowVector(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 1 || a.dim(1) != b.dim(0)) {
            throw new IllegalArgumentException("Ops.addRowVector: expected [m, n] and [n], got "
                    + a.shapeString() + " and " + b.shapeString());
        }
        Tensor y = a.copy();
        double[] yd = y.data();
        double[] bd = b.data();
        int n = bd.length;
        for (int i = 0; i < yd.length; i++) {
            yd[i] += bd[i % n];
        }
        return y;
    }

    /** Sums over one axis, which disappears from the shape: (m, n) summed over axis 0 is (n). */
    public static Tensor sum(Tensor a, int axis) {
        int r = a.rank();
        if (axis < 0 || axis >= r) {
            throw new IllegalArgumentException("Ops.sum: axis " + axis + " is out of range for "
                    + a.shapeString());
        }
        int[] s = a.shape();
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < axis; i++) {
            outer *= s[i];
        }
        for (int i = axis + 1; i < r; i++) {
            inner *= s[i];
        }
        int len = s[axis];
        int[] out = r == 1 ? new int[] {1} : new int[r - 1];
        for (int i = 0, j = 0; i < r; i++) {
            if (i != axis) {
                out[j++] = s[i];
            }
        }
        Tensor y = Tensor.zeros(out);
        double[] src = a.data();
        double[] dst = y.data();
        for (int o = 0; o < outer; o++) {
            for (int l = 0; l < len; l++) {
                int base = (o * len + l) * inner;
                for (int i = 0; i < inner; i++) {
                    dst[o * inner + i] += src[base + i];
                }
            }
        }
        return y;
    }

    /** Applies f to every element. */
    public static Tensor map(Tensor a, DoubleUnaryOperator f) {
        Tensor y = a.copy();
        double[] d = y.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(d[i]);
        }
        return y;
    }

    /** Combines two tensors of the same shape element by element. */
    public static Tensor zip(Tensor a, Tensor b, DoubleBinaryOperator f) {
        requireSameShape("Ops.zip", a, b);
        Tensor y = a.copy();
        double[] d = y.data();
        double[] bd = b.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(d[i], bd[i]);
        }
        return y;
    }

    /** Element-wise product. */
    public static Tensor mul(Tensor a, Tensor b) {
        return zip(a, b, (x, y) -> x * y);
    }

    /** Element-wise sum. */
    public static Tensor add(Tensor a, Tensor b) {
        return zip(a, b, Double::sum);
    }

    /** a times the scalar s. */
    public static Tensor scale(Tensor a, double s) {
        return map(a, x -> s * x);
    }

    /** The sum of a_i * b_i over all elements of two tensors of the same shape. */
    public static double dot(Tensor a, Tensor b) {
        requireSameShape("Ops.dot", a, b);
        double s = 0;
        double[] ad = a.data();
        double[] bd = b.data();
        for (int i = 0; i < ad.length; i++) {
            s += ad[i] * bd[i];
        }
        return s;
    }

    /**
     * The central difference (f(p_i + h) - f(p_i - h)) / 2h for one element of p.
     * p: modified during the call and restored, in a finally block, to its exact old value.
     */
    public static double centralDifference(Tensor p, int i, double h, DoubleSupplier f) {
        double[] d = p.data();
        double old = d[i];
        try {
            d[i] = old + h;
            double plus = f.getAsDouble();
            d[i] = old - h;
            double minus = f.getAsDouble();
            return (plus - minus) / (2 * h);
        } finally {
            d[i] = old;
        }
    }

    /** Fails unless a and b have the same shape. */
    public static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.shapeString()
                    + " vs " + b.shapeString());
        }
    }

    /** Fails unless a has the given rank. */
    public static void requireRank(String op, Tensor a, int rank) {
        if (a.rank() != rank) {
            throw new IllegalArgumentException(op + ": expected rank " + rank + ", got "
                    + a.shapeString());
        }
    }
}

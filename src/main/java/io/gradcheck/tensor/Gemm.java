package io.gradcheck.tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * The one matrix multiply everything goes through: C = op(A) * op(B), row-major, double.
 * Kept alone so that a faster kernel can replace it without touching callers.
 *
 * <p>Two kernels, chosen once per JVM by the system property {@code gradcheck.gemm}:
 * <ul>
 *   <li>{@code blas} (the default): netlib-java's {@code dgemm}, which is native OpenBLAS when the
 *       system has it (Debian: {@code libopenblas0-pthread}) and netlib's pure-Java BLAS otherwise.
 *   <li>{@code java}: the loops below. A transposed operand is first copied into row-major order,
 *       so that the inner loop always runs over contiguous memory, which the JIT vectorizes. Four
 *       rows of C are computed at once, so each row of B is loaded once per four rows. Large
 *       products split their rows over the common fork-join pool.
 * </ul>
 * Tests run both kernels against the same triple loop, so that they cannot drift apart.
 */
final class Gemm {
    /** Which implementation computes the product. */
    enum Kernel { JAVA, BLAS }

    static final Kernel DEFAULT = parse(System.getProperty("gradcheck.gemm", "blas"));

    static {
        if (DEFAULT == Kernel.JAVA) {  // else NetlibBlas says which BLAS, when it loads (not here: that would load it)
            Logger.getLogger("io.gradcheck.tensor").fine("matrix multiply: gradcheck's Java loops (gradcheck.gemm=java)");
        }
    }
    private static final int ROWS = 4;  // rows of C per pass over B
    private static final long PARALLEL_FLOPS = 4_000_000;  // below this, threads cost more than they save

    private Gemm() {
    }

    static Kernel parse(String name) {
        try {
            return Kernel.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gradcheck.gemm: expected blas or java, got " + name, e);
        }
    }

    /** The kernel in use, and for blas netlib's implementation class, e.g. "blas (JNIBLAS)". */
    static String describe() {
        return DEFAULT == Kernel.JAVA ? "java" : "blas (" + NetlibBlas.INSTANCE.getClass().getSimpleName() + ")";
    }

    /**
     * c (m x n) = op(a) * op(b), where op(a) is m x k and op(b) is k x n, with the default kernel.
     * a is stored as m x k, or k x m if transA; b as k x n, or n x k if transB.
     * c: modified (overwritten). a, b: not modified.
     */
    static void multiply(double[] a, boolean transA, double[] b, boolean transB, double[] c,
                         int m, int k, int n) {
        multiply(DEFAULT, a, transA, b, transB, c, m, k, n);
    }

    /** As {@link #multiply(double[], boolean, double[], boolean, double[], int, int, int)}, with a chosen kernel. */
    static void multiply(Kernel kernel, double[] a, boolean transA, double[] b, boolean transB, double[] c,
                         int m, int k, int n) {
        if (kernel == Kernel.BLAS) {
            // Row-major C (m, n) is column-major Cᵀ (n, m), and Cᵀ = op(B)ᵀ op(A)ᵀ: swap the operands.
            NetlibBlas.INSTANCE.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
                    1.0, b, transB ? k : n, a, transA ? m : k, 0.0, c, n);
            return;
        }
        double[] A = transA ? transpose(a, k, m) : a;  // (k, m) -> (m, k)
        double[] B = transB ? transpose(b, n, k) : b;  // (n, k) -> (k, n)
        int blocks = (m + ROWS - 1) / ROWS;
        if ((long) m * n * k >= PARALLEL_FLOPS && blocks > 1) {
            IntStream.range(0, blocks).parallel().forEach(blk -> {
                int from = blk * ROWS;  // blocks of ROWS rows: no two threads ever write the same row
                rows(A, B, c, from, Math.min(m, from + ROWS), k, n);
            });
        } else {
            rows(A, B, c, 0, m, k, n);
        }
    }

    /** Rows [from, to) of C = A B, A (m, k) and B (k, n) row-major. */
    private static void rows(double[] A, double[] B, double[] c, int from, int to, int k, int n) {
        int i = from;
        for (; i + ROWS <= to; i += ROWS) {
            int c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
            Arrays.fill(c, c0, c0 + ROWS * n, 0.0);
            for (int p = 0; p < k; p++) {
                double a0 = A[i * k + p], a1 = A[(i + 1) * k + p], a2 = A[(i + 2) * k + p], a3 = A[(i + 3) * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    double bj = B[bp + j];
                    c[c0 + j] += a0 * bj;
                    c[c1 + j] += a1 * bj;
                    c[c2 + j] += a2 * bj;
                    c[c3 + j] += a3 * bj;
                }
            }
        }
        for (; i < to; i++) {
            int ci = i * n;
            Arrays.fill(c, ci, ci + n, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = A[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * B[bp + j];
                }
            }
        }
    }

    /** (r, s) row-major -> (s, r) row-major, in blocks that stay in cache. */
    static double[] transpose(double[] x, int r, int s) {
        double[] t = new double[r * s];
        final int blk = 32;
        for (int i0 = 0; i0 < r; i0 += blk) {
            for (int j0 = 0; j0 < s; j0 += blk) {
                for (int i = i0; i < Math.min(r, i0 + blk); i++) {
                    for (int j = j0; j < Math.min(s, j0 + blk); j++) {
                        t[j * r + i] = x[i * s + j];
                    }
                }
            }
        }
        return t;
    }
}

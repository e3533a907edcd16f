package io.gradcheck.tensor;

/**
 * The one matrix multiply everything goes through: C = op(A) * op(B), row-major, double.
 * Kept alone so that a faster kernel can replace it without touching callers.
 */
final class Gemm {
    private Gemm() {
    }

    /**
     * c (m x n) = op(a) * op(b), where op(a) is m x k and op(b) is k x n.
     * a is stored as m x k, or k x m if transA; b as k x n, or n x k if transB.
     * c: modified (overwritten). a, b: not modified.
     */
    static void multiply(double[] a, boolean transA, double[] b, boolean transB, double[] c,
                         int m, int k, int n) {
        java.util.Arrays.fill(c, 0, m * n, 0.0);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[p * m + i] : a[i * k + p];
                if (aip == 0.0) {
                    continue;
                }
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[j * k + p];
                    }
                } else {
                    int bp = p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }
}

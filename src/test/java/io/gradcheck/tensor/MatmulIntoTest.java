package io.gradcheck.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Ops.matmulInto, the product written into a caller's buffer, on both its Tensor and its array form. */
class MatmulIntoTest {
    private static final long SEED = 20261202L;

    /** The textbook triple loop of op(a) (m, k) times op(b) (k, n); a stored (k, m) when transA, b (n, k) when transB. */
    private static double[] product(double[] a, boolean transA, double[] b, boolean transB, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    c[i * n + j] += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                }
            }
        }
        return c;
    }

    @Test
    void theTensorFormOverwritesItsBufferWithTheProductForEveryTranspose() {
        int m = 3, k = 5, n = 4;
        for (int t = 0; t < 4; t++) {
            boolean transA = (t & 1) != 0, transB = (t & 2) != 0;
            Tensor a = transA ? Tensor.randn(SEED + t, 1, k, m) : Tensor.randn(SEED + t, 1, m, k);
            Tensor b = transB ? Tensor.randn(SEED + 10 + t, 1, n, k) : Tensor.randn(SEED + 10 + t, 1, k, n);
            double[] stale = new double[m * n];
            Arrays.fill(stale, 7.0);  // a reused buffer: what it held before must not leak into the product
            Tensor c = Tensor.wrap(stale, m, n);
            Ops.matmulInto(a, transA, b, transB, c);
            assertArrayEquals(product(a.data(), transA, b.data(), transB, m, k, n), c.data(), 1e-12,
                    "transA " + transA + ", transB " + transB + ", seed " + SEED);
        }
    }

    @Test
    void theTensorFormNamesBothShapesWhenTheBufferIsWrong() {
        Tensor a = Tensor.zeros(3, 5), b = Tensor.zeros(5, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ops.matmulInto(a, false, b, false, Tensor.zeros(4, 3)));
        assertEquals("Ops.matmulInto: expected c [3, 4], got [4, 3]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ops.matmulInto(a, false, b, false, Tensor.zeros(12)));
        assertThrows(IllegalArgumentException.class, () -> Ops.matmulInto(a, false, b, false, Tensor.zeros(3, 5)));
    }

    @Test
    void theArrayFormWritesOnlyTheFirstMTimesNValuesOfLongerArrays() {
        int m = 2, k = 3, n = 4;
        double[] a = Tensor.randn(SEED, 1, 10).data(), b = Tensor.randn(SEED + 1, 1, 20).data();
        double[] c = new double[m * n + 3];
        Arrays.fill(c, -1.0);
        Ops.matmulInto(a, false, b, true, c, m, k, n);
        assertArrayEquals(product(a, false, b, true, m, k, n), Arrays.copyOf(c, m * n), 1e-12, "seed " + SEED);
        assertArrayEquals(new double[] {-1, -1, -1}, Arrays.copyOfRange(c, m * n, c.length), "past m*n: untouched");
    }

    @Test
    void theArrayFormAcceptsArraysOfExactlyTheSizeAndRefusesShorterOnesOrEmptySizes() {
        int m = 2, k = 3, n = 4;
        double[] a = new double[m * k], b = new double[k * n], c = new double[m * n];
        Ops.matmulInto(a, false, b, false, c, m, k, n);  // exact sizes are enough
        assertThrows(IllegalArgumentException.class, () -> Ops.matmulInto(new double[m * k - 1], false, b, false, c, m, k, n));
        assertThrows(IllegalArgumentException.class, () -> Ops.matmulInto(a, false, new double[k * n - 1], false, c, m, k, n));
        assertThrows(IllegalArgumentException.class, () -> Ops.matmulInto(a, false, b, false, new double[m * n - 1], m, k, n));
        assertThrows(IllegalArgumentException.class, () -> Ops.matmulInto(a, false, b, false, c, 0, k, n));
        assertThrows(IllegalArgumentException.class, () -> Ops.matmulInto(a, false, b, false, c, m, 0, n));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ops.matmulInto(a, false, b, false, c, m, k, -1));
        assertEquals("Ops.matmulInto: (2, 3) times (3, -1) needs arrays of 6, -3 and -2 values, got 6, 12 and 8",
                e.getMessage());
    }

    /** The buffers of perf-step's layers are kept while Tensor.hasShape says their shape is still the one wanted. */
    @Test
    void hasShapeIsTrueForItsOwnShapeAlone() {
        Tensor t = Tensor.zeros(2, 3);
        assertEquals(true, t.hasShape(2, 3));
        assertEquals(false, t.hasShape(3, 2));
        assertEquals(false, t.hasShape(6));
        assertEquals(false, t.hasShape(2, 3, 1));
    }

    /** reshape infers one -1, and refuses a zero or a negative dimension. */
    @Test
    void reshapeInfersOneMinusOneAndRefusesZeroOrNegativeDimensions() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertEquals("[6, 4]", t.reshape(-1, 4).shapeString());
        assertEquals("[2, 12]", t.reshape(2, -1).shapeString());
        assertThrows(IllegalArgumentException.class, () -> t.reshape(0, 24));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(-2, -12));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1).reshape(-1, 0));
    }
}

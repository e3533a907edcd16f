package io.gradcheck.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class OpsTest {
    private final Well19937c rng = new Well19937c(42);

    private static double[] naiveMatmul(Tensor a, Tensor b) {
        int m = a.dim(0), k = a.dim(1), n = b.dim(1);
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    c[i * n + j] += a.at(i, p) * b.at(p, j);
                }
            }
        }
        return c;
    }

    @Test
    void matmulAndItsTransposedVariantsAgreeWithTheTextbookTripleLoop() {
        for (int trial = 0; trial < 30; trial++) {
            int m = 1 + rng.nextInt(7), k = 1 + rng.nextInt(7), n = 1 + rng.nextInt(7);
            Tensor a = Tensor.randn(rng, 1, m, k), b = Tensor.randn(rng, 1, k, n);
            double[] want = naiveMatmul(a, b);
            assertArrayEquals(want, Ops.matmul(a, b).data(), 1e-12);
            assertArrayEquals(want, Ops.matmulTransA(Ops.transpose(a), b).data(), 1e-12);
            assertArrayEquals(want, Ops.matmulTransB(a, Ops.transpose(b)).data(), 1e-12);
            assertArrayEquals(new int[] {m, n}, Ops.matmul(a, b).shape());
        }
    }

    @Test
    void largeProductsSplitOverThreadsGiveTheSameResult() {
        Tensor a = Tensor.randn(rng, 1, 203, 150), b = Tensor.randn(rng, 1, 150, 131);  // 4.0M multiply-adds, 203 = 4*50 + 3
        assertArrayEquals(naiveMatmul(a, b), Ops.matmul(a, b).data(), 1e-10);
        assertArrayEquals(naiveMatmul(a, b), Ops.matmulTransB(a, Ops.transpose(b)).data(), 1e-10);
    }

    @Test
    void matmulRejectsMismatchedShapesNamingBoth() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Ops.matmul(Tensor.zeros(2, 3), Tensor.zeros(4, 5)));
        assertEquals("Ops.matmul: inner dimensions differ: [2, 3] and [4, 5]", e.getMessage());
    }

    @Test
    void permuteMovesEveryElementToItsNewIndex() {
        Tensor a = Tensor.randn(rng, 1, 2, 3, 4, 5);  // (N, OH, OW, FN)
        Tensor p = Ops.permute(a, 0, 3, 1, 2);        // (N, FN, OH, OW)
        assertArrayEquals(new int[] {2, 5, 3, 4}, p.shape());
        for (int n = 0; n < 2; n++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    for (int f = 0; f < 5; f++) {
                        assertEquals(a.at(n, y, x, f), p.at(n, f, y, x));
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Ops.permute(a, 0, 0, 1, 2));
    }

    @Test
    void sumOverAnAxisDropsThatAxis() {
        Tensor a = Tensor.randn(rng, 1, 2, 3, 4);
        Tensor s1 = Ops.sum(a, 1);
        assertArrayEquals(new int[] {2, 4}, s1.shape());
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 4; k++) {
                double want = a.at(i, 0, k) + a.at(i, 1, k) + a.at(i, 2, k);
                assertEquals(want, s1.at(i, k), 1e-12);
            }
        }
        Tensor v = Tensor.of(new double[] {1, 2, 3}, 3);
        assertEquals(6.0, Ops.sum(v, 0).get(0));
    }

    @Test
    void addRowVectorBroadcastsOverRowsAndChecksShapes() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new double[] {11, 22, 13, 24},
                Ops.addRowVector(a, Tensor.of(new double[] {10, 20}, 2)).data());
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.addRowVector(a, Tensor.zeros(3)));
        assertEquals("Ops.addRowVector: expected [m, n] and [n], got [2, 2] and [3]", e.getMessage());
    }

    @Test
    void elementwiseOperationsRequireTheSameShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.dot(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertEquals("Ops.dot: shapes differ: [2, 3] vs [3, 2]", e.getMessage());
        Tensor a = Tensor.of(new double[] {1, -2}, 2);
        assertEquals(5.0, Ops.dot(a, a));
        assertArrayEquals(new double[] {2, -4}, Ops.scale(a, 2).data());
        assertArrayEquals(new double[] {1, 4}, Ops.mul(a, a).data());
        assertArrayEquals(new double[] {2, -4}, Ops.add(a, a).data());
        assertArrayEquals(new double[] {1, -2}, a.data(), "arguments are not modified");
    }

    @Test
    void centralDifferenceRestoresTheValueEvenWhenTheFunctionThrows() {
        Tensor p = Tensor.of(new double[] {0.1, 0.7}, 2);
        assertEquals(2 * 0.7, Ops.centralDifference(p, 1, 1e-5, () -> p.get(1) * p.get(1)), 1e-9);
        assertThrows(IllegalStateException.class, () -> Ops.centralDifference(p, 0, 1e-5, () -> {
            throw new IllegalStateException("boom");
        }));
        assertArrayEquals(new double[] {0.1, 0.7}, p.data(), 0.0);
    }
}

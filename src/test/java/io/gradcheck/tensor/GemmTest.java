package io.gradcheck.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Both kernels, whichever is the default, against one triple loop on random shapes and all four transposes. */
class GemmTest {
    private final Well19937c rng = new Well19937c(7);

    private static double[] tripleLoop(double[] a, boolean ta, double[] b, boolean tb, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private double[] randn(int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Gemm.Kernel.class)
    void everyKernelAgreesWithTheTripleLoopOnRandomShapesAndTransposes(Gemm.Kernel kernel) {
        for (int trial = 0; trial < 60; trial++) {
            int m = 1 + rng.nextInt(trial < 50 ? 9 : 140), k = 1 + rng.nextInt(trial < 50 ? 9 : 140);
            int n = 1 + rng.nextInt(trial < 50 ? 9 : 140);
            boolean ta = rng.nextBoolean(), tb = rng.nextBoolean();
            double[] a = randn(m * k), b = randn(k * n);
            double[] c = randn(m * n);  // garbage: the kernel must overwrite, not accumulate
            Gemm.multiply(kernel, a, ta, b, tb, c, m, k, n);
            assertArrayEquals(tripleLoop(a, ta, b, tb, m, k, n), c, 1e-11 * k,
                    kernel + " " + m + "x" + k + "x" + n + " transA=" + ta + " transB=" + tb);
        }
    }

    @ParameterizedTest
    @EnumSource(Gemm.Kernel.class)
    void everyKernelHandlesTheConvolutionShapeOfTheBookNet(Gemm.Kernel kernel) {
        int m = 30, k = 25, n = 2 * 576;  // W (FN, C*FH*FW) times colᵀ for two images
        double[] a = randn(m * k), b = randn(n * k), c = new double[m * n];
        Gemm.multiply(kernel, a, false, b, true, c, m, k, n);
        assertArrayEquals(tripleLoop(a, false, b, true, m, k, n), c, 1e-10);
    }

    @Test
    void theJavaKernelSplitsALargeProductOverThreadsWithoutLosingARow() {
        int m = 37, k = 300, n = 400;  // 4.4 million multiply-adds: above the parallel threshold; m is not a multiple of 4
        double[] a = randn(m * k), b = randn(k * n), c = randn(m * n);
        Gemm.multiply(Gemm.Kernel.JAVA, a, false, b, false, c, m, k, n);
        assertArrayEquals(tripleLoop(a, false, b, false, m, k, n), c, 1e-11 * k);
    }

    @Test
    void theThreadsOfALargeProductGiveTheBitsOfItsRowsComputedOneBlockAtATime() {
        int m = 256, k = 128, n = 128;  // 4.2 million multiply-adds in 64 blocks of 4 rows: split over threads
        double[] a = randn(m * k), b = randn(k * n);
        double[] serial = new double[m * n];
        for (int i = 0; i < m; i += 4) {  // 4 x 128 x 128 is below the threshold: the one-thread loop
            double[] rows = new double[4 * n];
            Gemm.multiply(Gemm.Kernel.JAVA, Arrays.copyOfRange(a, i * k, (i + 4) * k), false, b, false, rows, 4, k, n);
            System.arraycopy(rows, 0, serial, i * n, 4 * n);
        }
        for (int run = 0; run < 20; run++) {  // threads that wrote each other's rows would show in some run
            double[] c = randn(m * n);
            Gemm.multiply(Gemm.Kernel.JAVA, a, false, b, false, c, m, k, n);
            assertArrayEquals(serial, c, 0.0, "run " + run);
        }
    }

    @Test
    void describeNamesTheDefaultKernel() {
        String d = Gemm.describe();
        if (Gemm.DEFAULT == Gemm.Kernel.JAVA) {
            assertEquals("java", d);
        } else {
            assertTrue(d.matches("blas \\(\\w+\\)"), d);
        }
    }

    @Test
    void theKernelIsChosenByNameAndAWrongNameIsRefused() {
        assertEquals(Gemm.Kernel.JAVA, Gemm.parse("java"));
        assertEquals(Gemm.Kernel.BLAS, Gemm.parse(" BLAS "));
        var e = assertThrows(IllegalArgumentException.class, () -> Gemm.parse("cuda"));
        assertEquals("gradcheck.gemm: expected blas or java, got cuda", e.getMessage());
    }
}

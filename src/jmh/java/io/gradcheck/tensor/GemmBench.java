package io.gradcheck.tensor;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Gemm} on the shapes that matter, with each kernel, and a 512³ product as the yardstick. One operation is one floating-point
 * operation (2mnk per product), and the unit is ns, so the score reads directly as GFLOP/s.
 * In the benchmark's package because Gemm is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GemmBench {
    @Param({"blas", "java"})
    public String kernel;
    private Gemm.Kernel k;
    private double[] col, w, convOut;    // the old conv orientation: col (57600, 25) times Wᵀ (25, 30)
    private double[] x2, w2, affineOut;  // Affine1 forward: (100, 4320) times (4320, 100)
    private double[] a, b, c;            // 512³
    private double[] w30, colT, out30;   // the convolution since issue 7: W (30, 25) times colT (25, 57600)
    private double[] colTg, outG;        // and since issue 18 per group of 4 images: W (30, 25) times colT_g (25, 2304)
    private double[] dWg;                // dW's share of a group: d2_g (30, 2304) times colT_gᵀ (2304, 25)

    private static double[] randn(Random r, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Setup
    public void setup() {
        k = Gemm.parse(kernel);
        Random r = new Random(1);
        col = randn(r, 57600 * 25);
        w = randn(r, 30 * 25);
        convOut = new double[57600 * 30];
        x2 = randn(r, 100 * 4320);
        w2 = randn(r, 4320 * 100);
        affineOut = new double[100 * 100];
        a = randn(r, 512 * 512);
        b = randn(r, 512 * 512);
        c = new double[512 * 512];
        w30 = randn(r, 30 * 25);
        colT = randn(r, 25 * 57600);
        out30 = new double[30 * 57600];
        colTg = randn(r, 25 * 2304);
        outG = new double[30 * 2304];
        dWg = new double[30 * 25];
    }

    @Benchmark
    @OperationsPerInvocation(2 * 30 * 25 * 57600)
    public double[] convBatch30x25x57600() {
        Gemm.multiply(k, w30, false, colT, false, out30, 30, 25, 57600);
        return out30;
    }

    @Benchmark
    @OperationsPerInvocation(2 * 30 * 25 * 2304)
    public double[] convGroup30x25x2304() {
        Gemm.multiply(k, w30, false, colTg, false, outG, 30, 25, 2304);
        return outG;
    }

    @Benchmark
    @OperationsPerInvocation(2 * 30 * 2304 * 25)
    public double[] convGroupDw30x2304x25() {
        Gemm.multiply(k, outG, false, colTg, true, dWg, 30, 2304, 25);
        return dWg;
    }

    @Benchmark
    @OperationsPerInvocation(2 * 57600 * 25 * 30)
    public double[] conv57600x25x30() {
        Gemm.multiply(k, col, false, w, true, convOut, 57600, 25, 30);
        return convOut;
    }

    @Benchmark
    @OperationsPerInvocation(2 * 100 * 4320 * 100)
    public double[] affine100x4320x100() {
        Gemm.multiply(k, x2, false, w2, false, affineOut, 100, 4320, 100);
        return affineOut;
    }

    @Benchmark
    @OperationsPerInvocation(2 * 512 * 512 * 512)
    public double[] cube512() {
        Gemm.multiply(k, a, false, b, false, c, 512, 512, 512);
        return c;
    }
}

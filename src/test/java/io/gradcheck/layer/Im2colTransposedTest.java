package io.gradcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The convolution's transposed im2col and col2im against the book's versions, writing into buffers
 * full of NaN: their contract is to overwrite every element, whatever the buffer held before.
 */
class Im2colTransposedTest {
    private final Well19937c rng = new Well19937c(11);
    private final int n = 2, c = 2, h = 4, w = 5, fh = 3, fw = 2, stride = 1, pad = 1;
    private final int outH = (h + 2 * pad - fh) / stride + 1, outW = (w + 2 * pad - fw) / stride + 1;

    @Test
    void im2colTIsTheTransposeOfIm2colAndOverwritesPaddingToo() {
        Tensor x = Tensor.randn(rng, 1, n, c, h, w);
        double[] colT = new double[c * fh * fw * n * outH * outW];
        Arrays.fill(colT, Double.NaN);
        Im2col.im2colT(x.data(), n, c, h, w, fh, fw, stride, pad, outH, outW, colT);
        assertArrayEquals(Ops.transpose(Im2col.im2col(x, fh, fw, stride, pad)).data(), colT, 0.0);
    }

    @Test
    void col2imTAgreesWithCol2imOfTheTransposeAndOverwritesDx() {
        Tensor colT = Tensor.randn(rng, 1, c * fh * fw, n * outH * outW);
        double[] dx = new double[n * c * h * w];
        Arrays.fill(dx, Double.NaN);
        Im2col.col2imT(colT.data(), n, c, h, w, fh, fw, stride, pad, outH, outW, dx);
        Tensor want = Im2col.col2im(Ops.transpose(colT), new int[] {n, c, h, w}, fh, fw, stride, pad);
        assertArrayEquals(want.data(), dx, 1e-12);  // the two sum overlapping windows in other orders
    }
}

package io.gradcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gradcheck.tensor.Tensor;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each of pooling's loops (2x2 unrolled, unpadded, padded) against one plain reference, ties included. */
class PoolingPathsTest {
    @ParameterizedTest
    @CsvSource({"2, 2, 2, 0", "3, 3, 2, 0", "2, 3, 1, 0", "2, 2, 2, 1", "3, 2, 3, 2"})
    void everyLoopTakesTheFirstMaximumOfEachWindowLikeTheReference(int ph, int pw, int stride, int pad) {
        Well19937c rng = new Well19937c(ph * 1000 + pw * 100 + stride * 10 + pad);
        int n = 2, c = 3, h = 7, w = 8;
        Tensor x = Tensor.zeros(n, c, h, w);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, rng.nextInt(3) - 1);  // few distinct values: many ties, and negatives against the zero padding
        }
        int outH = (h + 2 * pad - ph) / stride + 1, outW = (w + 2 * pad - pw) / stride + 1;
        double[] want = new double[n * c * outH * outW];
        int[] wantArg = new int[want.length];
        int o = 0;
        for (int nc = 0; nc < n * c; nc++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    wantArg[o] = Integer.MIN_VALUE;
                    for (int i = 0; i < ph; i++) {
                        for (int j = 0; j < pw; j++) {
                            int y = oy * stride + i - pad, xx = ox * stride + j - pad;
                            boolean in = y >= 0 && y < h && xx >= 0 && xx < w;
                            double v = in ? x.get((nc * h + y) * w + xx) : 0.0;
                            if (wantArg[o] == Integer.MIN_VALUE || v > want[o]) {
                                want[o] = v;
                                wantArg[o] = in ? (nc * h + y) * w + xx : -1;
                            }
                        }
                    }
                }
            }
        }
        Pooling pool = new Pooling(ph, pw, stride, pad);
        for (int pass = 0; pass < 2; pass++) {  // the second pass reuses the argmax buffer
            assertArrayEquals(want, pool.forward(x).data());
            assertArrayEquals(wantArg, pool.branches());
        }
    }
}

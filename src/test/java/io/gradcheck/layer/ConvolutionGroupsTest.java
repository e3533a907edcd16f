package io.gradcheck.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The convolution computes its batch in groups of {@link Convolution#GROUP} images: on 9 images
 * (groups of 4, 4 and 1) every image's output and dx are those of the image alone, and dW and db the
 * sums of the images' own. Then a batch of another size, and the first again: the reused arrays
 * give what a new layer gives.
 */
class ConvolutionGroupsTest {
    private static final double TOL = 1e-12;

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
    }

    private static Tensor image(Tensor x, int i) {
        int per = x.size() / x.dim(0);
        int[] s = x.shape();
        s[0] = 1;
        return Tensor.wrap(Arrays.copyOfRange(x.data(), i * per, (i + 1) * per), s);
    }

    @Test
    void aBatchOfNineImagesIsEachImageAloneAndTheGradientsTheirSums() {
        long seed = 1805;
        Well19937c rng = new Well19937c(seed);
        Tensor W = Tensor.randn(rng, 1, 3, 2, 3, 3), b = Tensor.randn(rng, 1, 3);
        Tensor x = Tensor.randn(rng, 1, 9, 2, 7, 5);
        Convolution batch = new Convolution(W, b, 2, 1);
        Tensor out = batch.forward(x).copy();
        Tensor dout = Tensor.randn(rng, 1, out.shape());
        Tensor dx = batch.backward(dout).copy();
        Tensor dW = batch.grads().get("W").copy(), db = batch.grads().get("b").copy();
        double[] sumW = new double[dW.size()], sumB = new double[db.size()];
        int perOut = out.size() / 9, perX = dx.size() / 9;
        for (int i = 0; i < 9; i++) {
            Convolution one = new Convolution(W, b, 2, 1);
            Tensor o = one.forward(image(x, i));
            for (int j = 0; j < perOut; j++) {
                assertClose(o.get(j), out.get(i * perOut + j), "seed " + seed + ", image " + i + ", out " + j);
            }
            Tensor d = one.backward(image(dout, i));
            for (int j = 0; j < perX; j++) {
                assertClose(d.get(j), dx.get(i * perX + j), "seed " + seed + ", image " + i + ", dx " + j);
            }
            for (int j = 0; j < sumW.length; j++) {
                sumW[j] += one.grads().get("W").get(j);
            }
            for (int j = 0; j < sumB.length; j++) {
                sumB[j] += one.grads().get("b").get(j);
            }
        }
        for (int j = 0; j < sumW.length; j++) {
            assertClose(sumW[j], dW.get(j), "seed " + seed + ", dW " + j);
        }
        for (int j = 0; j < sumB.length; j++) {
            assertClose(sumB[j], db.get(j), "seed " + seed + ", db " + j);
        }
    }

    @Test
    void afterABatchOfAnotherSizeTheReusedArraysGiveWhatANewLayerGives() {
        long seed = 1806;
        Well19937c rng = new Well19937c(seed);
        Tensor W = Tensor.randn(rng, 1, 2, 1, 2, 2), b = Tensor.randn(rng, 1, 2);
        Tensor x9 = Tensor.randn(rng, 1, 9, 1, 5, 5), x2 = Tensor.randn(rng, 1, 2, 1, 5, 5);
        Tensor dout9 = Tensor.randn(rng, 1, 9, 2, 4, 4), dout2 = Tensor.randn(rng, 1, 2, 2, 4, 4);
        Convolution used = new Convolution(W, b, 1, 0);
        used.forward(x9);
        used.backward(dout9);
        used.forward(x2);
        used.backward(dout2);
        Tensor out = used.forward(x9).copy();
        Tensor dx = used.backward(dout9);
        Convolution fresh = new Convolution(W, b, 1, 0);
        Tensor outF = fresh.forward(x9);
        Tensor dxF = fresh.backward(dout9);
        for (int j = 0; j < out.size(); j++) {
            assertEquals(Double.doubleToLongBits(outF.get(j)), Double.doubleToLongBits(out.get(j)), "seed " + seed + ", out " + j);
        }
        for (int j = 0; j < dx.size(); j++) {
            assertEquals(Double.doubleToLongBits(dxF.get(j)), Double.doubleToLongBits(dx.get(j)), "seed " + seed + ", dx " + j);
        }
        for (String k : new String[] {"W", "b"}) {
            for (int j = 0; j < fresh.grads().get(k).size(); j++) {
                assertEquals(Double.doubleToLongBits(fresh.grads().get(k).get(j)),
                        Double.doubleToLongBits(used.grads().get(k).get(j)), "seed " + seed + ", d" + k + " " + j);
            }
        }
    }
}

package io.gradcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class LayerTest {
    private final Well19937c rng = new Well19937c(7);

    /** Convolution straight from its definition, as the oracle for the im2col version. */
    private static double naiveConv(Tensor x, Tensor W, Tensor b, int stride, int pad, int n, int f, int oy, int ox) {
        double s = b.get(f);
        for (int c = 0; c < W.dim(1); c++) {
            for (int i = 0; i < W.dim(2); i++) {
                for (int j = 0; j < W.dim(3); j++) {
                    int y = oy * stride + i - pad, xx = ox * stride + j - pad;
                    if (y >= 0 && y < x.dim(2) && xx >= 0 && xx < x.dim(3)) {
                        s += W.at(f, c, i, j) * x.at(n, c, y, xx);
                    }
                }
            }
        }
        return s;
    }

    @Test
    void convolutionForwardAgreesWithTheDefinitionOnRandomShapes() {
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rng.nextInt(2), c = 1 + rng.nextInt(3), fn = 1 + rng.nextInt(3), fh = 1 + rng.nextInt(3);
            int stride = 1 + rng.nextInt(2), pad = rng.nextInt(2), outH = 1 + rng.nextInt(3), outW = 1 + rng.nextInt(3);
            int h = (outH - 1) * stride + fh - 2 * pad, w = (outW - 1) * stride + fh - 2 * pad;
            if (h < 1 || w < 1) {
                continue;
            }
            Tensor W = Tensor.randn(rng, 1, fn, c, fh, fh), b = Tensor.randn(rng, 1, fn), x = Tensor.randn(rng, 1, n, c, h, w);
            Tensor out = new Convolution(W, b, stride, pad).forward(x);
            assertArrayEquals(new int[] {n, fn, outH, outW}, out.shape());
            for (int i = 0; i < out.size(); i++) {
                int[] k = out.unflatten(i);
                assertEquals(naiveConv(x, W, b, stride, pad, k[0], k[1], k[2], k[3]), out.get(i), 1e-12);
            }
        }
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        for (int trial = 0; trial < 40; trial++) {
            int fh = 1 + rng.nextInt(3), fw = 1 + rng.nextInt(3), stride = 1 + rng.nextInt(2), pad = rng.nextInt(2);
            int[] s = {1 + rng.nextInt(2), 1 + rng.nextInt(2), fh + rng.nextInt(4), fw + rng.nextInt(4)};
            Tensor x = Tensor.randn(rng, 1, s);
            Tensor col = Im2col.im2col(x, fh, fw, stride, pad);
            Tensor c = Tensor.randn(rng, 1, col.shape());
            // <im2col(x), c> = <x, col2im(c)> holds exactly only if col2im adds where windows overlap
            assertEquals(Ops.dot(col, c), Ops.dot(x, Im2col.col2im(c, s, fh, fw, stride, pad)), 1e-10);
        }
    }

    @Test
    void im2colUnfoldsWindowsInTheBooksOrder() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor col = Im2col.im2col(x, 2, 2, 1, 0);
        assertArrayEquals(new int[] {4, 4}, col.shape());
        assertArrayEquals(new double[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, col.data());
    }

    @Test
    void poolingTakesTheMaximumAndRoutesTheGradientToTheFirstOfTiedMaxima() {
        Pooling pool = new Pooling(2, 2, 2, 0);
        Tensor x = Tensor.of(new double[] {1, 3, 0, 0, 3, 2, 0, 0, 5, 5, 5, 5, 5, 5, 5, 5}, 1, 1, 4, 4);
        Tensor out = pool.forward(x);
        assertArrayEquals(new double[] {3, 0, 5, 5}, out.data());
        Tensor dx = pool.backward(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertArrayEquals(new double[] {0, 1, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0}, dx.data());
    }

    @Test
    void noBackwardModifiesDout() {
        Tensor W = Tensor.randn(rng, 1, 2, 1, 2, 2), b = Tensor.randn(rng, 1, 2);
        List<Layer> layers = List.of(new Relu(), new Pooling(2, 2, 1, 0), new Convolution(W, b, 1, 0),
                new Affine(Tensor.randn(rng, 1, 16, 3), Tensor.randn(rng, 1, 3)));
        for (Layer layer : layers) {
            Tensor x = Tensor.randn(rng, 1, 2, 1, 4, 4);
            Tensor xCopy = x.copy();
            Tensor dout = Tensor.randn(rng, 1, layer.forward(x).shape());
            Tensor doutCopy = dout.copy();
            layer.backward(dout);
            assertArrayEquals(doutCopy.data(), dout.data(), 0.0, layer + " modified dout");
            assertArrayEquals(xCopy.data(), x.data(), 0.0, layer + " modified x");
        }
    }

    @Test
    void affineFlattensTheInputAndGivesDxBackInItsShape() {
        Affine affine = new Affine(Tensor.randn(rng, 1, 12, 5), Tensor.zeros(5));
        Tensor x = Tensor.randn(rng, 1, 2, 3, 2, 2);
        assertArrayEquals(new int[] {2, 5}, affine.forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 2, 2}, affine.backward(Tensor.zeros(2, 5)).shape());
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Affine(Tensor.zeros(4320, 100), Tensor.zeros(100)).forward(Tensor.zeros(2, 30, 10, 10)));
        assertEquals("Affine.forward: expected [N, 4320], got [2, 30, 10, 10]", e.getMessage());
    }

    @Test
    void layersRejectWrongShapesNamingTheLayerAndBothShapes() {
        Convolution conv = new Convolution(Tensor.zeros(3, 2, 3, 3), Tensor.zeros(3), 1, 0);
        assertEquals("Convolution.forward: expected [N, 2, H, W], got [1, 1, 5, 5]",
                assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 1, 5, 5))).getMessage());
        Convolution strided = new Convolution(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(1), 2, 0);
        assertEquals("Convolution.forward: output height is not whole: (6 + 2*0 - 3) / 2 = 3/2",
                assertThrows(IllegalArgumentException.class, () -> strided.forward(Tensor.zeros(1, 1, 6, 7))).getMessage());
        assertEquals("Convolution.forward: window 3 does not fit height: 2 + 2*0 = 2 < 3",
                assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 2, 2, 5))).getMessage());
        Relu relu = new Relu();
        relu.forward(Tensor.zeros(2, 3));
        assertEquals("Relu.backward: expected [2, 3], got [3, 2]",
                assertThrows(IllegalArgumentException.class, () -> relu.backward(Tensor.zeros(3, 2))).getMessage());
        assertEquals("Relu.backward: backward called before forward",
                assertThrows(IllegalStateException.class, () -> new Relu().backward(Tensor.zeros(1))).getMessage());
        assertEquals("Affine: expected W [D, M] and b [M], got [4, 3] and [4]",
                assertThrows(IllegalArgumentException.class, () -> new Affine(Tensor.zeros(4, 3), Tensor.zeros(4))).getMessage());
    }

    @Test
    void softmaxWithLossIsExactAndStableForHugeScores() {
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        Tensor x = Tensor.of(new double[] {1000, 0, -1000, 2, 1, 0}, 2, 3);
        double l = loss.forward(x, Labels.indices(1, 0));
        double want = (1000.0 + (2 + Math.log(1 + Math.exp(-1) + Math.exp(-2)) - 2)) / 2;
        assertEquals(want, l, 1e-12);
        Tensor dx = loss.backward(1.0);
        assertEquals((1.0 - 0.0) / 2, dx.at(0, 0), 1e-12);
        assertEquals(-1.0 / 2, dx.at(0, 1), 1e-12);
        Tensor oneHot = Tensor.of(new double[] {0, 1, 0, 1, 0, 0}, 2, 3);
        assertEquals(l, new SoftmaxWithLoss().forward(x, Labels.oneHot(oneHot)), 0.0);
    }

    @Test
    void labelsAreValidated() {
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        assertEquals("SoftmaxWithLoss.forward: label 1 is 3, outside [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> loss.forward(Tensor.zeros(2, 3), Labels.indices(0, 3))).getMessage());
        assertEquals("SoftmaxWithLoss.forward: 2 examples but 1 labels",
                assertThrows(IllegalArgumentException.class, () -> loss.forward(Tensor.zeros(2, 3), Labels.indices(0))).getMessage());
        assertEquals("Labels.oneHot: row 0 is not one-hot: [1.0, 1.0]",
                assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(Tensor.of(new double[] {1, 1}, 1, 2))).getMessage());
        assertEquals("Labels.oneHot: row 0 has no 1",
                assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(Tensor.zeros(1, 2))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Labels.indices(-1));
    }
}

package io.gradcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The edges the gradient checks never reach: bad arguments, zero inputs, and the messages. */
class LayerEdgesTest {
    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void labelsTellTheirCountAndPrintTheirClasses() {
        Labels labels = Labels.indices(2, 0, 1);
        assertEquals(3, labels.size());
        assertEquals("Labels[2, 0, 1]", labels.toString());
    }

    @Test
    void aSliceMayRunToEitherEndButNotBeyondNorBeEmpty() {
        Labels labels = Labels.indices(2, 0, 1);
        assertEquals("Labels[2, 0, 1]", labels.slice(0, 3).toString());
        assertEquals("Labels[0]", labels.slice(1, 2).toString());
        assertEquals("Labels.slice: [-1, 2) is not a non-empty range of 3 labels", message(() -> labels.slice(-1, 2)));
        assertEquals("Labels.slice: [1, 4) is not a non-empty range of 3 labels", message(() -> labels.slice(1, 4)));
        assertEquals("Labels.slice: [2, 2) is not a non-empty range of 3 labels", message(() -> labels.slice(2, 2)));
    }

    @Test
    void aBadOneHotRowIsPrintedWithItsOwnValues() {
        Tensor t = Tensor.of(new double[] {0, 1, 0, 0.5, 0, 0}, 2, 3);
        assertEquals("Labels.oneHot: row 1 is not one-hot: [0.5, 0.0, 0.0]", message(() -> Labels.oneHot(t)));
    }

    @Test
    void affineBackwardRejectsDoutOfTheWrongShapeAndACallBeforeForward() {
        Affine affine = new Affine(Tensor.zeros(4, 3), Tensor.zeros(3));
        assertEquals("Affine.backward: backward called before forward",
                assertThrows(IllegalStateException.class, () -> affine.backward(Tensor.zeros(2, 3))).getMessage());
        affine.forward(Tensor.zeros(2, 4));
        assertEquals("Affine.backward: expected [2, 3], got [2, 4]", message(() -> affine.backward(Tensor.zeros(2, 4))));
    }

    @Test
    void convolutionBackwardRejectsDoutOfTheWrongShape() {
        Convolution conv = new Convolution(Tensor.zeros(2, 1, 2, 2), Tensor.zeros(2), 1, 0);
        conv.forward(Tensor.zeros(1, 1, 3, 3));
        assertEquals("Convolution.backward: expected [1, 2, 2, 2], got [1, 2, 2, 3]",
                message(() -> conv.backward(Tensor.zeros(1, 2, 2, 3))));
        assertEquals("Convolution.backward: expected [1, 2, 2, 2], got [2, 2, 2, 2]",
                message(() -> conv.backwardParams(Tensor.zeros(2, 2, 2, 2))));
    }

    @Test
    void poolingBackwardRejectsDoutOfTheWrongShape() {
        Pooling pool = new Pooling(2, 2, 2, 0);
        pool.forward(Tensor.zeros(1, 2, 4, 4));
        assertEquals("Pooling.backward: expected [1, 2, 2, 2], got [1, 2, 2, 1]",
                message(() -> pool.backward(Tensor.zeros(1, 2, 2, 1))));
    }

    @Test
    void col2imRejectsAColumnMatrixOfTheWrongShape() {
        assertEquals("Im2col.col2im: expected [4, 4], got [3, 4]",
                message(() -> Im2col.col2im(Tensor.zeros(3, 4), new int[] {1, 1, 3, 3}, 2, 2, 1, 0)));
    }

    @Test
    void aWindowThatDoesNotFitIsReportedWithThePaddedSize() {
        Convolution conv = new Convolution(Tensor.zeros(1, 1, 5, 5), Tensor.zeros(1), 1, 1);
        assertEquals("Convolution.forward: window 5 does not fit height: 2 + 2*1 = 4 < 5",
                message(() -> conv.forward(Tensor.zeros(1, 1, 2, 7))));
    }

    @Test
    void strideAndPoolSizeMustBePositiveZeroIncluded() {
        assertEquals("Convolution: stride must be positive, got 0",
                message(() -> new Convolution(Tensor.zeros(1, 1, 2, 2), Tensor.zeros(1), 0, 0)));
        assertEquals("Pooling: poolH must be positive, got 0", message(() -> new Pooling(0, 2, 1, 0)));
        assertEquals("Pooling: poolW must be positive, got 0", message(() -> new Pooling(2, 0, 1, 0)));
        assertEquals("Pooling: stride must be positive, got 0", message(() -> new Pooling(2, 2, 0, 0)));
        assertEquals("Pooling: stride must be positive, got -1", message(() -> new Pooling(2, 2, -1, 0)));
    }

    @Test
    void reluCutsAZeroInputAndPassesNoGradientThroughIt() {
        Relu relu = new Relu();
        assertArrayEquals(new double[] {0, 0, 2}, relu.forward(Tensor.of(new double[] {-1, 0, 2}, 3)).data());
        assertArrayEquals(new double[] {0, 0, 5}, relu.backward(Tensor.of(new double[] {3, 4, 5}, 3)).data());
    }

    @Test
    void smoothLayersReportNoBranches() {
        Affine affine = new Affine(Tensor.zeros(2, 2), Tensor.zeros(2));
        affine.forward(Tensor.zeros(1, 2));
        assertArrayEquals(new int[0], affine.branches());
        assertArrayEquals(new int[0], new Convolution(Tensor.zeros(1, 1, 1, 1), Tensor.zeros(1), 1, 0).branches());
    }

    @Test
    void poolingBranchesFollowTheBatchWhenItShrinksOrGrows() {
        Pooling pool = new Pooling(2, 2, 2, 0);
        Tensor two = Tensor.of(new double[] {1, 2, 3, 4, 8, 7, 6, 5}, 2, 1, 2, 2);
        pool.forward(two);
        assertArrayEquals(new int[] {3, 4}, pool.branches());
        pool.forward(Tensor.of(new double[] {9, 1, 1, 1}, 1, 1, 2, 2));
        assertArrayEquals(new int[] {0}, pool.branches());
        pool.forward(two);
        assertArrayEquals(new int[] {3, 4}, pool.branches());
    }

    @Test
    void reluAndConvolutionBuffersFollowTheBatchWhenItShrinksOrGrows() {
        Relu relu = new Relu();
        relu.forward(Tensor.of(new double[] {1, -1, 2, -2}, 4));
        relu.forward(Tensor.of(new double[] {-3, 3}, 2));
        assertArrayEquals(new int[] {0, 1}, relu.branches());
        org.apache.commons.math3.random.Well19937c rng = new org.apache.commons.math3.random.Well19937c(12);
        Tensor W = Tensor.randn(rng, 1, 2, 1, 2, 2), b = Tensor.randn(rng, 1, 2);
        Tensor two = Tensor.randn(rng, 1, 2, 1, 3, 3), one = Tensor.randn(rng, 1, 1, 1, 3, 3);
        Convolution reused = new Convolution(W, b, 1, 0);
        for (Tensor x : new Tensor[] {two, one, two}) {
            assertArrayEquals(new Convolution(W, b, 1, 0).forward(x).data(), reused.forward(x).data(), 0.0);
        }
    }
}

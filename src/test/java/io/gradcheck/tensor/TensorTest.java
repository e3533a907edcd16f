package io.gradcheck.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void reshapeIsAViewThatInfersOneDimension() {
        Tensor a = Tensor.zeros(2, 3, 4);
        Tensor v = a.reshape(2, -1);
        assertArrayEquals(new int[] {2, 12}, v.shape());
        v.set(5, 7.0);
        assertEquals(7.0, a.at(0, 1, 1), "a view shares the data");
        var e = assertThrows(IllegalArgumentException.class, () -> a.reshape(5, -1));
        assertEquals("Tensor.reshape: cannot view [2, 3, 4] as [5, -1]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.reshape(2, 3, 5));
    }

    @Test
    void theShapeCannotBeChangedFromOutside() {
        int[] s = {2, 3};
        Tensor a = Tensor.zeros(s);
        s[0] = 9;
        a.shape()[1] = 9;
        assertArrayEquals(new int[] {2, 3}, a.shape());
    }

    @Test
    void flatAndMultiIndicesAreRowMajor() {
        Tensor a = Tensor.zeros(2, 3, 4);
        assertEquals(1 * 12 + 2 * 4 + 3, a.flatIndex(1, 2, 3));
        assertArrayEquals(new int[] {1, 2, 3}, a.unflatten(23));
        assertThrows(IndexOutOfBoundsException.class, () -> a.flatIndex(2, 0, 0));
    }

    @Test
    void badShapesAreRejected() {
        assertEquals("Tensor.zeros: dimensions must be positive, got [2, 0]",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0)).getMessage());
        assertEquals("Tensor.wrap: shape [2, 2] needs 4 values, got 3",
                assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new double[3], 2, 2)).getMessage());
    }

    @Test
    void ofCopiesAndWrapShares() {
        double[] d = {1, 2};
        Tensor copied = Tensor.of(d, 2);
        Tensor shared = Tensor.wrap(d, 2);
        d[0] = 5;
        assertEquals(1.0, copied.get(0));
        assertEquals(5.0, shared.get(0));
    }

    @Test
    void theSameSeedGivesTheSameRandomTensor() {
        assertArrayEquals(Tensor.randn(new Well19937c(3), 1, 4, 4).data(), Tensor.randn(new Well19937c(3), 1, 4, 4).data());
    }
}

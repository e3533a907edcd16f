package io.gradcheck.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Tensor's and Ops's edges: random draws, the size limit, reshape's inference, and bad axes. */
class TensorEdgesTest {
    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void randnAndUniformScaleTheGeneratorsDrawsInOrder() {
        Tensor g = Tensor.randn(new Well19937c(5), 2.0, 3, 4);
        Tensor u = Tensor.uniform(new Well19937c(6), -1.0, 3.0, 2, 5);
        Well19937c same = new Well19937c(5);
        for (int i = 0; i < g.size(); i++) {
            assertEquals(2.0 * same.nextGaussian(), g.get(i), 0.0);
        }
        same = new Well19937c(6);
        for (int i = 0; i < u.size(); i++) {
            double want = -1.0 + 4.0 * same.nextDouble();
            assertEquals(want, u.get(i), 0.0);
            assertTrue(u.get(i) >= -1.0 && u.get(i) < 3.0);
        }
    }

    @Test
    void aShapeMayHoldExactlyIntegerMaxValueElementsButNotOneMore() {
        assertEquals(Integer.MAX_VALUE, Tensor.checkedSize("t", new int[] {Integer.MAX_VALUE}));
        assertEquals("t: shape [2, 1073741824] has more than 2147483647 elements",
                message(() -> Tensor.checkedSize("t", new int[] {2, 1 << 30})));
    }

    @Test
    void negativeAxesCountFromTheEndAndToStringShowsTheShape() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertEquals(4, t.dim(-1));
        assertEquals(2, t.dim(-3));
        assertEquals("Tensor[2, 3, 4]", t.toString());
    }

    @Test
    void reshapeInfersALeadingDimensionAndRefusesZeroAndNegativeOnes() {
        assertArrayEquals(new int[] {2, 3}, Tensor.zeros(6).reshape(-1, 3).shape());
        assertEquals("Tensor.reshape: cannot view [6] as [0, -1]", message(() -> Tensor.zeros(6).reshape(0, -1)));
        assertEquals("Tensor.reshape: cannot view [6] as [-2, -3]", message(() -> Tensor.zeros(6).reshape(-2, -3)));
        assertEquals("Tensor.reshape: cannot view [6] as [-1, 4]", message(() -> Tensor.zeros(6).reshape(-1, 4)));
    }

    @Test
    void opsRefuseAnAxisOneBeyondTheRankAndNameTheOperation() {
        Tensor a = Tensor.zeros(2, 3);
        assertEquals("Ops.permute: axes [0, 2] are not a permutation for shape [2, 3]", message(() -> Ops.permute(a, 0, 2)));
        assertEquals("Ops.sum: axis 2 is out of range for [2, 3]", message(() -> Ops.sum(a, 2)));
        assertEquals("Ops.transpose: expected rank 2, got [2, 3, 1]", message(() -> Ops.transpose(Tensor.zeros(2, 3, 1))));
        assertEquals("Ops.zip: shapes differ: [2, 3] vs [3, 2]",
                message(() -> Ops.zip(a, Tensor.zeros(3, 2), Double::sum)));
    }
}

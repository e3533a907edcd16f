package io.gradcheck.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** {@link Tensor#randn(long, double, int...)}: a seed instead of a commons-math3 generator, same bits. */
class TensorSeedTest {
    @Test
    void aSeedGivesTheSameBitsAsAWell19937cBuiltFromIt() {
        int[][] shapes = {{1}, {3, 4}, {2, 3, 5, 5}, {7, 1, 2}};
        for (long seed : new long[] {0, 7, 20261129, -1, Long.MAX_VALUE}) {
            for (int[] shape : shapes) {
                Tensor bySeed = Tensor.randn(seed, 0.3, shape);
                Tensor byRng = Tensor.randn(new Well19937c(seed), 0.3, shape);
                String what = "seed " + seed + ", shape " + Arrays.toString(shape);
                assertArrayEquals(byRng.shape(), bySeed.shape(), what);
                for (int i = 0; i < bySeed.size(); i++) {  // bit for bit, not within a tolerance
                    assertEquals(Double.doubleToRawLongBits(byRng.get(i)), Double.doubleToRawLongBits(bySeed.get(i)),
                            what + " at " + i);
                }
            }
        }
    }

    @Test
    void theSameSeedRepeatsAndAnotherSeedDoesNot() {
        assertArrayEquals(Tensor.randn(5, 1.0, 4, 6).data(), Tensor.randn(5, 1.0, 4, 6).data(), 0.0);
        assertFalse(Arrays.equals(Tensor.randn(5, 1.0, 4, 6).data(), Tensor.randn(6, 1.0, 4, 6).data()));
    }

    @Test
    void stdScalesEveryDraw() {
        double[] one = Tensor.randn(11, 1.0, 3, 3).data(), half = Tensor.randn(11, 0.5, 3, 3).data();
        for (int i = 0; i < one.length; i++) {
            assertEquals(0.5 * one[i], half[i], 0.0);
        }
    }

    @Test
    void aBadShapeIsRefusedWithTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.randn(1, 1.0, 2, 0));
        assertEquals("Tensor.zeros: dimensions must be positive, got [2, 0]", e.getMessage());
    }
}

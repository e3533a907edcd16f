package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Which elements a check compares when it samples, the order it lists skips in, and the fan-out it counts. */
class ElementSamplingTest {
    private static final CheckSettings TEN = CheckSettings.DEFAULT.withMaxElements(10);

    private static Set<Integer> compared(CheckResult r, String name) {
        Tensor num = r.param(name).elements().numeric();
        Set<Integer> at = new TreeSet<>();
        for (int i = 0; i < num.size(); i++) {
            if (!Double.isNaN(num.get(i))) {
                at.add(i);
            }
        }
        return at;
    }

    @Test
    void aSampleIsSpreadOverTheTensorAndDiffersFromSeedToSeed() {
        Well19937c rng = new Well19937c(11);
        Affine affine = new Affine(Tensor.randn(rng, 1, 40, 30), Tensor.randn(rng, 1, 30));
        Tensor x = Tensor.randn(rng, 1, 2, 40);
        Set<Integer> one = compared(GradientCheck.of(affine).input(x).seed(1).settings(TEN).run(), "W");
        Set<Integer> two = compared(GradientCheck.of(affine).input(x).seed(2).settings(TEN).run(), "W");
        assertEquals(10, one.size());
        assertEquals(10, two.size());
        assertTrue(one.stream().anyMatch(i -> i >= 10) && two.stream().anyMatch(i -> i >= 10),
                "not just the first ten elements: " + one + ", " + two);
        assertNotEquals(one, two, "seeds 1 and 2 drew the same sample");
        assertEquals(one, compared(GradientCheck.of(affine).input(x).seed(1).settings(TEN).run(), "W"), "seed 1 again");
    }

    @Test
    void skippedElementsAreListedInIncreasingOrderWhenSampled() {
        double[] v = new double[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 2 == 0 ? 0 : i;  // every other input sits on the ReLU's kink
        }
        CheckResult r = GradientCheck.of(new Relu()).input(Tensor.of(v, 1, 200)).seed(5)
                .settings(CheckSettings.DEFAULT.withMaxElements(40)).run();
        int[] kinks = r.param("x").elements().kinks();
        assertTrue(kinks.length > 5, "the premise: the sample met kinks: " + Arrays.toString(kinks));
        for (int k = 1; k < kinks.length; k++) {
            assertTrue(kinks[k - 1] < kinks[k], "not increasing: " + Arrays.toString(kinks));
        }
    }

    /** y = max(x, 0) that does not report its kink: only a step up from 0 moves its output. */
    private static final class HiddenKink implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return Ops.map(x, u -> Math.max(u, 0));
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dout.copy();  // wrong below 0, which is not the point here
        }
    }

    @Test
    void fanOutCountsTheOutputsThatTheStepUpMoves() {
        CheckResult r = GradientCheck.of(new HiddenKink()).input(Tensor.of(new double[] {0, 1, -1}, 1, 3)).seed(5).run();
        assertArrayEquals(new int[] {1, 1, 0}, r.param("x").elements().fanOut());
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Euler's identity skips a set whose gradient is missing instead of failing on it (W is 1 x 1: a weight, not a bias). */
class EulerMissingGradientTest {
    @Test
    void theIdentityIsAppliedOverXAloneWhenTheWeightHasNoGradient() {
        CheckResult r = GradientCheck.of(new ScaleWithNoGradients("W", Tensor.of(new double[] {1.5}, 1, 1))).input(Tensor.of(new double[] {1, -2, 3}, 1, 3)).seed(2).run();
        DetectorResult euler = HandMade.detector(r, Detector.HOMOGENEITY);
        assertTrue(euler.applicable(), euler.evidence());
        assertFalse(euler.caught(), euler.evidence());
        assertTrue(euler.evidence().startsWith("f = "), euler.evidence());
        assertTrue(euler.evidence().contains("over {x} = "), euler.evidence());
        assertFalse(euler.evidence().contains("{W"), euler.evidence());
        assertEquals("W: gradient is missing from the gradient map, which is empty", r.param("W").problem());
        assertEquals(List.of("W"), r.detectors().get(0).blamed(), "the contract blames W");
        assertEquals(List.of(), r.detectors().get(1).blamed(), "no compared element disagrees");
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Euler's identity skips a set whose gradient is missing instead of failing on it. */
class EulerMissingGradientTest {
    /** y = w x with a 1 x 1 weight (not a bias, being of rank 2), a right dx, and no dW at all. */
    private static final class NoWeightGradient implements Layer {
        private final Tensor w = Tensor.of(new double[] {1.5}, 1, 1);

        @Override
        public Tensor forward(Tensor in) {
            return Ops.scale(in, w.get(0));
        }

        @Override
        public Tensor backward(Tensor dout) {
            return Ops.scale(dout, w.get(0));
        }

        @Override
        public Map<String, Tensor> params() {
            return Map.of("W", w);
        }

        @Override
        public Map<String, Tensor> grads() {
            return Map.of();
        }
    }

    @Test
    void theIdentityIsAppliedOverXAloneWhenTheWeightHasNoGradient() {
        CheckResult r = GradientCheck.of(new NoWeightGradient()).input(Tensor.of(new double[] {1, -2, 3}, 1, 3)).seed(2).run();
        DetectorResult euler = r.detectors().stream().filter(d -> d.detector() == Detector.HOMOGENEITY).findFirst()
                .orElseThrow();
        assertTrue(euler.applicable(), euler.evidence());
        assertFalse(euler.caught(), euler.evidence());
        assertTrue(euler.evidence().startsWith("f = "), euler.evidence());
        assertTrue(euler.evidence().contains("over {x} = "), euler.evidence());
        assertFalse(euler.evidence().contains("{W"), euler.evidence());
        assertEquals("W: gradient is missing from the gradient map", r.param("W").problem());
        assertEquals(List.of("W"), r.detectors().get(0).blamed(), "the contract blames W");
        assertEquals(List.of(), r.detectors().get(1).blamed(), "no compared element disagrees");
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dout-linearity identity covers every parameter gradient, not only dx. */
class LinearityParamsTest {
    /** y = W x with a right dx, and dW = |dout · x|, which is not linear in dout. */
    private static final class AbsWeightGradient implements Layer {
        private final Tensor w = Tensor.of(new double[] {1.5}, 1);
        private final Map<String, Tensor> grads = new LinkedHashMap<>();
        private Tensor x;

        @Override
        public Tensor forward(Tensor in) {
            x = in.copy();
            return Ops.scale(in, w.get(0));
        }

        @Override
        public Tensor backward(Tensor dout) {
            grads.put("W", Tensor.of(new double[] {Math.abs(Ops.dot(dout, x))}, 1));  // the bug
            return Ops.scale(dout, w.get(0));
        }

        @Override
        public Map<String, Tensor> params() {
            return Map.of("W", w);
        }

        @Override
        public Map<String, Tensor> grads() {
            return grads;
        }
    }

    @Test
    void aWeightGradientThatIsNotLinearInDoutIsBlamedWhileDxIsLinear() {
        CheckResult r = GradientCheck.of(new AbsWeightGradient()).input(Tensor.of(new double[] {1, -2, 3, 0.5}, 2, 2))
                .seed(4).run();
        DetectorResult lin = HandMade.detector(r, Detector.DOUT_LINEARITY);
        assertTrue(lin.caught(), lin.evidence());
        assertEquals(List.of("W"), lin.blamed());
        assertTrue(lin.evidence().startsWith("dW at element 0: backward(0.7 G1 - 1.3 G2) = "), lin.evidence());
    }
}

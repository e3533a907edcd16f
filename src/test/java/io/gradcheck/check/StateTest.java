package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * State that outlives a call is caught, on a fresh layer as on a used one. Before the decoy runs,
 * each of these layers passed: the checker looked at one input, once.
 */
class StateTest {
    private static final Tensor X = Tensor.randn(new Well19937c(5), 1, 2, 3, 2, 2);

    /** y = max(0, x), whose mask is computed on the first forward only (and then reused). */
    static final class MaskOnce implements Layer {
        private boolean[] mask;
        private int[] shape;

        @Override
        public Tensor forward(Tensor x) {
            if (mask == null) {
                mask = new boolean[x.size()];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = x.get(i) <= 0;  // the bug: never recomputed
                }
            }
            shape = x.shape();
            Tensor out = Tensor.zeros(shape);
            for (int i = 0; i < out.size(); i++) {
                out.set(i, Math.max(0, x.get(i)));
            }
            return out;
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor dx = Tensor.zeros(shape);
            for (int i = 0; i < dx.size(); i++) {
                dx.set(i, mask[i % mask.length] ? 0 : dout.get(i));
            }
            return dx;
        }
    }

    /** Our ReLU with an output scale that decays with the number of calls. */
    static final class Counter implements Layer {
        private final Relu relu = new Relu();
        private int calls;

        @Override
        public Tensor forward(Tensor x) {
            calls++;
            Tensor y = relu.forward(x);
            return io.gradcheck.tensor.Ops.scale(y, 1 / (1 + 0.01 * calls));  // the bug: a decay inside forward
        }

        @Override
        public Tensor backward(Tensor dout) {
            return relu.backward(dout);
        }

        @Override
        public int[] branches() {
            return relu.branches();
        }
    }

    /** Our ReLU, whose mask is computed again only when the batch shape changes. */
    static final class ShapeKeyed implements Layer {
        private boolean[] mask;
        private int[] shape;

        @Override
        public Tensor forward(Tensor x) {
            if (mask == null || mask.length != x.size()) {
                mask = new boolean[x.size()];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = x.get(i) <= 0;  // the bug: only when the shape changes
                }
            }
            shape = x.shape();
            Tensor out = Tensor.zeros(shape);
            for (int i = 0; i < out.size(); i++) {
                out.set(i, mask[i] ? 0 : x.get(i));
            }
            return out;
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor dx = Tensor.zeros(shape);
            for (int i = 0; i < dx.size(); i++) {
                dx.set(i, mask[i] ? 0 : dout.get(i));
            }
            return dx;
        }
    }

    @Test
    void aMaskComputedOnTheFirstForwardOnlyFailsOnAFreshLayer() {
        CheckResult r = GradientCheck.of(new MaskOnce()).input(X).seed(3).run();
        assertEquals(Status.FAILED, r.status(), r.table());
    }

    @Test
    void aForwardThatCountsItsCallsIsNotAFunctionOfItsInput() {
        CheckResult r = GradientCheck.of(new Counter()).input(X).seed(3).run();
        assertEquals(Status.FAILED, r.status(), r.table());
        assertTrue(r.caughtBy(Detector.STATE), r.failureMessage());
        assertTrue(r.failureMessage().contains("STATE: forward is not a function of its input: two calls on the same x "
                + "differ at out["), r.failureMessage());
    }

    @Test
    void aCacheKeyedOnTheBatchShapeIsCaughtAndNamedState() {
        CheckResult r = GradientCheck.of(new ShapeKeyed()).input(X).seed(3).run();
        assertEquals(Status.FAILED, r.status(), r.table());
        assertTrue(r.caughtBy(Detector.STATE), r.failureMessage());
        assertEquals(BugKind.STATE, r.param("x").diagnosis().kind(), r.failureMessage());
    }

    @Test
    void ourLayersKeepNoStateBetweenCalls() {
        CheckResult r = GradientCheck.of(new Relu()).input(X).seed(3).run();
        assertEquals(Status.PASSED, r.status(), r.failureMessage());
        DetectorResult state = HandMade.detector(r, Detector.STATE);
        assertTrue(state.applicable() && !state.caught(), state.evidence());
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Labels;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** A parameter step re-runs only the layers from its own on; the check must not notice. */
class IncrementalCheckTest {
    private static final long SEED = 20261129L;
    private static final NetConfig SMALL = new NetConfig(new int[] {1, 8, 8}, new ConvConfig(3, 3, 0, 1), 5, 4, 0.3, SEED);

    /** Overriding predict makes the checker run every value through the whole forward pass. */
    static final class WholeForward extends SimpleConvNet {
        int forwards;

        WholeForward() {
            super(SMALL);
        }

        @Override
        public Tensor predict(Tensor x) {
            forwards++;
            return super.predict(x);
        }
    }

    /** Overriding loss alone does too. */
    static final class OwnLoss extends SimpleConvNet {
        int losses;

        OwnLoss() {
            super(SMALL);
        }

        @Override
        public double loss(Tensor x, Labels t) {
            losses++;
            return super.loss(x, t);
        }
    }

    /** Two evaluations per compared or skipped element of every parameter and of x. */
    private static int steps(CheckResult r) {
        return r.params().stream().mapToInt(p -> 2 * (p.checked() + p.skipped())).sum();
    }

    @Test
    void aSubclassThatOverridesLossAloneGetsWholeForwardPassesForEveryParameter() {
        Tensor x = Tensor.randn(new Well19937c(SEED), 1.0, 2, 1, 8, 8);
        OwnLoss net = new OwnLoss();
        CheckResult r = GradientCheck.of(net, Labels.indices(1, 3)).input(x).seed(SEED).run();
        assertTrue(net.losses >= steps(r), net.losses + " calls of loss for " + steps(r) + " steps: the override was bypassed");
    }

    @Test
    void incrementalEvaluationGivesExactlyTheNumbersOfWholeForwardPasses() {
        Tensor x = Tensor.randn(new Well19937c(SEED), 1.0, 3, 1, 8, 8);
        Labels t = Labels.indices(1, 0, 3);
        WholeForward whole = new WholeForward();
        CheckResult slow = GradientCheck.of(whole, t).input(x).seed(SEED).run();
        CheckResult fast = GradientCheck.of(new SimpleConvNet(SMALL), t).input(x).seed(SEED).run();
        assertEquals(slow.status(), fast.status(), fast.table());
        assertTrue(whole.forwards >= steps(slow), whole.forwards + " forwards for " + steps(slow)
                + " steps: the override was bypassed");
        for (ParamResult s : slow.params()) {
            ParamResult f = fast.param(s.name());
            assertEquals(s.checked(), f.checked(), s.name());
            assertEquals(s.skipped(), f.skipped(), s.name());
            assertArrayEquals(s.elements().numeric().data(), f.elements().numeric().data(), 0.0,
                    s.name() + ", seed " + SEED);
            assertArrayEquals(s.elements().kinks(), f.elements().kinks(), s.name());
        }
    }
}

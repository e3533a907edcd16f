package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Relu;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * No verdict without signal: a gradient whose compared elements are all below atol, analytic and
 * numeric, compared nothing that could disagree. Before this rule, such checks were PASSED, with
 * green heat maps (5 of 20 SimpleConvNet checks in "gradcheck check --seed 1 --tries 2").
 */
class NoSignalTest {
    @Test
    void aReluOnNegativeInputsIsInconclusiveWithNoSignal() {
        Tensor x = Ops.map(Tensor.randn(new Well19937c(1), 1, 2, 3), v -> -Math.abs(v) - 0.1);
        CheckResult r = GradientCheck.of(new Relu()).input(x).seed(1).run();
        assertEquals(Status.INCONCLUSIVE, r.status(), r.table());
        assertEquals("x: INCONCLUSIVE, no signal: every compared element is zero (below atol 1.0E-8), analytic and "
                + "numeric; 6 checked, 0 skipped at kinks", Messages.line(r.param("x")));
    }

    @Test
    void aNetworkWhoseReluIsDeadIsNeverPassed() {
        NetConfig cfg = new NetConfig(new int[] {1, 4, 4}, new ConvConfig(1, 1, 0, 1), 3, 2, 0.5, 2);
        SimpleConvNet net = new SimpleConvNet(cfg);
        net.params().get("b1").set(0, -100);  // every conv output is negative: the first ReLU is dead
        for (int j = 0; j < 3; j++) {
            net.params().get("b2").set(j, 1);  // the second ReLU passes its bias: W3 and b3 see signal
        }
        Tensor x = Tensor.randn(new Well19937c(3), 1, 2, 1, 4, 4);
        CheckResult r = GradientCheck.of(net, Labels.indices(0, 1)).input(x).seed(3).run();
        assertEquals(Status.INCONCLUSIVE, r.status(), r.table());
        for (String dead : new String[] {"W1", "b1", "W2", "x"}) {
            assertEquals(Status.INCONCLUSIVE, r.param(dead).status(), dead);
        }
        assertEquals(Status.PASSED, r.param("W3").status(), "W3 sees b2 through the second ReLU: it has signal");
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Labels;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Shapes.alive and Shapes.revive: a network made alive for checking, and left alone when it is. */
class ReviveTest {
    private static final NetConfig CFG = new NetConfig(new int[] {1, 4, 4}, new ConvConfig(2, 1, 0, 1), 3, 2, 0.5, 2);
    private static final Tensor X = Tensor.randn(3, 1, 2, 1, 4, 4);
    private static final Labels T = Labels.indices(0, 1);

    private static SimpleConvNet biased(double b1, double b2) {
        SimpleConvNet net = new SimpleConvNet(CFG);
        java.util.Arrays.fill(net.params().get("b1").data(), b1);
        java.util.Arrays.fill(net.params().get("b2").data(), b2);
        return net;
    }

    @Test
    void aNetworkWithADeadReluIsRevivedWithPositiveBiases() {
        SimpleConvNet dead = biased(-100, 0.5);
        assertFalse(Shapes.alive(dead, X, T));
        assertTrue(Shapes.revive(dead, X, T, new Well19937c(1)));
        assertTrue(Shapes.alive(dead, X, T));
        for (double b : dead.params().get("b1").data()) {
            assertTrue(b > 0, "a ReLU's bias is redrawn positive: " + b);
        }
        CheckResult r = GradientCheck.of(dead, T).input(X).seed(1).run();
        assertEquals(Status.PASSED, r.status(), r.failureMessage());
    }

    @Test
    void anAliveNetworkWithBiasesIsLeftAsItIsAndDrawsNothing() {
        SimpleConvNet net = biased(0.3, 0.5);
        double[] before = net.params().get("b1").data().clone();
        Well19937c rng = new Well19937c(5), same = new Well19937c(5);
        assertTrue(Shapes.revive(net, X, T, rng));
        assertArrayEquals(before, net.params().get("b1").data(), 0.0);
        assertEquals(same.nextLong(), rng.nextLong(), "no number was drawn");
    }

    @Test
    void theBooksZeroBiasesAreRedrawnSinceAZeroBiasSitsAtAKink() {
        SimpleConvNet net = new SimpleConvNet(CFG);
        assertTrue(Shapes.revive(net, X, T, new Well19937c(2)));
        assertTrue(java.util.Arrays.stream(net.params().get("b2").data()).allMatch(b -> b > 0));
    }

    @Test
    void aNetworkSoConfidentThatItsLossHasNoGradientGetsSmallerWeights() {
        SimpleConvNet net = new SimpleConvNet(CFG.withWeightInitStd(30));
        java.util.Arrays.fill(net.params().get("b1").data(), 0.1);
        java.util.Arrays.fill(net.params().get("b2").data(), 0.1);
        Tensor y = net.predict(X);
        int[] t = new int[2];
        for (int i = 0; i < 2; i++) {
            t[i] = y.get(2 * i) > y.get(2 * i + 1) ? 0 : 1;  // the predicted class: a loss near 0
        }
        Labels sure = Labels.indices(t);
        double w3 = net.params().get("W3").get(0);
        assertFalse(Shapes.alive(net, X, sure), "the loss is saturated: " + net.loss(X, sure));
        assertTrue(Shapes.revive(net, X, sure, new Well19937c(3)));
        double ratio = net.params().get("W3").get(0) / w3;
        assertTrue(ratio < 1 && Math.abs(Math.log(ratio) / Math.log(0.5) - Math.rint(Math.log(ratio) / Math.log(0.5))) < 1e-12,
                "the weights are halved, a whole number of times: " + ratio);
        assertTrue(net.loss(X, sure) > 1e-6, "no longer saturated: " + net.loss(X, sure));
    }
}

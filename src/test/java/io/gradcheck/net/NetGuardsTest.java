package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** The network's own guards: its size limit, the weight scale, and where a non-finite value first shows. */
class NetGuardsTest {
    private static final long SEED = 20261129L;
    private static final NetConfig SMALL = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 4, 3, 0.5, SEED);

    @Test
    void aNetworkOverTheParameterLimitIsRefusedWithItsExactCount() {
        // W1 2*1*3*3 = 18, W2 (2*2*2) x 1250000 = 10000000, W3 1250000 x 3, biases 2 + 1250000 + 3
        NetConfig big = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 1_250_000, 3, 0.5, SEED);
        assertEquals("SimpleConvNet: W1 [2, 1, 3, 3], W2 [8, 1250000] and W3 [1250000, 3] make 15000023 parameters, "
                        + "more than the 10000000 a network may have",
                assertThrows(IllegalArgumentException.class, () -> new SimpleConvNet(big)).getMessage());
    }

    @Test
    void aNetworkOfExactlyTheLimitIsBuiltAndOneParameterMoreIsNot() {
        // a 1x1 filter on a 2x2 image pools to 1x1: W1 c, b1 1, W2 [1, h], b2 h, W3 [h, 2], b3 2
        NetConfig limit = new NetConfig(new int[] {1, 2, 2}, new ConvConfig(1, 1, 0, 1), 2_499_999, 2, 0.0, SEED);
        assertEquals(10_000_000, new SimpleConvNet(limit).params().values().stream().mapToInt(Tensor::size).sum());
        NetConfig over = new NetConfig(new int[] {2, 2, 2}, new ConvConfig(1, 1, 0, 1), 2_499_999, 2, 0.0, SEED);
        assertEquals("SimpleConvNet: W1 [1, 2, 1, 1], W2 [1, 2499999] and W3 [2499999, 2] make 10000001 parameters, "
                        + "more than the 10000000 a network may have",
                assertThrows(IllegalArgumentException.class, () -> new SimpleConvNet(over)).getMessage());
    }

    @Test
    void anInfiniteWeightScaleIsRefused() {
        NetConfig inf = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 4, 3, Double.POSITIVE_INFINITY, SEED);
        assertEquals("SimpleConvNet: weightInitStd must be finite and not negative, got Infinity",
                assertThrows(IllegalArgumentException.class, () -> new SimpleConvNet(inf)).getMessage());
    }

    @Test
    void aWeightScaleOfZeroIsAllowedAndGivesZeroWeights() {
        NetConfig zero = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 4, 3, 0.0, SEED);
        SimpleConvNet net = new SimpleConvNet(zero);
        net.params().values().forEach(p -> assertEquals(0.0, Arrays.stream(p.data()).map(Math::abs).sum(), 0.0));
    }

    @Test
    void firstNonFiniteNamesTheParameterTheInputOrTheLayerOutput() {
        Tensor x = Tensor.randn(new Well19937c(SEED), 1.0, 2, 1, 6, 6);
        SimpleConvNet net = new SimpleConvNet(SMALL);
        assertNull(net.firstNonFinite(x));

        net.params().get("b2").set(3, Double.NaN);
        assertEquals("parameter b2 is NaN at [3]", net.firstNonFinite(x));
        net.params().get("b2").set(3, 0.0);

        Tensor bad = x.copy();
        bad.set(bad.size() - 1, Double.POSITIVE_INFINITY);
        assertEquals("the input is Infinity at [1, 0, 5, 5]", net.firstNonFinite(bad));

        Tensor w3 = net.params().get("W3");  // finite weights whose products overflow in the last Affine
        for (int i = 0; i < w3.size(); i++) {
            w3.set(i, 1e308);
        }
        net.params().get("b2").set(0, 1e308);
        assertEquals("the output of Affine (W3, b3) is Infinity at [0, 0]", net.firstNonFinite(x));
    }

    @Test
    void lossOfChecksTheInputShapeAsPredictDoes() {
        SimpleConvNet net = new SimpleConvNet(SMALL);
        assertEquals("SimpleConvNet.lossOf: expected [N, 1, 6, 6], got [2, 1, 6, 7]", assertThrows(IllegalArgumentException.class,
                () -> net.lossOf("W2", Tensor.zeros(2, 1, 6, 7), Labels.indices(0, 1))).getMessage());
    }
}

package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class SimpleConvNetTest {
    @Test
    void theBooksDefaultNetworkHasTheBooksParameterShapes() {
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(1));
        Map<String, Tensor> p = net.params();
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), List.copyOf(p.keySet()));
        assertArrayEquals(new int[] {30, 1, 5, 5}, p.get("W1").shape());
        assertArrayEquals(new int[] {30}, p.get("b1").shape());
        assertArrayEquals(new int[] {4320, 100}, p.get("W2").shape());
        assertArrayEquals(new int[] {100}, p.get("b2").shape());
        assertArrayEquals(new int[] {100, 10}, p.get("W3").shape());
        assertArrayEquals(new int[] {10}, p.get("b3").shape());
        int total = p.values().stream().mapToInt(Tensor::size).sum();
        assertEquals(433_890, total);  // 750 + 30 + 432,000 + 100 + 1,000 + 10
        assertArrayEquals(new int[] {2, 10}, net.predict(Tensor.zeros(2, 1, 28, 28)).shape());
    }

    @Test
    void oddConvOutputsAreFlooredByPoolingAsInTheBook() {
        SimpleConvNet net = new SimpleConvNet(new int[] {1, 9, 9}, new ConvConfig(3, 3, 0, 1), 4, 2, 0.1, 1);
        assertArrayEquals(new int[] {3 * 3 * 3, 4}, net.params().get("W2").shape());  // 7x7 conv -> 3x3 pool
    }

    @Test
    void weightsComeFromTheSeedAndBiasesStartAtZero() {
        NetConfig c = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 3, 2, 0.01, 11);
        SimpleConvNet a = new SimpleConvNet(c), b = new SimpleConvNet(c), other = new SimpleConvNet(c.withSeed(12));
        assertArrayEquals(a.params().get("W2").data(), b.params().get("W2").data());
        assertFalse(java.util.Arrays.equals(a.params().get("W2").data(), other.params().get("W2").data()));
        assertArrayEquals(new double[3], a.params().get("b2").data());
        double[] w1 = a.params().get("W1").data();
        double sd = Math.sqrt(java.util.Arrays.stream(w1).map(v -> v * v).sum() / w1.length);
        assertTrue(sd > 0.003 && sd < 0.03, "W1 std " + sd + " should be near 0.01");
    }

    @Test
    void configurationsThatDoNotFitAreRejectedWithTheArithmetic() {
        var notWhole = assertThrows(IllegalArgumentException.class,
                () -> new SimpleConvNet(new int[] {1, 28, 28}, new ConvConfig(30, 5, 0, 2), 100, 10, 0.01, 1));
        assertEquals("SimpleConvNet: conv output height (28 + 2*0 - 5) / 2 + 1 = 23/2 + 1 is not whole",
                notWhole.getMessage());
        var tooBig = assertThrows(IllegalArgumentException.class,
                () -> new SimpleConvNet(new int[] {1, 4, 4}, new ConvConfig(2, 5, 0, 1), 3, 2, 0.01, 1));
        assertEquals("SimpleConvNet: conv output height (4 + 2*0 - 5) / 1 + 1 = -1/1 + 1 is negative: "
                + "the filter is larger than the padded input", tooBig.getMessage());
        var noPool = assertThrows(IllegalArgumentException.class,
                () -> new SimpleConvNet(new int[] {1, 5, 9}, new ConvConfig(2, 5, 0, 1), 3, 2, 0.01, 1));
        assertEquals("SimpleConvNet: 2x2 pooling does not fit the conv output 1x5; it needs at least 2x2",
                noPool.getMessage());
        assertEquals("SimpleConvNet: hiddenSize must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SimpleConvNet(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 0, 2, 0.01, 1)).getMessage());
        assertEquals("NetConfig: inputDim and conv must be given, got no conv", assertThrows(IllegalArgumentException.class,
                () -> new NetConfig(new int[] {1, 6, 6}, null, 3, 2, 0.01, 1)).getMessage());
        assertEquals("SimpleConvNet: inputDim must be (C, H, W), got [6, 6]", assertThrows(IllegalArgumentException.class,
                () -> new SimpleConvNet(new int[] {6, 6}, new ConvConfig(2, 3, 0, 1), 3, 2, 0.01, 1)).getMessage());
    }

    @Test
    void gradientMatchesNumericalGradientAndNothingIsLeftPerturbed() {
        SimpleConvNet net = new SimpleConvNet(new int[] {2, 7, 6}, new ConvConfig(3, 2, 0, 1), 5, 4, 0.3, 3);
        Tensor x = Tensor.randn(new Well19937c(4), 1, 2, 2, 7, 6);
        Labels t = Labels.indices(1, 3);
        Map<String, Tensor> before = new java.util.LinkedHashMap<>();
        net.params().forEach((k, v) -> before.put(k, v.copy()));
        Map<String, Tensor> num = net.numericalGradient(x, t, 1e-5);
        Map<String, Tensor> grad = net.gradient(x, t);
        for (String k : net.params().keySet()) {
            assertArrayEquals(before.get(k).data(), net.params().get(k).data(), 0.0, k + " restored exactly");
            for (int i = 0; i < num.get(k).size(); i++) {
                double a = grad.get(k).get(i), n = num.get(k).get(i);
                assertEquals(n, a, 1e-8 + 1e-5 * Math.abs(n), k + "[" + i + "]");
            }
        }
    }

    @Test
    void accuracyCountsTheExamplesWhoseTopScoreIsTheLabel() {
        SimpleConvNet net = new SimpleConvNet(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 3, 2, 0.01, 1);
        double[] b3 = net.params().get("b3").data();
        b3[1] = 5;  // every example now scores class 1 highest
        Tensor x = Tensor.randn(new Well19937c(1), 0.1, 4, 1, 6, 6);
        assertEquals(0.75, net.accuracy(x, Labels.indices(1, 1, 0, 1)));
    }

    @Test
    void inputsOfTheWrongShapeAreRejected() {
        SimpleConvNet net = new SimpleConvNet(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 3, 2, 0.01, 1);
        assertEquals("SimpleConvNet.predict: expected [N, 1, 6, 6], got [2, 3, 6, 6]",
                assertThrows(IllegalArgumentException.class, () -> net.predict(Tensor.zeros(2, 3, 6, 6))).getMessage());
        assertEquals("SoftmaxWithLoss.forward: 2 examples but 3 labels",
                assertThrows(IllegalArgumentException.class, () -> net.loss(Tensor.zeros(2, 1, 6, 6), Labels.indices(0, 1, 1))).getMessage());
    }
}

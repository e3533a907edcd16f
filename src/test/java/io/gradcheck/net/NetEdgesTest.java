package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** SimpleConvNet's argument checks, accuracy ties, branches and bookkeeping; NetConfig's equality. */
class NetEdgesTest {
    private static final NetConfig SMALL = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 3, 4, 0.1, 5);

    private static String refused(int[] in, ConvConfig conv, int hidden, int output) {
        return assertThrows(IllegalArgumentException.class,
                () -> new SimpleConvNet(in, conv, hidden, output, 0.1, 1)).getMessage();
    }

    @Test
    void everySizeMustBePositiveAndTheMessageNamesIt() {
        ConvConfig ok = new ConvConfig(2, 3, 0, 1);
        assertEquals("SimpleConvNet: channels must be positive, got 0", refused(new int[] {0, 6, 6}, ok, 3, 2));
        assertEquals("SimpleConvNet: height must be positive, got 0", refused(new int[] {1, 0, 6}, ok, 3, 2));
        assertEquals("SimpleConvNet: width must be positive, got -1", refused(new int[] {1, 6, -1}, ok, 3, 2));
        assertEquals("SimpleConvNet: filterNum must be positive, got 0", refused(new int[] {1, 6, 6}, new ConvConfig(0, 3, 0, 1), 3, 2));
        assertEquals("SimpleConvNet: filterSize must be positive, got 0", refused(new int[] {1, 6, 6}, new ConvConfig(2, 0, 0, 1), 3, 2));
        assertEquals("SimpleConvNet: stride must be positive, got 0", refused(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 0), 3, 2));
        assertEquals("SimpleConvNet: hiddenSize must be positive, got 0", refused(new int[] {1, 6, 6}, ok, 0, 2));
        assertEquals("SimpleConvNet: outputSize must be positive, got 0", refused(new int[] {1, 6, 6}, ok, 3, 0));
    }

    @Test
    void aFilterAsLargeAsTheInputLeavesTooLittleForPooling() {
        assertEquals("SimpleConvNet: 2x2 pooling does not fit the conv output 1x1; it needs at least 2x2",
                refused(new int[] {1, 3, 3}, new ConvConfig(2, 3, 0, 1), 3, 2));
    }

    /** A net whose weights are all zero, so that every example's scores are b3. */
    private static SimpleConvNet scoring(double... b3) {
        SimpleConvNet net = new SimpleConvNet(SMALL.withWeightInitStd(0.0));
        System.arraycopy(b3, 0, net.params().get("b3").data(), 0, b3.length);
        return net;
    }

    @Test
    void accuracyCountsTheHighestScoreAndATieGoesToTheFirstClass() {
        Tensor x = Tensor.randn(new Well19937c(3), 1, 3, 1, 6, 6);
        assertEquals(2.0 / 3, scoring(0, 1, 3, 2).accuracy(x, Labels.indices(2, 2, 1)), 0.0);
        assertEquals(1.0, scoring(5, 5, 1, 0).accuracy(x, Labels.indices(0, 0, 0)), 0.0);
    }

    @Test
    void branchesAreBothReluMasksAndThePoolingArgmaxInLayerOrder() {
        SimpleConvNet net = new SimpleConvNet(SMALL);
        Map<String, Tensor> p = net.params();
        Tensor x = Tensor.randn(new Well19937c(4), 1, 2, 1, 6, 6);
        net.predict(x);
        Relu relu1 = new Relu(), relu2 = new Relu();
        Pooling pool = new Pooling(2, 2, 2, 0);
        Tensor h = pool.forward(relu1.forward(new Convolution(p.get("W1"), p.get("b1"), 1, 0).forward(x)));
        relu2.forward(new Affine(p.get("W2"), p.get("b2")).forward(h));
        int[] want = IntStream.concat(IntStream.concat(IntStream.of(relu1.branches()), IntStream.of(pool.branches())),
                IntStream.of(relu2.branches())).toArray();
        assertEquals(2 * 2 * 4 * 4 + 2 * 2 * 2 * 2 + 2 * 3, want.length);
        assertArrayEquals(want, net.branches());
    }

    @Test
    void theLastLossIsNaNBeforeBackpropAndTheForwardLossAfter() {
        SimpleConvNet net = new SimpleConvNet(SMALL);
        assertTrue(Double.isNaN(net.lastLoss()));
        Tensor x = Tensor.randn(new Well19937c(6), 1, 2, 1, 6, 6);
        Labels t = Labels.indices(1, 3);
        net.backprop(x, t);
        assertEquals(net.loss(x, t), net.lastLoss(), 0.0);
        assertSame(SMALL, new SimpleConvNet(SMALL).config());
    }

    @Test
    void configsAreEqualExactlyWhenEveryFieldIs() {
        NetConfig same = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 3, 4, 0.1, 5);
        assertEquals(SMALL, same);
        assertEquals(SMALL.hashCode(), same.hashCode());
        assertNotEquals(SMALL, "a string");
        assertNotEquals(SMALL, new NetConfig(new int[] {1, 6, 7}, new ConvConfig(2, 3, 0, 1), 3, 4, 0.1, 5));
        assertNotEquals(SMALL, new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 1, 1), 3, 4, 0.1, 5));
        assertNotEquals(SMALL, new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 2, 4, 0.1, 5));
        assertNotEquals(SMALL, new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 3, 5, 0.1, 5));
        assertNotEquals(SMALL, SMALL.withWeightInitStd(0.2));
        assertNotEquals(SMALL, SMALL.withSeed(6));
        assertEquals(0.2, SMALL.withWeightInitStd(0.2).weightInitStd(), 0.0);
        assertEquals("NetConfig[inputDim=[1, 6, 6], conv=ConvConfig[filterNum=2, filterSize=3, pad=0, stride=1],"
                + " hidden=3, output=4, std=0.1, seed=5]", SMALL.toString());
    }

    @Test
    void configsDifferingOnlyInSeedHashApart() {
        long distinct = IntStream.range(0, 100).map(s -> SMALL.withSeed(s).hashCode()).distinct().count();
        assertEquals(100, distinct);
    }
}

package io.gradcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.Status;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Pooling;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shapes and settings that cannot work, met through the network's configuration, a layer, or a check. */
class ShapeInputsTest {
    private static final NetConfig SMALL = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 3, 4, 0.1, 1);

    private static String rejected(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    private static SimpleConvNet net(int c, int h, int w, int fn, int fs, int pad, int stride, int hidden, int out) {
        return new SimpleConvNet(new NetConfig(new int[] {c, h, w}, new ConvConfig(fn, fs, pad, stride), hidden, out, 0.1, 1));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a filter larger than the padded input (NetConfig)",
            outcome = "`SimpleConvNet: conv output height (4 + 2*0 - 5) / 1 + 1 = -1/1 + 1 is negative: the filter is "
                    + "larger than the padded input`")
    void aFilterLargerThanThePaddedImageIsRejectedWhenTheNetIsBuilt() {
        assertEquals("SimpleConvNet: conv output height (4 + 2*0 - 5) / 1 + 1 = -1/1 + 1 is negative: the filter is "
                + "larger than the padded input", rejected(() -> net(1, 4, 4, 3, 5, 0, 1, 10, 10)));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a filter larger than the padded input (Convolution layer)",
            outcome = "`Convolution.forward: window 5 does not fit height: 3 + 2*0 = 3 < 5`")
    void aFilterLargerThanThePaddedInputIsRejectedByTheLayer() {
        Convolution conv = new Convolution(Tensor.zeros(2, 1, 5, 5), Tensor.zeros(2), 1, 0);
        assertEquals("Convolution.forward: window 5 does not fit height: 3 + 2*0 = 3 < 5",
                rejected(() -> conv.forward(Tensor.zeros(1, 1, 3, 8))));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a conv output that is not whole (NetConfig: 28, filter 5, stride 2)",
            outcome = "`SimpleConvNet: conv output height (28 + 2*0 - 5) / 2 + 1 = 23/2 + 1 is not whole`")
    void aStrideThatDoesNotDivideTheSpanIsRejectedWhenTheNetIsBuilt() {
        assertEquals("SimpleConvNet: conv output height (28 + 2*0 - 5) / 2 + 1 = 23/2 + 1 is not whole",
                rejected(() -> net(1, 28, 28, 30, 5, 0, 2, 100, 10)));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a conv output that is not whole (Convolution layer)",
            outcome = "`Convolution.forward: output width is not whole: (6 + 2*1 - 3) / 2 = 5/2`")
    void aStrideThatDoesNotDivideTheSpanIsRejectedByTheLayer() {
        Convolution conv = new Convolution(Tensor.zeros(2, 1, 3, 3), Tensor.zeros(2), 2, 1);
        assertEquals("Convolution.forward: output width is not whole: (6 + 2*1 - 3) / 2 = 5/2",
                rejected(() -> conv.forward(Tensor.zeros(1, 1, 5, 6))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "channels   |  0, 6, 6, 2, 3, 0, 1, 3, 4 | SimpleConvNet: channels must be positive, got 0",
        "height     |  1,-6, 6, 2, 3, 0, 1, 3, 4 | SimpleConvNet: height must be positive, got -6",
        "width      |  1, 6, 0, 2, 3, 0, 1, 3, 4 | SimpleConvNet: width must be positive, got 0",
        "filterNum  |  1, 6, 6, 0, 3, 0, 1, 3, 4 | SimpleConvNet: filterNum must be positive, got 0",
        "filterSize |  1, 6, 6, 2,-1, 0, 1, 3, 4 | SimpleConvNet: filterSize must be positive, got -1",
        "pad        |  1, 6, 6, 2, 3,-1, 1, 3, 4 | SimpleConvNet: pad must not be negative, got -1",
        "stride     |  1, 6, 6, 2, 3, 0, 0, 3, 4 | SimpleConvNet: stride must be positive, got 0",
        "hiddenSize |  1, 6, 6, 2, 3, 0, 1, 0, 4 | SimpleConvNet: hiddenSize must be positive, got 0",
        "outputSize |  1, 6, 6, 2, 3, 0, 1, 3,-4 | SimpleConvNet: outputSize must be positive, got -4",
    })
    @Hostile(area = "Shapes and configuration", input = "a zero or negative dimension in NetConfig/ConvConfig (each of the nine)",
            outcome = "`SimpleConvNet: channels must be positive, got 0`, one message per setting")
    void aZeroOrNegativeSettingIsRejectedNamingTheSetting(String setting, String dims, String expected) {
        int[] v = java.util.Arrays.stream(dims.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        assertEquals(expected, rejected(() -> net(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8])), setting);
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a zero or negative dimension of a tensor",
            outcome = "`Tensor.zeros: dimensions must be positive, got [2, 0]`")
    void aTensorWithAZeroDimensionIsRejected() {
        assertEquals("Tensor.zeros: dimensions must be positive, got [2, 0]", rejected(() -> Tensor.zeros(2, 0)));
        assertEquals("Tensor.zeros: dimensions must be positive, got [-1, 3]", rejected(() -> Tensor.zeros(-1, 3)));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "sizes that would not fit in memory (hidden 100000, a 50000x50000 image)",
            outcome = "`SimpleConvNet: W1 [30, 1, 5, 5], W2 [4320, 100000] and W3 [100000, 10] make 433100790 parameters, "
                    + "more than the 10000000 a network may have`, before any allocation (was an OutOfMemoryError, or a W2 "
                    + "shape wrapped around int)")
    void aNetworkTooLargeForMemoryIsRejectedBeforeAnyAllocation() {
        assertEquals("SimpleConvNet: W1 [30, 1, 5, 5], W2 [4320, 100000] and W3 [100000, 10] make 433100790 parameters, "
                + "more than the 10000000 a network may have", rejected(() -> net(1, 28, 28, 30, 5, 0, 1, 100000, 10)));
        assertEquals("SimpleConvNet: W1 [30, 1, 5, 5], W2 [18747000120, 100] and W3 [100, 10] make 1874700013890 parameters, "
                + "more than the 10000000 a network may have", rejected(() -> net(1, 50000, 50000, 30, 5, 0, 1, 100, 10)));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a weight init std that is NaN, infinite or negative",
            outcome = "`SimpleConvNet: weightInitStd must be finite and not negative, got NaN`")
    void aWeightInitStdThatIsNotAStandardDeviationIsRejected() {
        assertEquals("SimpleConvNet: weightInitStd must be finite and not negative, got NaN",
                rejected(() -> new SimpleConvNet(SMALL.withWeightInitStd(Double.NaN))));
        assertEquals("SimpleConvNet: weightInitStd must be finite and not negative, got -0.01",
                rejected(() -> new SimpleConvNet(SMALL.withWeightInitStd(-0.01))));
        assertEquals("SimpleConvNet: weightInitStd must be finite and not negative, got Infinity",
                rejected(() -> new SimpleConvNet(SMALL.withWeightInitStd(Double.POSITIVE_INFINITY))));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a pooling window larger than the (padded) input",
            outcome = "`Pooling.forward: window 3 does not fit height: 2 + 2*0 = 2 < 3`")
    void aPoolingWindowLargerThanTheInputIsRejected() {
        assertEquals("Pooling.forward: window 3 does not fit height: 2 + 2*0 = 2 < 3",
                rejected(() -> new Pooling(3, 3, 3, 0).forward(Tensor.zeros(1, 1, 2, 5))));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a pooling window or stride of zero",
            outcome = "`Pooling: poolW must be positive, got 0`, `Pooling: stride must be positive, got 0`")
    void aPoolingWindowOrStrideOfZeroIsRejected() {
        assertEquals("Pooling: poolW must be positive, got 0", rejected(() -> new Pooling(2, 0, 2, 0)));
        assertEquals("Pooling: stride must be positive, got 0", rejected(() -> new Pooling(2, 2, 0, 0)));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a conv output too small for the net's 2x2 pooling",
            outcome = "`SimpleConvNet: 2x2 pooling does not fit the conv output 1x4; it needs at least 2x2`")
    void aConvOutputSmallerThanThePoolingWindowIsRejectedWhenTheNetIsBuilt() {
        assertEquals("SimpleConvNet: 2x2 pooling does not fit the conv output 1x4; it needs at least 2x2",
                rejected(() -> net(1, 3, 6, 2, 3, 0, 1, 3, 4)));
    }

    /** Not an error, by decision: the book's pooling drops a partial window at the far edge (docs/reliability.md). */
    @Test
    @Hostile(area = "Shapes and configuration", input = "a pooling window that does not tile the input (5x5, 2x2 stride 2)",
            outcome = "no error, as in the book: the partial window at the far edge is dropped, output 2x2 (documented)")
    void aPoolingWindowThatDoesNotTileDropsThePartialWindowAsTheBookDoes() {
        double[] x = new double[25];
        java.util.Arrays.setAll(x, i -> i);
        Tensor out = new Pooling(2, 2, 2, 0).forward(Tensor.of(x, 1, 1, 5, 5));
        assertEquals("[1, 1, 2, 2]", out.shapeString());
        assertEquals(18.0, out.get(3), "the last full window's max; row 4 and column 4 are never read");
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a label outside [0, outputSize) given to the net",
            outcome = "`SoftmaxWithLoss.forward: label 1 is 4, outside [0, 4)`; a negative one: `Labels.indices: label 0 is -1, a class index must not be negative`")
    void aLabelOutsideTheNetsClassesIsRejectedNamingItsPosition() {
        SimpleConvNet net = new SimpleConvNet(SMALL);
        assertEquals("SoftmaxWithLoss.forward: label 1 is 4, outside [0, 4)",
                rejected(() -> net.loss(Tensor.zeros(2, 1, 6, 6), Labels.indices(0, 4))));
        assertEquals("Labels.indices: label 0 is -1, a class index must not be negative",
                rejected(() -> Labels.indices(-1, 2)));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a batch with a different number of labels than images",
            outcome = "`SoftmaxWithLoss.forward: 2 examples but 3 labels`")
    void aBatchWithMoreLabelsThanImagesIsRejected() {
        SimpleConvNet net = new SimpleConvNet(SMALL);
        assertEquals("SoftmaxWithLoss.forward: 2 examples but 3 labels",
                rejected(() -> net.loss(Tensor.zeros(2, 1, 6, 6), Labels.indices(0, 1, 1))));
        assertEquals("SoftmaxWithLoss.forward: 3 examples but 1 labels",
                rejected(() -> net.gradient(Tensor.zeros(3, 1, 6, 6), Labels.indices(0))));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a batch with a different number of labels than images, in a gradient check",
            outcome = "FAILED result, not a crash: `x: SimpleConvNet backprop threw IllegalArgumentException: SoftmaxWithLoss.forward: 2 examples but 3 labels, at Labels.java:78 in requireFits`")
    void aGradientCheckWithMismatchedLabelsReportsItInsteadOfThrowing() {
        CheckResult r = GradientCheck.of(new SimpleConvNet(SMALL), Labels.indices(0, 1, 1))
                .input(Tensor.zeros(2, 1, 6, 6)).seed(3).run();
        assertEquals(Status.FAILED, r.status());
        assertEquals("x: SimpleConvNet backprop threw IllegalArgumentException: SoftmaxWithLoss.forward: 2 examples but 3 labels, "
                + "at Labels.java:78 in requireFits",
                r.param("x").problem());
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "an input with the wrong number of channels (net)",
            outcome = "`SimpleConvNet.predict: expected [N, 1, 6, 6], got [2, 3, 6, 6]`")
    void anInputWithTheWrongNumberOfChannelsIsRejectedByTheNet() {
        assertEquals("SimpleConvNet.predict: expected [N, 1, 6, 6], got [2, 3, 6, 6]",
                rejected(() -> new SimpleConvNet(SMALL).predict(Tensor.zeros(2, 3, 6, 6))));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "an input with the wrong number of channels, in a gradient check",
            outcome = "FAILED result, not a crash: `x: SimpleConvNet backprop threw IllegalArgumentException: "
                    + "SimpleConvNet.predict: expected [N, 1, 6, 6], got [2, 3, 6, 6], at SimpleConvNet.java:164 in requireInput`, "
                    + "the same for a layer")
    void aGradientCheckOnAnInputWithTheWrongChannelsReportsItInsteadOfThrowing() {
        CheckResult net = GradientCheck.of(new SimpleConvNet(SMALL), Labels.indices(0, 1)).input(Tensor.zeros(2, 3, 6, 6))
                .seed(3).run();
        assertEquals(Status.FAILED, net.status());
        assertEquals("x: SimpleConvNet backprop threw IllegalArgumentException: SimpleConvNet.predict: expected [N, 1, 6, 6], "
                + "got [2, 3, 6, 6], at SimpleConvNet.java:164 in requireInput", net.param("x").problem());
        CheckResult layer = GradientCheck.of(new Convolution(Tensor.zeros(4, 2, 3, 3), Tensor.zeros(4), 1, 0))
                .input(Tensor.zeros(1, 3, 5, 5)).seed(3).run();
        assertEquals(Status.FAILED, layer.status());
        assertEquals("x: Convolution threw IllegalArgumentException: Convolution.forward: expected [N, 2, H, W], got [1, 3, 5, 5], "
                + "at Checks.java:26 in requireImages", layer.param("x").problem());
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "an input with the wrong number of channels (Convolution layer)",
            outcome = "`Convolution.forward: expected [N, 2, H, W], got [1, 3, 5, 5]`")
    void anInputWithTheWrongNumberOfChannelsIsRejectedByTheLayer() {
        Convolution conv = new Convolution(Tensor.zeros(4, 2, 3, 3), Tensor.zeros(4), 1, 0);
        assertEquals("Convolution.forward: expected [N, 2, H, W], got [1, 3, 5, 5]",
                rejected(() -> conv.forward(Tensor.zeros(1, 3, 5, 5))));
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "an image of the wrong size (27x28 for a 28x28 net)",
            outcome = "`SimpleConvNet.predict: expected [N, 1, 28, 28], got [2, 1, 27, 28]` (was a confusing Affine message)")
    void anImageOfTheWrongSizeIsRejectedNamingBothShapes() {
        assertEquals("SimpleConvNet.predict: expected [N, 1, 28, 28], got [2, 1, 27, 28]",
                rejected(() -> new SimpleConvNet(NetConfig.book(1)).loss(Tensor.zeros(2, 1, 27, 28), Labels.indices(1, 2))));
    }
}

package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.data.Dataset;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The fused, buffer-reusing forward pass that counts right answers gives predict's scores bit for bit,
 * and the count over a data set is the same for every number of slices and threads.
 */
class EvaluatorTest {
    private static final long SEED = 20261129L;

    private static void assertSameScores(SimpleConvNet net, double[] images, int from, int n, String what) {
        int[] in = net.config().inputDim();
        int pixels = in[0] * in[1] * in[2];
        Tensor x = Tensor.wrap(Arrays.copyOfRange(images, from * pixels, (from + n) * pixels), n, in[0], in[1], in[2]);
        double[] want = net.predict(x).data();
        double[] got = new Evaluator(net).scores(images, from, n);
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
                    what + ": score " + i + " predict " + want[i] + " vs " + got[i] + ", seed " + SEED);
        }
    }

    @Test
    void theBookNetsScoresOnRealDigitsArePredictsBitForBit() throws IOException {
        Dataset test = Mnist.embedded(new LoadOptions(true, false, false)).test();
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(SEED).withWeightInitStd(0.1));
        assertTrue(Evaluator.fits(net));
        assertSameScores(net, test.images(), 0, 100, "100 digits");
        assertSameScores(net, test.images(), 1234, 37, "37 digits from 1234 (a last group of 7)");
        assertSameScores(net, test.images(), 5, 1, "one digit");
    }

    @Test
    void paddingStrideAndAnOddConvolutionOutputGiveTheSameScoresToo() {
        // 2x11x11, 3x3 filters, pad 1, stride 2: outH = outW = 6; 5x5 filters, pad 2, stride 1: 11, pooled to 5
        for (ConvConfig conv : new ConvConfig[] {new ConvConfig(4, 3, 1, 2), new ConvConfig(3, 5, 2, 1)}) {
            NetConfig cfg = new NetConfig(new int[] {2, 11, 11}, conv, 7, 5, 0.3, SEED);
            SimpleConvNet net = new SimpleConvNet(cfg);
            double[] x = Tensor.randn(new Well19937c(SEED), 1.0, 23, 2, 11, 11).data();
            assertSameScores(net, x, 0, 23, conv.toString());
            assertSameScores(net, x, 3, 11, conv + " from image 3");
        }
    }

    @Test
    void theCountOverADataSetIsTheSameForEverySliceAndThreadCount() throws IOException {
        Dataset test = Mnist.embedded(new LoadOptions(true, false, false)).test();
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(SEED).withWeightInitStd(0.1));
        int count = 450;  // 4 chunks of 100 and one of 50
        long want = 0;
        for (int from = 0; from < count; from += 50) {
            Tensor x = Tensor.wrap(Arrays.copyOfRange(test.images(), from * 784, (from + 50) * 784), 50, 1, 28, 28);
            want += net.correct(x, Labels.indices(Arrays.copyOfRange(test.labels(), from, from + 50)));
        }
        assertTrue(want > 45 && want < 405, "a count that tells right from wrong: " + want);
        for (int k : new int[] {1, 2, 3, 4, 7}) {
            for (int threads : new int[] {1, 2, 4}) {
                try (BatchSplit split = new BatchSplit(net, k, threads)) {
                    assertEquals(want, split.correct(test.images(), test.labels(), count), k + " slices, " + threads + " threads");
                    assertEquals(want, split.correct(test.images(), test.labels(), count), "again, in the reused buffers");
                }
            }
        }
    }

    @Test
    void aNetworkOfAUsersLayersCountsWithItsOwnForward() throws IOException {
        Dataset test = Mnist.embedded(new LoadOptions(true, false, false)).test();
        int[] calls = new int[1];
        SimpleConvNet mine = SimpleConvNet.builder(NetConfig.book(SEED).withWeightInitStd(0.1)).relu1(() -> new Layer() {
            private final Relu relu = new Relu();

            @Override
            public Tensor forward(Tensor x) {
                calls[0]++;
                return relu.forward(x);
            }

            @Override
            public Tensor backward(Tensor dout) {
                return relu.backward(dout);
            }
        }).build();
        assertFalse(Evaluator.fits(mine));
        SimpleConvNet ours = new SimpleConvNet(NetConfig.book(SEED).withWeightInitStd(0.1));
        try (BatchSplit a = new BatchSplit(mine, 2, 2); BatchSplit b = new BatchSplit(ours, 2, 2)) {
            assertEquals(b.correct(test.images(), test.labels(), 250), a.correct(test.images(), test.labels(), 250));
        }
        assertTrue(calls[0] >= 3, "the user's Relu ran: " + calls[0]);
    }

    @Test
    void tooFewImagesOrABadLabelAreRefusedWithOneLine() {
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(SEED));
        try (BatchSplit split = new BatchSplit(net, 2, 1)) {
            assertEquals("BatchSplit.correct: 3 images asked, got 2 images and 3 labels of [1, 28, 28]",
                    assertThrows(IllegalArgumentException.class,
                            () -> split.correct(new double[2 * 784], new int[3], 3)).getMessage());
            assertEquals("BatchSplit.correct: label 1 is 10, outside [0, 10)", assertThrows(IllegalArgumentException.class,
                    () -> split.correct(new double[2 * 784], new int[] {0, 10}, 2)).getMessage());
            assertEquals("BatchSplit.correct: label 0 is -1, outside [0, 10)", assertThrows(IllegalArgumentException.class,
                    () -> split.correct(new double[2 * 784], new int[] {-1, 0}, 2)).getMessage());
            assertEquals("BatchSplit.correct: -1 images asked, got 2 images and 2 labels of [1, 28, 28]",
                    assertThrows(IllegalArgumentException.class,
                            () -> split.correct(new double[2 * 784], new int[2], -1)).getMessage());
            assertEquals(0, split.correct(new double[0], new int[0], 0), "no images, none right");
        }
    }

    @Test
    void aFailureInAnySliceReachesTheCallerAsItWasThrown() {
        int[] calls = new int[1];
        NetConfig cfg = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 4, 3, 0.5, SEED);
        SimpleConvNet net = SimpleConvNet.builder(cfg).relu2(() -> new Layer() {
            private final Relu relu = new Relu();

            @Override
            public Tensor forward(Tensor x) {
                synchronized (calls) {
                    if (++calls[0] % 2 == 0) {  // every second slice's forward fails
                        throw new IllegalStateException("slice failed");
                    }
                }
                return relu.forward(x);
            }

            @Override
            public Tensor backward(Tensor dout) {
                return relu.backward(dout);
            }
        }).build();
        Tensor x = Tensor.randn(new Well19937c(SEED), 1.0, 4, 1, 6, 6);
        for (int threads : new int[] {1, 2, 4}) {
            try (BatchSplit split = new BatchSplit(net, 4, threads)) {
                calls[0] = 0;
                assertEquals("slice failed", assertThrows(IllegalStateException.class,
                        () -> split.gradient(x, Labels.indices(0, 1, 2, 0))).getMessage(), threads + " threads");
            }
        }
    }
}

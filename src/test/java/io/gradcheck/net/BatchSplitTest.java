package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class BatchSplitTest {
    private static final long SEED = 20261129L;
    private static final NetConfig SMALL = new NetConfig(new int[] {2, 8, 8}, new ConvConfig(4, 3, 1, 1), 7, 5, 0.1, SEED);

    private static Tensor images(int n) {
        return Tensor.randn(new Well19937c(SEED), 1.0, n, 2, 8, 8);
    }

    private static Labels labels(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = (i * 3) % 5;
        }
        return Labels.indices(t);
    }

    @Test
    void oneSliceIsExactlyTheNetworksGradient() {
        Tensor x = images(7);
        Map<String, Tensor> want = new SimpleConvNet(SMALL).gradient(x, labels(7));
        try (BatchSplit split = new BatchSplit(new SimpleConvNet(SMALL), 1, 2)) {
            Map<String, Tensor> got = split.gradient(x, labels(7));
            want.forEach((k, v) -> assertArrayEquals(v.data(), got.get(k).data(), 0.0, k));
        }
    }

    @Test
    void slicedGradientAndLossEqualTheWholeBatchUpToRounding() {
        Tensor x = images(7);
        SimpleConvNet whole = new SimpleConvNet(SMALL);
        Map<String, Tensor> want = whole.gradient(x, labels(7));
        for (int k : new int[] {2, 3, 7}) {
            try (BatchSplit split = new BatchSplit(new SimpleConvNet(SMALL), k, 2)) {
                Map<String, Tensor> got = split.gradient(x, labels(7));
                assertEquals(k, split.slices());
                assertEquals(whole.lastLoss(), split.lastLoss(), 1e-14 * Math.abs(whole.lastLoss()), "loss, k=" + k);
                want.forEach((name, v) -> {
                    for (int i = 0; i < v.size(); i++) {
                        double scale = Math.max(1e-300, Math.abs(v.get(i)));
                        assertEquals(v.get(i), got.get(name).get(i), 1e-12 * Math.max(scale, 1e-8),
                                name + "[" + i + "], k=" + k + ", seed " + SEED);
                    }
                });
            }
        }
    }

    @Test
    void theNumbersDependOnTheSlicesNotOnTheThreads() {
        Tensor x = images(9);
        try (BatchSplit one = new BatchSplit(new SimpleConvNet(SMALL), 3, 1);
             BatchSplit three = new BatchSplit(new SimpleConvNet(SMALL), 3, 3)) {
            Map<String, Tensor> a = one.gradient(x, labels(9));
            Map<String, Tensor> b = three.gradient(x, labels(9));
            a.forEach((k, v) -> assertArrayEquals(v.data(), b.get(k).data(), 0.0, k));
            assertEquals(one.lastLoss(), three.lastLoss(), 0.0);
        }
    }

    @Test
    void replicasSeeEveryUpdateOfTheSharedParameters() {
        Tensor x = images(6);
        SimpleConvNet net = new SimpleConvNet(SMALL);
        SimpleConvNet whole = new SimpleConvNet(SMALL);
        try (BatchSplit split = new BatchSplit(net, 2, 2)) {
            split.gradient(x, labels(6));
            for (Tensor p : net.params().values()) {  // an update the replica must see
                for (int i = 0; i < p.size(); i++) {
                    p.set(i, p.get(i) * 1.5 + 0.01);
                }
            }
            for (Tensor p : whole.params().values()) {
                for (int i = 0; i < p.size(); i++) {
                    p.set(i, p.get(i) * 1.5 + 0.01);
                }
            }
            Map<String, Tensor> got = split.gradient(x, labels(6));
            Map<String, Tensor> want = whole.gradient(x, labels(6));
            want.forEach((k, v) -> assertArrayEquals(v.data(), got.get(k).data(), 1e-12, k));
        }
    }

    @Test
    void theBatchAndTheParametersAreNotModified() {
        Tensor x = images(4);
        Tensor before = x.copy();
        SimpleConvNet net = new SimpleConvNet(SMALL);
        Map<String, Tensor> params = Map.copyOf(net.params());
        Map<String, double[]> saved = new java.util.HashMap<>();
        params.forEach((k, v) -> saved.put(k, v.data().clone()));
        try (BatchSplit split = new BatchSplit(net, 2, 2)) {
            split.gradient(x, labels(4));
        }
        assertArrayEquals(before.data(), x.data(), 0.0);
        params.forEach((k, v) -> assertArrayEquals(saved.get(k), v.data(), 0.0, k));
    }

    @Test
    void aBatchSmallerThanTheSlicesGetsOneSlicePerExample() {
        Tensor x = images(2);
        SimpleConvNet whole = new SimpleConvNet(SMALL);
        Map<String, Tensor> want = whole.gradient(x, labels(2));
        try (BatchSplit split = new BatchSplit(new SimpleConvNet(SMALL), 5, 2)) {
            Map<String, Tensor> got = split.gradient(x, labels(2));
            want.forEach((k, v) -> assertArrayEquals(v.data(), got.get(k).data(), 1e-12, k));
            assertEquals(whole.lastLoss(), split.lastLoss(), 1e-12);
        }
    }

    @Test
    void theCountOfRightAnswersIsTheSameForEveryNumberOfSlices() {
        Tensor x = images(11);
        SimpleConvNet net = new SimpleConvNet(SMALL);
        Tensor y = net.predict(x);
        int[] labels = new int[11];
        for (int i = 0; i < 11; i++) {  // right for even i, wrong for odd i: 6 right answers
            int best = 0;
            for (int j = 1; j < 5; j++) {
                best = y.at(i, j) > y.at(i, best) ? j : best;
            }
            labels[i] = i % 2 == 0 ? best : (best + 1) % 5;
        }
        Labels t = Labels.indices(labels);
        int want = 6;
        assertEquals(want / 11.0, net.accuracy(x, t), 0.0);
        for (int k : new int[] {1, 2, 3, 11, 20}) {
            try (BatchSplit split = new BatchSplit(net, k, 2)) {
                assertEquals(want, split.correct(x, t), "k=" + k);
            }
        }
        assertEquals("SimpleConvNet.accuracy: 11 examples but 3 labels",
                assertThrows(IllegalArgumentException.class, () -> net.accuracy(x, labels(3))).getMessage());
    }

    @Test
    void oneThreadComputesEverySliceItselfWithTheSameNumbers() {
        Tensor x = images(9);
        SimpleConvNet net = new SimpleConvNet(SMALL);
        try (BatchSplit alone = new BatchSplit(net, 3, 1); BatchSplit two = new BatchSplit(net, 3, 2)) {
            assertEquals(two.correct(x, labels(9)), alone.correct(x, labels(9)));
            assertEquals(net, alone.net());
        }
    }

    @Test
    void aLabelOutsideTheClassesIsNamedByItsPlaceInTheWholeBatch() {
        int[] t = {0, 1, 2, 3, 4, 0, 1, 2, 5};  // label 5 of classes 0..4, in the last slice
        SimpleConvNet net = new SimpleConvNet(SMALL);
        try (BatchSplit split = new BatchSplit(net, 3, 3)) {
            assertEquals("BatchSplit.gradient: label 8 is 5, outside [0, 5)", assertThrows(IllegalArgumentException.class,
                    () -> split.gradient(images(9), Labels.indices(t))).getMessage());
            assertEquals("BatchSplit.correct: label 8 is 5, outside [0, 5)", assertThrows(IllegalArgumentException.class,
                    () -> split.correct(images(9), Labels.indices(t))).getMessage());
        }
        assertEquals("SimpleConvNet.accuracy: label 8 is 5, outside [0, 5)", assertThrows(IllegalArgumentException.class,
                () -> net.accuracy(images(9), Labels.indices(t))).getMessage());
    }

    @Test
    void sixtyFourSlicesAreTheMost() {
        try (BatchSplit split = new BatchSplit(new SimpleConvNet(SMALL), 64, 1)) {
            assertEquals(64, split.slices());
        }
    }

    @Test
    void aSubclassRunsAsOneSliceSoItsOwnGradientIsUsed() {
        SimpleConvNet sub = new SimpleConvNet(SMALL) { };
        try (BatchSplit split = new BatchSplit(sub, 4, 2)) {
            assertEquals(1, split.slices());
        }
    }

    @Test
    void badArgumentsAreRejectedWithOneLine() {
        SimpleConvNet net = new SimpleConvNet(SMALL);
        assertEquals("BatchSplit: slices must be in 1..64, got 0",
                assertThrows(IllegalArgumentException.class, () -> new BatchSplit(net, 0, 1)).getMessage());
        assertEquals("BatchSplit: threads must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new BatchSplit(net, 2, 0)).getMessage());
        try (BatchSplit split = new BatchSplit(net, 3, 1)) {
            assertEquals("BatchSplit.gradient: 4 examples but 3 labels",
                    assertThrows(IllegalArgumentException.class, () -> split.gradient(images(4), labels(3))).getMessage());
        }
    }
}

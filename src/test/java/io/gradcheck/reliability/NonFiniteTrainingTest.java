package io.gradcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.data.Dataset;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import io.gradcheck.train.Checkpoint;
import io.gradcheck.train.Optimizer;
import io.gradcheck.train.OptimizerKind;
import io.gradcheck.train.Sgd;
import io.gradcheck.train.TrainConfig;
import io.gradcheck.train.Trainer;
import io.gradcheck.train.TrainingStopped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad data and NaN or infinity in training: bad data refused before the first step; a non-finite
 * loss, gradient or weight stops the run naming the iteration and where, and nothing is saved after it.
 */
class NonFiniteTrainingTest {
    private static final NetConfig TINY = new NetConfig(new int[] {1, 8, 8}, new ConvConfig(3, 3, 0, 1), 10, 10, 0.1, 42);
    private static final TrainConfig SGD = new TrainConfig(3, 10, OptimizerKind.SGD, 0.01, 42, 0);

    @TempDir
    Path dir;

    /** n seeded random 8x8 images, labels cycling through the ten classes. */
    private static Dataset data(int n, long seed) {
        Well19937c rng = new Well19937c(seed);
        double[] x = new double[n * 64];
        int[] t = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            t[i] = i % 10;
        }
        return new Dataset(x, new int[] {n, 1, 8, 8}, t, null, 8, 8);
    }

    @Test
    @Hostile(area = "Numbers", input = "NaN in the training images",
            outcome = "refused before training: `Trainer: training image 7 has NaN at pixel 9`")
    void trainingDataWithANaNPixelIsRefusedBeforeTheFirstStep() {
        Dataset d = data(40, 1);
        d.images()[7 * 64 + 9] = Double.NaN;
        SimpleConvNet net = new SimpleConvNet(TINY);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(net, new Sgd(net.params(), 0.01), SGD, d, data(20, 2)));
        assertEquals("Trainer: training image 7 has NaN at pixel 9", e.getMessage());
    }

    @Test
    @Hostile(area = "Shapes and configuration", input = "a training label outside [0, outputSize) in the data set",
            outcome = "refused before training: `Trainer: training label 3 is 10, outside [0, 10)`, by its index in the data set")
    void aTrainingLabelOutsideTheClassesIsRefusedBeforeTheFirstStep() {
        Dataset d = data(40, 1);
        d.labels()[3] = 10;
        SimpleConvNet net = new SimpleConvNet(TINY);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(net, new Sgd(net.params(), 0.01), SGD, d, data(20, 2)));
        assertEquals("Trainer: training label 3 is 10, outside [0, 10)", e.getMessage());
    }

    @Test
    @Hostile(area = "Numbers", input = "a loss that overflows to NaN (weights drawn with std 1e200)",
            outcome = "`training stopped at iteration 1 (epoch 1, step 1 of 4): loss is NaN; first non-finite value: "
                    + "the output of Affine (W2, b2) is NaN at [0, 0]` (or -Infinity, by the BLAS kernel's order of summation); weights untouched")
    void aNonFiniteLossStopsTrainingNamingTheIterationAndTheLayer() {
        SimpleConvNet net = new SimpleConvNet(TINY.withWeightInitStd(1e200));
        double[] before = net.params().get("W1").data().clone();
        Trainer t = new Trainer(net, new Sgd(net.params(), 0.01), SGD, data(40, 1), data(20, 2));
        var e = assertThrows(TrainingStopped.class, () -> t.run(p -> { }));
        // NaN (inf - inf) or -Infinity: which one depends on the BLAS kernel's order of summation
        assertTrue(e.getMessage().matches("training stopped at iteration 1 \\(epoch 1, step 1 of 4\\): loss is NaN; "
                + "first non-finite value: the output of Affine \\(W2, b2\\) is (NaN|-Infinity) at \\[0, 0\\]"),
                e.getMessage());
        assertEquals(1, e.iteration());
        assertArrayEquals(before, net.params().get("W1").data(), "the step was not applied");
    }

    @Test
    @Hostile(area = "Numbers", input = "a gradient that is NaN while the loss is finite, in training",
            outcome = "`training stopped at iteration 1 (epoch 1, step 1 of 4): loss is 2.3026 but the gradient W2 (Affine) is NaN at [3, 4]`")
    void aNonFiniteGradientStopsTrainingNamingTheParameterAndIndex() {
        SimpleConvNet net = new SimpleConvNet(TINY) {
            @Override
            public Map<String, Tensor> gradient(Tensor x, Labels t) {
                Map<String, Tensor> g = super.gradient(x, t);
                g.get("W2").set(3 * 10 + 4, Double.NaN);
                return g;
            }
        };
        Trainer t = new Trainer(net, new Sgd(net.params(), 0.01), SGD, data(40, 1), data(20, 2));
        var e = assertThrows(TrainingStopped.class, () -> t.run(p -> { }));
        String loss = String.format(Locale.ROOT, "%.4f", net.lastLoss());
        assertEquals("training stopped at iteration 1 (epoch 1, step 1 of 4): loss is " + loss
                + " but the gradient W2 (Affine) is NaN at [3, 4]", e.getMessage());
    }

    @Test
    @Hostile(area = "Numbers", input = "a learning rate of 1e308 (through the API; the CLI allows at most 10)",
            outcome = "`training stopped at iteration 2 (epoch 1, step 2 of 4): loss is NaN; first non-finite value: "
                    + "the output of Affine (W3, b3) is -Infinity at [0, 0]`")
    void aHugeLearningRateStopsTrainingAtTheFirstNonFiniteLoss() {
        SimpleConvNet net = new SimpleConvNet(TINY);
        Trainer t = new Trainer(net, new Sgd(net.params(), 1e308), SGD, data(40, 1), data(20, 2));
        var e = assertThrows(TrainingStopped.class, () -> t.run(p -> { }));
        assertEquals("training stopped at iteration 2 (epoch 1, step 2 of 4): loss is NaN; first non-finite value: "
                + "the output of Affine (W3, b3) is -Infinity at [0, 0]", e.getMessage());
    }

    @Test
    @Hostile(area = "Numbers", input = "an update that makes a weight infinite",
            outcome = "`training stopped at iteration 3 (epoch 1, step 3 of 4): after the update, parameter W2 (Affine) is "
                    + "Infinity at [0, 7]; is the learning rate 0.01 too high?`; the listener never sees that step")
    void anUpdateThatMakesAWeightInfiniteStopsTrainingNamingTheParameter() {
        SimpleConvNet net = new SimpleConvNet(TINY);
        Sgd sgd = new Sgd(net.params(), 0.01);
        int[] updates = {0};
        Optimizer spoils = new Optimizer() {  // the third update overflows one weight
            @Override
            public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
                sgd.update(params, grads);
                if (++updates[0] == 3) {
                    params.get("W2").set(7, Double.POSITIVE_INFINITY);
                }
            }

            @Override
            public Map<String, Tensor> state() {
                return sgd.state();
            }

            @Override
            public String name() {
                return sgd.name();
            }

            @Override
            public double lr() {
                return sgd.lr();
            }
        };
        Trainer t = new Trainer(net, spoils, SGD, data(40, 1), data(20, 2));
        List<Integer> seen = new ArrayList<>();
        var e = assertThrows(TrainingStopped.class, () -> t.run(p -> seen.add(p.step())));
        assertEquals("training stopped at iteration 3 (epoch 1, step 3 of 4): after the update, parameter W2 (Affine) is "
                + "Infinity at [0, 7]; is the learning rate 0.01 too high?", e.getMessage());
        assertEquals(List.of(1, 2), seen);
    }

    /**
     * The data go bad in epoch 2 (the arrays are the caller's): the run stops at that step, and the
     * checkpoint written after epoch 1 is left byte for byte as it was, and still loads.
     */
    @Test
    @Hostile(area = "Numbers", input = "NaN appearing in the data during training, with a checkpoint per epoch",
            outcome = "`training stopped at iteration 19 (epoch 2, step 9 of 10): training image 5 has NaN at pixel 9`; "
                    + "the epoch-1 checkpoint unchanged")
    void aNaNDuringTrainingStopsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
        Dataset d = data(100, 1);
        SimpleConvNet net = new SimpleConvNet(TINY);
        Trainer t = new Trainer(net, new Sgd(net.params(), 0.01), SGD, d, data(20, 2));
        Path ckpt = dir.resolve("run.ckpt");
        byte[][] saved = new byte[1][];
        var e = assertThrows(TrainingStopped.class, () -> t.run(p -> {
            if (p.epochEnd()) {
                try {
                    Checkpoint.of(t).write(ckpt);
                    saved[0] = Files.readAllBytes(ckpt);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
                d.images()[5 * 64 + 9] = Double.NaN;  // image 5 comes up in epoch 2's shuffle
            }
        }));
        assertEquals("training stopped at iteration 19 (epoch 2, step 9 of 10): training image 5 has NaN at pixel 9",
                e.getMessage());
        assertEquals(2, e.epoch());
        assertArrayEquals(saved[0], Files.readAllBytes(ckpt), "no checkpoint written after the bad step");
        Checkpoint c = Checkpoint.read(ckpt);
        assertEquals(1, c.epoch());
        SimpleConvNet restored = new SimpleConvNet(c.net());
        c.restoreParams(restored, ckpt.toString());
        for (Tensor p : restored.params().values()) {
            for (double v : p.data()) {
                assertEquals(true, Double.isFinite(v), "the checkpoint holds finite weights only");
            }
        }
    }
}

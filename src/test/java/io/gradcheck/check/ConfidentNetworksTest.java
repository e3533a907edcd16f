package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Correct code that the exact detectors were never tuned on: confident networks, whose loss rounds
 * to exactly 0.0, and a softmax with one dominant score. Before the detectors judged an identity
 * against the size of its terms and refused trivial premises, 54 of 200 such networks at std 1 and
 * 169 of 200 at std 2 FAILED with "HOMOGENEITY identity broken".
 */
class ConfidentNetworksTest {
    private static final int NETS = 200;
    private static final int ZERO_LOSS_NETS = 40;

    @ParameterizedTest(name = "std {0}, batch {1}")
    @CsvSource({"1.0, 1", "2.0, 1", "1.0, 2", "2.0, 2"})
    void aCorrectConfidentNetworkNeverFails(double std, int batch) {
        Well19937c rng = new Well19937c(Generators.SEED + (long) (100 * std) + batch);
        Shapes.Ints in = Shapes.Ints.uniform(rng);
        int zeroLoss = 0, checked = 0;
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < 40 * NETS && zeroLoss < ZERO_LOSS_NETS; k++) {
            NetShape s = NetShape.draw(in);
            SimpleConvNet net = new SimpleConvNet(s.config().withWeightInitStd(std));
            int[] d = s.config().inputDim();
            Tensor x = Tensor.randn(rng, 1, batch, d[0], d[1], d[2]);
            Labels t = Labels.indices(argmax(net.predict(x)));  // the predicted class: as confident as it gets
            boolean zero = net.loss(x, t) == 0.0;
            if (!zero && k % 10 != 0) {
                continue;  // every loss of exactly 0.0, and a sample of the merely confident
            }
            zeroLoss += zero ? 1 : 0;
            checked++;
            CheckResult r = GradientCheck.of(net, t).input(x).seed(Generators.SEED).run();
            if (r.status() == Status.FAILED) {
                failures.add(s + "\n" + r.failureMessage());
            }
        }
        assertEquals(ZERO_LOSS_NETS, zeroLoss, "too few nets had a loss of exactly 0.0: the test would not exercise "
                + "what it is about");
        assertEquals(List.of(), failures, failures.size() + " of " + checked + " failed, seed " + Generators.SEED);
    }

    @Test
    void aSoftmaxWithOneDominantScoreNeverFails() {
        CheckResult r = GradientCheck.of(new SoftmaxWithLoss(), Labels.indices(1))
                .input(Tensor.of(new double[] {1, 40, 2}, 1, 3)).seed(7).run();
        assertNotEquals(Status.FAILED, r.status(), r.failureMessage());
        Well19937c rng = new Well19937c(Generators.SEED);
        for (int k = 0; k < NETS; k++) {
            int n = 1 + rng.nextInt(3), classes = 2 + rng.nextInt(5);
            Tensor scores = Tensor.randn(rng, 1, n, classes);
            int[] t = argmax(scores);
            for (int i = 0; i < n; i++) {
                scores.set(i * classes + t[i], 30 + 20 * rng.nextDouble());  // one score dominates each row
            }
            CheckResult c = GradientCheck.of(new SoftmaxWithLoss(), Labels.indices(t)).input(scores).seed(k).run();
            assertNotEquals(Status.FAILED, c.status(), c.failureMessage());
        }
    }

    /** The index of each row's highest score. */
    private static int[] argmax(Tensor y) {
        int n = y.dim(0), k = y.dim(1);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 1; j < k; j++) {
                t[i] = y.get(i * k + j) > y.get(i * k + t[i]) ? j : t[i];
            }
        }
        return t;
    }
}

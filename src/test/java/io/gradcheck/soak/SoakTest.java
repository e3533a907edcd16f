package io.gradcheck.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.CheckSettings;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.check.Shapes.Ints;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.check.Shapes.PoolShape;
import io.gradcheck.check.Shapes;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * No false alarms, measured: the reference layers and the net, on random shapes with inputs built
 * to sit near kinks (networks alive but kinky), and confident networks whose loss is often exactly 0.0, never FAIL. -Dgradcheck.soak=N trials (1,000 by default; the soak profile runs 10,000).
 */
class SoakTest {
    private static final long SEED = Long.getLong("gradcheck.seed", 20261129L);
    private static final int TRIALS = Integer.getInteger("gradcheck.soak", 1000);
    private static final double H = CheckSettings.DEFAULT.h();
    private static final String[] SUBJECTS = {"Convolution", "Pooling", "Relu", "Affine", "SoftmaxWithLoss", "SimpleConvNet",
        "confident SimpleConvNet"};

    @Test
    void referenceLayersAndTheNetNeverFailNearKinks() throws IOException {
        Tally tally = new Tally();
        Map<String, Tally> bySubject = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < TRIALS; i++) {
            RandomGenerator rng = new Well19937c(SEED + i);
            Trial t = trial(i % SUBJECTS.length, rng, SEED + i);
            tally.add(t.result(), t.shape());
            bySubject.computeIfAbsent(SUBJECTS[i % SUBJECTS.length], k -> new Tally()).add(t.result(), t.shape());
        }
        StringBuilder report = new StringBuilder(tally.summary(SEED, (System.nanoTime() - start) / 1e9));
        bySubject.forEach((k, t) -> report.append("\n  ").append(k).append(": ").append(t.summary(SEED, Double.NaN)));
        System.out.println("Soak: " + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "soak-" + TRIALS + ".txt"), report + "\n");
        assertEquals(0, tally.failed, report + "\n" + String.join("\n", tally.failures));
        for (String k : new String[] {"Pooling", "Relu", "SimpleConvNet"}) {  // the inputs must really reach the kinks
            assertTrue(TRIALS < SUBJECTS.length || bySubject.get(k).skipped > 0, k + " never sat at a kink: " + report);
        }
    }

    /** One check of subject k (conv, pooling, relu, affine, loss, net) on a shape and input drawn from rng. */
    /** One check and the shape it ran on. */
    private record Trial(CheckResult result, String shape) {
    }

    private static Trial trial(int k, RandomGenerator rng, long seed) {
        Ints in = Ints.uniform(rng);
        return switch (k) {
            case 0 -> {
                ConvShape s = ConvShape.draw(in);
                Convolution layer = new Convolution(Tensor.randn(rng, 1, s.fn(), s.c(), s.fh(), s.fw()), Tensor.randn(rng, 1, s.fn()),
                        s.stride(), s.pad());
                yield new Trial(check(GradientCheck.of(layer), Tensor.randn(rng, 1, s.n(), s.c(), s.h(), s.w()), seed), s.toString());
            }
            case 1 -> {
                PoolShape s = PoolShape.draw(in);
                Pooling layer = new Pooling(s.poolH(), s.poolW(), s.stride(), s.pad());
                yield new Trial(check(GradientCheck.of(layer), NearKinks.nearTies(rng, H, s.n(), s.c(), s.h(), s.w()), seed), s.toString());
            }
            case 2 -> {
                ImageShape s = ImageShape.draw(in);
                yield new Trial(check(GradientCheck.of(new Relu()), NearKinks.nearZero(rng, H, s.n(), s.c(), s.h(), s.w()), seed), s.toString());
            }
            case 3 -> {
                AffineShape s = AffineShape.draw(in);
                Affine layer = new Affine(Tensor.randn(rng, 1, s.d(), s.m()), Tensor.randn(rng, 1, s.m()));
                yield new Trial(check(GradientCheck.of(layer), Tensor.randn(rng, 1, s.n(), s.c(), s.h(), s.w()), seed), s.toString());
            }
            case 4 -> {
                int n = in.between(1, 4), classes = in.between(2, 6);
                double scale = new double[] {1, 3, 10}[in.between(0, 2)];
                GradientCheck c = GradientCheck.of(new SoftmaxWithLoss(), labels(rng, n, classes));
                yield new Trial(check(c, Tensor.randn(rng, scale, n, classes), seed), "scores " + n + "x" + classes + " std " + scale);
            }
            case 5 -> {
                NetShape s = NetShape.draw(in);
                SimpleConvNet net = new SimpleConvNet(s.config());
                int[] d = s.config().inputDim();
                Labels t = labels(rng, s.n(), s.config().outputSize());
                Tensor x = Tensor.randn(rng, 1, s.n(), d[0], d[1], d[2]);
                for (int attempt = 0; attempt < 10; attempt++) {  // alive but kinky: biases at the kinks, and a gradient in every tensor
                    NearKinks.biasesAtKinks(net, s, x, rng, H);
                    if (Shapes.alive(net, x, t)) {
                        break;
                    }
                    x = Tensor.randn(rng, 1, s.n(), d[0], d[1], d[2]);
                }
                yield new Trial(check(GradientCheck.of(net, t), x, seed), s.toString());
            }
            default -> {  // confident: weight std 1 or 2, labels = the predicted class, a loss that is often exactly 0.0
                NetShape s = NetShape.draw(in);
                SimpleConvNet net = new SimpleConvNet(s.config().withWeightInitStd(1 + in.between(0, 1)));
                int[] d = s.config().inputDim();
                Tensor x = Tensor.randn(rng, 1, s.n(), d[0], d[1], d[2]);
                yield new Trial(check(GradientCheck.of(net, Labels.indices(predicted(net.predict(x)))), x, seed),
                        s + " confident");
            }
        };
    }

    private static CheckResult check(GradientCheck c, Tensor x, long seed) {
        return c.input(x).seed(seed).run();
    }

    /** The index of each row's highest score. */
    private static int[] predicted(Tensor y) {
        int n = y.dim(0), k = y.dim(1);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 1; j < k; j++) {
                t[i] = y.get(i * k + j) > y.get(i * k + t[i]) ? j : t[i];
            }
        }
        return t;
    }

    private static Labels labels(RandomGenerator rng, int n, int classes) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(classes);
        }
        return Labels.indices(t);
    }
}

package io.gradcheck.check;

import static io.gradcheck.check.Generators.affineShapes;
import static io.gradcheck.check.Generators.convShapes;
import static io.gradcheck.check.Generators.imageShapes;
import static io.gradcheck.check.Generators.poolShapes;
import static io.gradcheck.check.Generators.theory;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Tensor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** For each layer: backprop matches central differences for dx and every parameter, on random shapes. */
class LayerGradientPropertiesTest {
    private final AtomicInteger inconclusive = new AtomicInteger();
    private PropertyReports report;

    @BeforeEach
    void startReport(TestInfo test) {
        report = new PropertyReports("properties " + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void writeReport() {
        report.write();
    }

    /** Fails on FAILED; counts INCONCLUSIVE, which must stay rare (checked in {@link #fewInconclusive}). */
    private void requireNotFailed(CheckResult r, Object shape) {
        report.keep(r);
        if (r.status() == Status.FAILED) {
            throw new AssertionError(r.failureMessage() + "\n  shape: " + shape);
        }
        if (r.status() == Status.INCONCLUSIVE) {
            inconclusive.incrementAndGet();
        }
    }

    private void fewInconclusive() {
        assertTrue(inconclusive.get() <= Generators.TRIES / 20,
                inconclusive.get() + " of " + Generators.TRIES + " checks inconclusive (seed " + Generators.SEED + ")");
    }

    @Test
    void convolutionBackpropMatchesFiniteDifferencesForEveryParameter() {
        theory().forAll(convShapes()).checkAssert(s ->
                requireNotFailed(GradientCheck.of(Fixtures.conv(s)).input(Fixtures.input(s)).seed(Generators.SEED).run(), s));
        fewInconclusive();
    }

    @Test
    void affineBackpropMatchesFiniteDifferencesForEveryParameter() {
        theory().forAll(affineShapes()).checkAssert(s ->
                requireNotFailed(GradientCheck.of(Fixtures.affine(s)).input(Fixtures.input(s)).seed(Generators.SEED).run(), s));
        fewInconclusive();
    }

    @Test
    void poolingBackpropMatchesFiniteDifferences() {
        theory().forAll(poolShapes()).checkAssert(s -> {
            Tensor x = Tensor.randn(new Well19937c(s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
            requireNotFailed(GradientCheck.of(new Pooling(s.poolH(), s.poolW(), s.stride(), s.pad()))
                    .input(x).seed(Generators.SEED).run(), s);
        });
        fewInconclusive();
    }

    @Test
    void reluBackpropMatchesFiniteDifferences() {
        theory().forAll(imageShapes()).checkAssert(s -> {
            Tensor x = Tensor.randn(new Well19937c(s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
            requireNotFailed(GradientCheck.of(new Relu()).input(x).seed(Generators.SEED).run(), s);
        });
        fewInconclusive();
    }

    @Test
    void softmaxWithLossBackpropMatchesFiniteDifferences() {
        theory().forAll(imageShapes()).checkAssert(s -> {
            Well19937c rng = new Well19937c(s.dataSeed());
            int k = s.c() + 1;  // at least two classes
            Tensor x = Tensor.randn(rng, 3, s.n(), k);
            int[] t = new int[s.n()];
            for (int i = 0; i < t.length; i++) {
                t[i] = rng.nextInt(k);
            }
            requireNotFailed(GradientCheck.of(new SoftmaxWithLoss(), Labels.indices(t)).input(x)
                    .seed(Generators.SEED).run(), s);
        });
        fewInconclusive();
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Edges of the check package that the gradient properties never reach: settings bounds, indices, SelfCheck. */
class CheckEdgesTest {
    @Test
    void settingsAcceptTheirClosedBoundsAndRefuseJustBeyondThem() {
        CheckSettings edge = new CheckSettings(1e-300, 0, 0, 0, 1, 0);
        assertEquals(1.0, edge.withMaxSkipFraction(1).maxSkipFraction(), 0.0);
        assertEquals(2e-3, edge.withRtol(2e-3).rtol(), 0.0);
        assertEquals(3e-9, edge.withAtol(3e-9).atol(), 0.0);
        List<Supplier<CheckSettings>> beyond = List.of(() -> edge.withH(0), () -> edge.withMaxElements(0),
                () -> edge.withDirections(-1), () -> edge.withMaxSkipFraction(Math.nextUp(1.0)),
                () -> edge.withMaxSkipFraction(-Double.MIN_VALUE), () -> edge.withRtol(-Double.MIN_VALUE),
                () -> edge.withAtol(-Double.MIN_VALUE));
        for (Supplier<CheckSettings> s : beyond) {
            assertThrows(IllegalArgumentException.class, s::get);
        }
    }

    @Test
    void elementIndexNamesEveryAxisOfAFlatIndex() {
        ParamResult p = ParamResult.problem("W1", new int[] {2, 3, 4, 5}, "m");
        assertEquals("W1[f=1,c=2,i=1,j=3]", p.elementIndex(((1 * 3 + 2) * 4 + 1) * 5 + 3));
        assertEquals("W1[f=0,c=0,i=0,j=0]", p.elementIndex(0));
    }

    @Test
    void selfCheckRunsSixPassingChecksPerTryAndRefusesZeroTries() {
        List<CheckResult> r = SelfCheck.run(7, 2);
        assertEquals(12, r.size());
        assertEquals(List.of("SimpleConvNet", "Convolution", "Pooling", "Affine", "Relu", "SoftmaxWithLoss"),
                r.subList(6, 12).stream().map(CheckResult::subject).toList());
        for (CheckResult c : r) {
            assertNotEquals(Status.FAILED, c.status(), c::failureMessage);
        }
        int[] image = r.get(10).inputShape(), scores = r.get(11).inputShape();
        assertEquals(image[0], scores[0]);
        assertEquals(image[1] + 1, scores[1], "one class more than the image has channels");
        assertEquals("SelfCheck.run: tries must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> SelfCheck.run(7, 0)).getMessage());
    }

    @Test
    void selfCheckLabelsCoverEveryClassAndNoneOutside() {
        io.gradcheck.layer.Labels t = SelfCheck.labels(new org.apache.commons.math3.random.Well19937c(7), 200, 10);
        assertEquals(200, t.size());
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int i = 0; i < t.size(); i++) {
            seen.add(t.get(i));
        }
        assertEquals(java.util.Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen, "seed 7");
    }

    @Test
    void askingForAGradientThatIsNotThereNamesIt() {
        CheckResult r = GradientCheck.of(new io.gradcheck.layer.Relu())
                .input(io.gradcheck.tensor.Tensor.of(new double[] {1, 2}, 1, 2)).seed(7).run();
        assertEquals("CheckResult: no gradient named W9",
                assertThrows(java.util.NoSuchElementException.class, () -> r.param("W9")).getMessage());
    }

    @Test
    void exactlyTheAllowedFractionOfKinksStillPassesAndOneMoreIsInconclusive() {
        ParamResult half = GradientCheck.of(new io.gradcheck.layer.Relu())
                .input(io.gradcheck.tensor.Tensor.of(new double[] {0, 0, 1, 2}, 1, 4)).run().param("x");
        assertEquals(2, half.checked());
        assertEquals(2, half.skipped());
        assertEquals(Status.PASSED, half.status());
        ParamResult most = GradientCheck.of(new io.gradcheck.layer.Relu())
                .input(io.gradcheck.tensor.Tensor.of(new double[] {0, 0, 0, 2}, 1, 4)).run().param("x");
        assertEquals(Status.INCONCLUSIVE, most.status());
    }
}

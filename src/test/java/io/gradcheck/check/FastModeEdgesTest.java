package io.gradcheck.check;

import static io.gradcheck.check.HandMade.nullDx;
import static io.gradcheck.check.HandMade.pointwise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fast mode's counts, relative errors and bisection on layers with a known error. */
class FastModeEdgesTest {
    private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4}, 1, 4);

    private static ParamResult fastX(Layer layer, Tensor x, int directions) {
        return GradientCheck.of(layer).input(x).seed(13).fast(directions).run().param("x");
    }

    @Test
    void aGradientHalvedEverywhereHasARelativeErrorOfOneHalfAlongEveryDirection() {
        ParamResult x = fastX(pointwise(v -> 2 * v, v -> 2, 0, 1), Tensor.of(new double[] {1}, 1, 1), 4);
        assertEquals(Status.FAILED, x.status());
        assertEquals(4, x.checked());
        assertEquals(0, x.skipped());
        assertEquals(0.5, x.maxRelError(), 1e-6);
        assertEquals(0.5, x.medianRelError(), 1e-6);
        assertEquals(x.elementIndex(0), x.worstIndex());
        assertEquals(0.5, x.worstAnalytic() / x.worstNumeric(), 1e-6);
    }

    @Test
    void bisectionFindsTheOneWrongElementFirstOrLast() {
        ParamResult first = fastX(pointwise(v -> 2 * v, v -> 2, 0, 1), X, 3);
        assertEquals(first.elementIndex(0), first.worstIndex());
        assertEquals(0.5, first.worstAnalytic() / first.worstNumeric(), 1e-6);
        ParamResult last = fastX(pointwise(v -> 2 * v, v -> 2, 3, -1), X, 3);
        assertEquals(last.elementIndex(3), last.worstIndex());
        assertEquals(-0.5, last.worstAnalytic() / last.worstNumeric(), 1e-6);
    }

    @Test
    void aRightGradientPassesWithExactlyTheAskedDirections() {
        ParamResult x = fastX(pointwise(v -> v * v, v -> 2 * v, 0, 2), X, 5);
        assertEquals(Status.PASSED, x.status());
        assertEquals(5, x.checked());
        assertEquals(0, x.skipped());
        assertTrue(x.maxRelError() < 1e-6, "max rel " + x.maxRelError());
    }

    @Test
    void directionsThatAllCrossAKinkAreRedrawnAtMostThreeTimesAsOftenAsAsked() {
        ParamResult x = fastX(new Relu(), Tensor.zeros(1, 4), 2);
        assertEquals(Status.INCONCLUSIVE, x.status());
        assertEquals(0, x.checked());
        assertEquals(6, x.skipped());
    }

    @Test
    void missingAndNullGradientsAreNamedInFastModeToo() {
        assertEquals("x: backward returned null", fastX(nullDx(), X, 2).problem());
    }

    /** y = x * W element by element, x [1, 2]; backward adds err to each element of dW. */
    private static Layer scaleWithWrongDW(Map<String, Tensor> grads, double err) {
        Tensor w = Tensor.of(new double[] {1, 1}, 2);
        return new Layer() {
            private Tensor x;

            @Override
            public Tensor forward(Tensor in) {
                x = in.copy();
                return Tensor.of(new double[] {in.get(0) * w.get(0), in.get(1) * w.get(1)}, 1, 2);
            }

            @Override
            public Tensor backward(Tensor dout) {
                grads.put("W", Tensor.of(new double[] {dout.get(0) * x.get(0) + err, dout.get(1) * x.get(1) + err}, 2));
                return Tensor.of(new double[] {dout.get(0) * w.get(0), dout.get(1) * w.get(1)}, 1, 2);
            }

            @Override
            public Map<String, Tensor> params() {
                return Map.of("W", w);
            }

            @Override
            public Map<String, Tensor> grads() {
                return grads;
            }
        };
    }

    @Test
    void aMissingOrNullParameterGradientIsNamedInFastMode() {
        Map<String, Tensor> none = new HashMap<>() {
            @Override
            public Tensor put(String k, Tensor v) {
                return null;  // backward's gradient never arrives
            }
        };
        CheckResult missing = GradientCheck.of(scaleWithWrongDW(none, 0)).input(Tensor.of(new double[] {1, 1}, 1, 2)).fast(2).run();
        assertEquals("W: gradient is missing from the gradient map, which is empty", missing.param("W").problem());
        Map<String, Tensor> nulled = new HashMap<>() {
            @Override
            public Tensor put(String k, Tensor v) {
                return super.put(k, null);
            }
        };
        CheckResult isNull = GradientCheck.of(scaleWithWrongDW(nulled, 0)).input(Tensor.of(new double[] {1, 1}, 1, 2)).fast(2).run();
        assertEquals("W: gradient is null", isNull.param("W").problem());
    }

    @Test
    void aBackwardThatThrowsIsReportedOnXInFastMode() {
        Layer throwing = pointwise(v -> v, v -> {
            throw new IllegalStateException("no derivative today");
        }, 0, 1);
        ParamResult x = GradientCheck.of(throwing).input(X).seed(13).fast(2).run().param("x");
        assertEquals(Status.FAILED, x.status());
        assertTrue(x.problem().contains(" backprop threw IllegalStateException: no derivative today, at FastModeEdgesTest.java:"),
                x.problem());
    }

    @Test
    void aStepThatCrossesAKinkIsRetriedAtAQuarterAndASixteenthOfItsSize() {
        double h = CheckSettings.DEFAULT.h();
        // x = h/8: steps of h and h/4 cross the kink at 0, one of h/16 does not
        ParamResult sixteenth = fastX(new Relu(), Tensor.of(new double[] {h / 8}, 1, 1), 1);
        assertEquals(Status.PASSED, sixteenth.status());
        assertEquals(1, sixteenth.checked());
        assertEquals(0, sixteenth.skipped());
        // x = h/2: only one side of the first step crosses, which is enough to retry
        ParamResult oneSide = fastX(new Relu(), Tensor.of(new double[] {h / 2}, 1, 1), 1);
        assertEquals(Status.PASSED, oneSide.status(), oneSide.toString());
        assertEquals(1, oneSide.checked());
    }

    @Test
    void aDirectionWhoseErrorSplitsBelowToleranceInEveryHalfFailsWithoutAWorstElement() {
        // each element of dW is off by 0.01; along a unit v the error is 0.01 (v0 + v1), which
        // exceeds atol only when |v0 + v1| > 1, while each half alone errs by 0.01 |vi| <= atol
        CheckSettings st = CheckSettings.DEFAULT.withRtol(0).withAtol(0.01 * (1 + 1e-6)).withDirections(16);
        CheckResult r = GradientCheck.of(scaleWithWrongDW(new HashMap<>(), 0.01)).input(Tensor.of(new double[] {1, 1}, 1, 2))
                .seed(13).settings(st).run();
        ParamResult w = r.param("W");
        assertEquals(Status.FAILED, w.status(), r.table());
        assertNull(w.worstIndex(), "no single element is to blame");
        assertTrue(Double.isNaN(w.worstAnalytic()) && Double.isNaN(w.worstNumeric()));
    }
}

package io.gradcheck.check;

import static io.gradcheck.check.HandMade.pointwise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
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
        Layer nullDx = new Layer() {
            @Override
            public Tensor forward(Tensor in) {
                return in.copy();
            }

            @Override
            public Tensor backward(Tensor dout) {
                return null;
            }
        };
        assertEquals("x: backward returned null", fastX(nullDx, X, 2).problem());
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Checker.judge's numbers for one wrong element: the worst index and values, the relative errors, a non-finite difference. */
class CheckerJudgeTest {
    /** y = f(x) element by element, whose backward multiplies dout by df (x), except at element 0 by wrong0. */
    private static Layer pointwise(DoubleUnaryOperator f, DoubleUnaryOperator df, double wrong0) {
        return new Layer() {
            private Tensor x;

            @Override
            public Tensor forward(Tensor in) {
                x = in.copy();
                return Ops.map(in, f);
            }

            @Override
            public Tensor backward(Tensor dout) {
                Tensor dx = Ops.mul(dout, Ops.map(x, df));
                dx.set(0, dout.get(0) * wrong0);
                return dx;
            }
        };
    }

    @Test
    void aHalvedFirstElementIsTheWorstWithARelativeErrorOfOneHalf() {
        Layer twice = pointwise(v -> 2 * v, v -> 2, 1);
        ParamResult x = GradientCheck.of(twice).input(Tensor.of(new double[] {1, 2, 3}, 1, 3)).seed(11).run().param("x");
        assertEquals(Status.FAILED, x.status());
        assertEquals(3, x.checked());
        assertEquals(x.elementIndex(0), x.worstIndex());
        assertEquals(x.elements().analytic().get(0), x.worstAnalytic(), 0.0);
        assertEquals(x.elements().numeric().get(0), x.worstNumeric(), 0.0);
        assertEquals(0.5, x.worstAnalytic() / x.worstNumeric(), 1e-6);
        assertEquals(0.5, x.maxRelError(), 1e-6);
        assertEquals(Math.abs(x.worstAnalytic() - x.worstNumeric()), x.maxAbsError(), 0.0);
        assertTrue(x.medianRelError() < 1e-6, "two of three elements are right: " + x.medianRelError());
    }

    @Test
    void aNumericGradientThatIsNotFiniteIsAProblemNamingItsElement() {
        Layer root = pointwise(Math::sqrt, v -> 0.5 / Math.sqrt(v), 0.25);
        CheckResult r = GradientCheck.of(root).input(Tensor.of(new double[] {4, 1e-6}, 1, 2)).seed(11).run();
        ParamResult x = r.param("x");
        assertEquals(Status.FAILED, x.status());
        assertEquals("x: numeric gradient is NaN at " + x.elementIndex(1) + ": the function is not finite there",
                x.problem(), r.table());
        assertEquals(BugKind.NOT_FINITE, x.diagnosis().kind());
    }
}

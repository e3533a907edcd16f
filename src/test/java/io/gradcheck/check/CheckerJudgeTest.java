package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checker.judge's numbers for one wrong element: the worst index and values, the relative errors, a non-finite difference. */
class CheckerJudgeTest {
    @Test
    void aHalvedFirstElementIsTheWorstWithARelativeErrorOfOneHalf() {
        Layer twice = HandMade.pointwise(v -> 2 * v, v -> 2, 0, 1);
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
        Layer root = HandMade.pointwise(Math::sqrt, v -> 0.5 / Math.sqrt(v), 0, 0.25);
        CheckResult r = GradientCheck.of(root).input(Tensor.of(new double[] {4, 1e-6}, 1, 2)).seed(11).run();
        ParamResult x = r.param("x");
        assertEquals(Status.FAILED, x.status());
        assertEquals("x: numeric gradient is NaN at " + x.elementIndex(1) + ": the function is not finite there",
                x.problem(), r.table());
        assertEquals(BugKind.NOT_FINITE, x.diagnosis().kind());
    }

    @Test
    void elementsSkippedAtAKinkShowAsNaNInTheNumericGradient() {
        ParamResult x = GradientCheck.of(new io.gradcheck.layer.Relu())
                .input(Tensor.of(new double[] {0.3, 1e-6, -0.4, 0.8}, 1, 4)).seed(1).run().param("x");
        assertEquals(1, x.skipped());
        assertTrue(Double.isNaN(x.elements().numeric().get(1)));
        for (int i : new int[] {0, 2, 3}) {
            assertFalse(Double.isNaN(x.elements().numeric().get(i)), "element " + i);
        }
    }

    @Test
    void onlyTheWrongGradientIsBlamedByTheFiniteDifferencesAndNoneByTheContract() {
        CheckResult r = GradientCheck.of(HandMade.pointwise(v -> 2 * v, v -> 2, 0, 1))
                .input(Tensor.of(new double[] {1, 2, 3}, 1, 3)).seed(11).run();
        DetectorResult contract = r.detectors().get(0), fd = r.detectors().get(1);
        assertEquals(Detector.CONTRACT, contract.detector());
        assertFalse(contract.caught());
        assertEquals(List.of(), contract.blamed());
        assertEquals(Detector.FINITE_DIFFERENCES, fd.detector());
        assertTrue(fd.caught());
        assertEquals(List.of("x"), fd.blamed());
    }
}

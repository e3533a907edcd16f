package io.gradcheck.check;

import static io.gradcheck.check.HandMade.failed;
import static io.gradcheck.check.HandMade.shape;
import static io.gradcheck.check.HandMade.t;
import static io.gradcheck.check.HandMade.tol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Diagnose's rules before the patterns: problems, other gradients, all zeros; and its tolerance and wording. */
class DiagnoseRulesTest {
    private static final double NAN = Double.NaN;

    private static Diagnosis diagnosis(List<ParamResult> results, CheckSettings st) {
        return new Diagnose(results, 4, null, st).run().get(0).diagnosis();
    }

    private static Diagnosis diagnosis(ParamResult r, CheckSettings st) {
        return diagnosis(List.of(r), st);
    }

    private static Diagnosis diagnosis(ParamResult r) {
        return diagnosis(r, CheckSettings.DEFAULT);
    }

    @Test
    void closeIsWithinAbsolutePlusRelativeToleranceInclusive() {
        Diagnose relative = HandMade.diagnose(1, tol(0.5, 0));
        assertTrue(relative.close(1, 2));
        assertTrue(relative.close(-2, -1));
        assertFalse(relative.close(1, 2.001));
        Diagnose absolute = HandMade.diagnose(1, tol(0, 0.25));
        assertTrue(absolute.close(1, 1.25));
        assertFalse(absolute.close(1, 1.375));
    }

    @Test
    void confidenceHalvesTheDoubtPerElementUpToNinetyNinePercent() {
        assertEquals(0.5, Diagnose.confidence(1), 0.0);
        assertEquals(0.75, Diagnose.confidence(2), 0.0);
        assertEquals(0.984375, Diagnose.confidence(6), 0.0);
        assertEquals(0.99, Diagnose.confidence(7), 0.0);
    }

    @Test
    void numbersAreWrittenWithFourSignificantDigits() {
        assertEquals("1.500", Diagnose.fmt(1.5));
        assertEquals("-2.250", Diagnose.fmt(-2.25));
        assertEquals("1.235e+04", Diagnose.fmt(12345.678));
    }

    @Test
    void aProblemNamingNaNOrInfinityIsNotFinite() {
        String nan = "W: gradient is NaN at W[0]", inf = "W: gradient is Infinity at W[1]";
        assertEquals(new Diagnosis(BugKind.NOT_FINITE, 1, nan), diagnosis(ParamResult.problem("W", shape(2), nan)));
        assertEquals(new Diagnosis(BugKind.NOT_FINITE, 1, inf), diagnosis(ParamResult.problem("W", shape(2), inf)));
    }

    @Test
    void aMissingGradientIsZeroOrMissingAndAModifiedArgumentIsNamed() {
        assertEquals(new Diagnosis(BugKind.ZERO_OR_MISSING, 1, "b has no gradient: b: gradient is missing"),
                diagnosis(ParamResult.problem("b", shape(2), "b: gradient is missing")));
        String modified = "backward modified its argument dout";
        assertEquals(new Diagnosis(BugKind.ARGUMENT_MODIFIED, 1, modified), diagnosis(ParamResult.problem("x", shape(2), modified)));
    }

    @Test
    void anotherShapeIsAShapeMismatchAndAnyOtherProblemIsUnknown() {
        String shapeProblem = "W: gradient has shape [3, 2] but the parameter has shape [2, 3]";
        assertEquals(new Diagnosis(BugKind.SHAPE_MISMATCH, 1, shapeProblem), diagnosis(failed("W",
                t(shape(3, 2), 1, 2, 3, 4, 5, 6), t(shape(2, 3), 9, 8, 7, 6, 5, 4), shapeProblem)));
        String other = "W: backward threw IllegalStateException";
        assertEquals(new Diagnosis(BugKind.UNKNOWN, 0, other),
                diagnosis(failed("W", t(shape(2), 1, 2), t(shape(2), 2, 4), other)));
    }

    @Test
    void whenNoKindFitsTheErrorPatternIsDescribed() {
        assertEquals(new Diagnosis(BugKind.UNKNOWN, 0, "no kind fits; 2 of 2 compared elements of W are wrong (W[i=0], "
                        + "W[i=1]); where wrong, analytic / numeric ranges from -0.6667 to 0.2000; none is right"),
                diagnosis(failed("W", t(shape(2), 1, 2), t(shape(2), 5, -3))));
        assertEquals(new Diagnosis(BugKind.UNKNOWN, 0, "no kind fits; 1 of 3 compared elements of W are wrong (W[i=2]); "
                        + "where wrong, analytic / numeric ranges from 3.000 to 3.000; the other 2 are right"),
                diagnosis(failed("W", t(shape(3), 1, 7, 6), t(shape(3), 1, 7, 2))));
    }

    @Test
    void aPassedResultKeepsNoDiagnosis() {
        ParamResult passed = new ParamResult("W", shape(1), 1, 0, 0, 0, 0, "W[0]", 1, 1, Status.PASSED, null, null,
                new Elements(t(shape(1), 1), t(shape(1), 1), new int[0], null), null);
        assertNull(diagnosis(passed));
    }

    @Test
    void anAnalyticGradientThatIsAnotherTensorsNumericOneIsSwapped() {
        ParamResult w = failed("W", t(shape(4), 1, 2, 3, 9), t(shape(4), 5, 6, 7, 8));
        ParamResult b = failed("b", t(shape(4), 0, 0, 0, 0), t(shape(4), 1, 2, 3, NAN));
        ParamResult small = failed("c", t(shape(2), 0, 0), t(shape(2), 1, 2));
        assertEquals(new Diagnosis(BugKind.SWAPPED, 0.875, "the analytic gradient of W matches the numeric gradient of b"
                + " on all 3 compared elements"), diagnosis(List.of(w, small, b), CheckSettings.DEFAULT));
    }

    @Test
    void aSwapBetweenTensorsOfOneSizeButTwoShapesNamesBothShapes() {
        ParamResult b = failed("b2", t(shape(2), 3, 4), t(shape(2), 0.5, 0.25));
        ParamResult w = failed("W2", t(shape(1, 2), 1, 1), t(shape(1, 2), 3, 4));
        assertEquals(new Diagnosis(BugKind.SWAPPED, 0.75, "the analytic gradient of b2 matches the numeric"
                + " gradient of W2 on all 2 compared elements (the same 2 values; W2 is [1, 2], this gradient [2])"),
                diagnosis(List.of(b, w), CheckSettings.DEFAULT));
    }

    @Test
    void anotherNumericGradientNoLargerThanTenTimesTheAbsoluteToleranceIsNoSwap() {
        CheckSettings st = tol(0, 0.25);
        ParamResult w = failed("W", t(shape(2), 2.5, -2.5), t(shape(2), 1, 1));
        ParamResult b = failed("b", t(shape(2), 0, 0), t(shape(2), 2.5, -2.5));
        assertEquals(BugKind.UNKNOWN, diagnosis(List.of(w, b), st).kind());
        ParamResult b2 = failed("b", t(shape(2), 0, 0), t(shape(2), 2.5, -2.75));
        assertEquals(BugKind.SWAPPED, diagnosis(List.of(w, b2), st).kind());
    }

    @Test
    void aGradientZeroWithinTheAbsoluteToleranceWhereTheNumericOneIsNotIsZeroOrMissing() {
        CheckSettings st = tol(0, 0.25);
        assertEquals(new Diagnosis(BugKind.ZERO_OR_MISSING, 0.95, "the analytic gradient of b is 0 everywhere; the numeric"
                + " one reaches 2.750"), diagnosis(failed("b", t(shape(3), 0.25, -0.25, 0), t(shape(3), 2.75, NAN, 1)), st));
        assertEquals(BugKind.UNKNOWN, diagnosis(failed("b", t(shape(3), 0.25, 0, 0), t(shape(3), 2.5, NAN, 1)), st).kind(),
                "a numeric gradient of exactly ten times the tolerance is ~0 too");
        assertEquals(BugKind.UNKNOWN, diagnosis(failed("b", t(shape(3), 0.5, 0, 0), t(shape(3), 2.75, NAN, 1)), st).kind(),
                "an analytic gradient above the tolerance is not 0");
    }
}

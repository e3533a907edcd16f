package io.gradcheck.check;

import static io.gradcheck.check.HandMade.failed;
import static io.gradcheck.check.HandMade.shape;
import static io.gradcheck.check.HandMade.t;
import static io.gradcheck.check.HandMade.tol;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Diagnose's constant-scale rule: analytic = c * numeric, and the names of the telling constants. */
class ScaleRuleTest {
    private static final double NAN = Double.NaN;

    private static Diagnosis diagnosis(int batch, CheckSettings st, double[] analytic, double... numeric) {
        ParamResult r = failed("W", t(shape(analytic.length), analytic), t(shape(numeric.length), numeric));
        return new Diagnose(List.of(r), batch, null, st).run().get(0).diagnosis();
    }

    private static Diagnosis diagnosis(int batch, double[] analytic, double... numeric) {
        return diagnosis(batch, CheckSettings.DEFAULT, analytic, numeric);
    }

    private static double[] a(double... v) {
        return v;
    }

    private static Diagnosis scale(double confidence, String evidence) {
        return new Diagnosis(BugKind.CONSTANT_SCALE, confidence, "analytic / numeric = " + evidence);
    }

    @Test
    void eachTellingConstantIsNamedWithTheBatchSize() {
        assertEquals(scale(0.875, "2.000 (×2, with N = 4) on all 3 elements that are not ~0"),
                diagnosis(4, a(2, -4, 6), 1, -2, 3));
        assertEquals(scale(0.875, "2.000 (×N = ×2, with N = 2) on all 3 elements that are not ~0"),
                diagnosis(2, a(2, -4, 6), 1, -2, 3));
        assertEquals(scale(0.875, "0.2500 (×1/N, with N = 4) on all 3 elements that are not ~0"),
                diagnosis(4, a(0.25, -0.5, 0.75), 1, -2, 3));
        assertEquals(scale(0.875, "0.5000 (×1/2, with N = 4) on all 3 elements that are not ~0"),
                diagnosis(4, a(0.5, -1, 1.5), 1, -2, 3));
        assertEquals(scale(0.875, "-4.000 (×−N, with N = 4) on all 3 elements that are not ~0"),
                diagnosis(4, a(-4, 8, -12), 1, -2, 3));
        assertEquals(new Diagnosis(BugKind.SIGN_FLIPPED, 0.875, "analytic = −numeric on all 3 elements that are not ~0: "
                + "at W[0], 1.500 for -2.250"), diagnosis(1, a(-1, 2, -3), 1, -2, 3), "a ratio of −1 is a sign, not a scale");
        assertEquals(scale(0.875, "4.000 (×N, with N = 4) on all 3 elements that are not ~0"),
                diagnosis(4, a(4, -8, 12), 1, -2, 3));
    }

    @Test
    void aConstantIsNamedUpToOneThousandthOfItselfInclusive() {
        assertEquals(scale(0.75, "1001 (×N, with N = 1000) on all 2 elements that are not ~0"),
                diagnosis(1000, a(1001, 2002), 1, 2));
        assertEquals(scale(0.75, "1002 on all 2 elements that are not ~0"), diagnosis(1000, a(1002, 2004), 1, 2));
    }

    @Test
    void twoElementsMayShowAnyConstantButOneOnlyATellingOne() {
        assertEquals(scale(0.75, "3.000 on all 2 elements that are not ~0"), diagnosis(4, a(3, 6), 1, 2));
        assertEquals(scale(0.5, "2.000 (×2, with N = 4) on all 1 elements that are not ~0"), diagnosis(4, a(4, 0), 2, 0));
        assertEquals(BugKind.UNKNOWN, diagnosis(4, a(6, 0), 2, 0).kind());
    }

    @Test
    void numericValuesUpToTenTimesTheAbsoluteToleranceAreLeftOutOfTheFitButChecked() {
        CheckSettings st = tol(1e-5, 0.25);
        assertEquals(scale(0.75, "2.000 (×2, with N = 4) on all 2 elements that are not ~0"),
                diagnosis(4, st, a(5, 8, 16, 99), 2.5, 4, 8, NAN));
        assertEquals(scale(0.75, "2.000 (×2, with N = 4) on all 2 elements that are not ~0"),
                diagnosis(4, st, a(8, 16, 0), 4, 8, 0.125), "0.25 off is exactly the absolute tolerance");
        assertEquals(BugKind.UNKNOWN, diagnosis(4, st, a(8, 16, 0.2502), 4, 8, 0).kind(),
                "0.2502 off is beyond 0.25 + 1e-4 * 0.2502");
    }

    @Test
    void aFittedElementMayBeOffByOneTenThousandthOfItself() {
        assertEquals(scale(0.75, "2.000 (×2, with N = 4) on all 2 elements that are not ~0"),
                diagnosis(4, tol(1e-5, 0), a(8, 16.0008), 4, 8));
        assertEquals(BugKind.UNKNOWN, diagnosis(4, tol(1e-5, 0), a(8, 16.004), 4, 8).kind());
    }
}

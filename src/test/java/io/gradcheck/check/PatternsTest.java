package io.gradcheck.check;

import static io.gradcheck.check.HandMade.diagnose;
import static io.gradcheck.check.HandMade.failed;
import static io.gradcheck.check.HandMade.shape;
import static io.gradcheck.check.HandMade.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gradcheck.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Patterns.transposed and Patterns.biasAxis on hand-made gradients with a known pattern. */
class PatternsTest {
    private static final Diagnose D = diagnose(1, CheckSettings.DEFAULT);
    private static final double NAN = Double.NaN;

    private static Diagnosis transposed(Tensor a, Tensor n) {
        return Patterns.transposed(failed("W", a, n), a, D);
    }

    private static Diagnosis bias(Tensor a, Tensor numeric, Tensor g) {
        return Patterns.biasAxis(failed("b", a, numeric), a, g, D);
    }

    private static Diagnosis diagnosis(BugKind kind, double confidence, String evidence) {
        return new Diagnosis(kind, confidence, evidence);
    }

    @Test
    void aTransposedMatrixCountsOnlyItsNonzeroComparedElements() {
        Tensor n = t(shape(2, 2), 0, 2, 3, NAN);
        assertEquals(diagnosis(BugKind.TRANSPOSED, 0.75, "the analytic gradient of W is the numeric one with axes 0 and 1"
                + " exchanged, on all 2 compared elements"), transposed(t(shape(2, 2), 0, 3, 2, 9), n));
    }

    @Test
    void aFilterBankWithItsFirstTwoAxesExchangedIsTransposedOverAxesZeroAndOne() {
        Tensor n = t(shape(2, 2, 1, 1), 1, 2, 3, 4);
        assertEquals(diagnosis(BugKind.TRANSPOSED, 0.9375, "the analytic gradient of W is the numeric one with axes 0 and 1"
                + " exchanged, on all 4 compared elements"), transposed(t(shape(2, 2, 1, 1), 1, 3, 2, 4), n));
    }

    @Test
    void aFilterBankWithItsRowsAndColumnsExchangedIsTransposedOverAxesTwoAndThree() {
        Tensor n = t(shape(1, 1, 2, 2), 1, 2, 3, 4);
        assertEquals(diagnosis(BugKind.TRANSPOSED, 0.9375, "the analytic gradient of W is the numeric one with axes 2 and 3"
                + " exchanged, on all 4 compared elements"), transposed(t(shape(1, 1, 2, 2), 1, 3, 2, 4), n));
    }

    @Test
    void oneDisagreeingElementAllZerosOrAnotherRankIsNotTransposed() {
        assertNull(transposed(t(shape(2, 2), 1, 3, 2, 5), t(shape(2, 2), 1, 2, 3, 4)));
        assertNull(transposed(t(shape(2, 2), 0, 0, 0, 0), t(shape(2, 2), 0, 0, 0, 0)));
        assertNull(transposed(t(shape(2, 2), 2, 4, 6, 8), t(shape(2, 2), 1, 2, 3, 4)));
        assertNull(transposed(t(shape(1, 2, 2), 1, 3, 2, 4), t(shape(1, 2, 2), 1, 2, 3, 4)));
    }

    @Test
    void anAffineBiasGradientOfTheFirstExampleAloneIsCappedAtNinetyPercent() {
        Tensor g = t(shape(2, 4), 1, 2, 3, 4, 5, 6, 7, 8);
        assertEquals(diagnosis(BugKind.BIAS_WRONG_AXIS, 0.9, "the analytic gradient of b equals the first example's dout"
                + " alone, not summed over the batch"), bias(t(shape(4), 1, 2, 3, 4), t(shape(4), 6, 8, 10, 12), g));
    }

    @Test
    void aSquareDoutSummedOverItsColumnsIsTheBiasSummedOverEveryAxisButZero() {
        Tensor g = t(shape(2, 2), 1, 2, 3, 4);
        assertEquals(diagnosis(BugKind.BIAS_WRONG_AXIS, 0.75, "the analytic gradient of b equals dout summed over every"
                + " axis but 0"), bias(t(shape(2), 3, 7), t(shape(2), 4, 6), g));
    }

    @Test
    void aConvolutionBiasSummedOverTheRowsInsteadOfTheChannelsIsNamed() {
        double[] v = new double[18];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        Tensor g = Tensor.of(v, 2, 3, 3, 1);  // (N, FN, OH, OW); channel sums 39, 57, 75, row sums 51, 57, 63
        assertEquals(diagnosis(BugKind.BIAS_WRONG_AXIS, 0.875, "the analytic gradient of b equals dout summed over every"
                + " axis but 2"), bias(t(shape(3), 51, 57, 63), t(shape(3), 39, 57, 75), g));
    }

    @Test
    void aBiasThatMatchesNoCandidateOrAlsoTheNumericOneIsNoBiasAxisBug() {
        Tensor g = t(shape(2, 2), 1, 2, 3, 4);
        Tensor numeric = t(shape(2), 4, 6);
        assertNull(bias(t(shape(2), 100, 200), numeric, g));
        assertNull(bias(t(shape(2), 4, 6), numeric, g), "the right sum, which the numeric gradient also is");
        assertNull(bias(t(shape(2), 3, 7), numeric, null), "no upstream gradient");
        assertNull(bias(t(shape(1, 2), 3, 7), t(shape(1, 2), 4, 6), g), "a bias of rank 2");
        assertNull(bias(t(shape(2), 3, 7), numeric, t(shape(2), 3, 7)), "a dout of rank 1");
    }
}

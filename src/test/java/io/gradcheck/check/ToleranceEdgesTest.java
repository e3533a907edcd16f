package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The element rule, the inconclusive rule and the worst-element rule at their exact edges. */
class ToleranceEdgesTest {
    @Test
    void anErrorOfExactlyTheToleranceAgreesAndTheNextDoubleDoesNot() {
        CheckSettings abs = CheckSettings.DEFAULT.withRtol(0).withAtol(0.5);
        assertTrue(abs.agree(1, 1.5));
        assertTrue(abs.agree(1.5, 1), "either side may be the larger");
        assertFalse(abs.agree(1, Math.nextUp(1.5)));
        CheckSettings rel = CheckSettings.DEFAULT.withRtol(0.5).withAtol(0);
        assertTrue(rel.agree(2, 1), "|2 - 1| = 0.5 * max(|2|, |1|)");
        assertTrue(rel.agree(-2, -1));
        assertTrue(rel.agree(4, 2));
        assertFalse(rel.agree(4, 2 - 0x1p-51), "|4 - n| = 2 + 2^-51, the next double above the tolerance 2");
        assertTrue(CheckSettings.DEFAULT.withRtol(0).withAtol(0).agree(0, 0), "zero tolerance still lets equal values agree");
        assertFalse(CheckSettings.DEFAULT.withRtol(0).withAtol(0).agree(0, Double.MIN_VALUE));
    }

    @Test
    void exactlyTheAllowedFractionOfSkipsIsConclusiveAndNothingComparedIsNot() {
        CheckSettings half = CheckSettings.DEFAULT.withMaxSkipFraction(0.5);
        assertTrue(half.inconclusive(0, 0));
        assertTrue(half.inconclusive(0, 3));
        assertFalse(half.inconclusive(2, 2), "2 of 4 skipped is exactly half");
        assertTrue(half.inconclusive(2, 3));
        assertFalse(half.inconclusive(5, 0));
        assertFalse(CheckSettings.DEFAULT.withMaxSkipFraction(0).inconclusive(1, 0));
        assertTrue(CheckSettings.DEFAULT.withMaxSkipFraction(0).inconclusive(1, 1));
    }

    @Test
    void aTieWithinRoundingKeepsTheFirstWorstElement() {
        assertTrue(Checker.worse(0, -1), "the first element is always the worst so far");
        assertFalse(Checker.worse(0, 0));
        assertFalse(Checker.worse(2, 2));
        assertFalse(Checker.worse(2 * (1 + 1e-10), 2), "within 1e-9 of the worst so far");
        assertTrue(Checker.worse(2 * (1 + 1e-8), 2));
    }
}

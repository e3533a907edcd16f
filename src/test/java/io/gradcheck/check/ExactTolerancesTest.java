package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tolerances of the exact detectors at their edges: a difference equal to the tolerance is
 * still within it, and each tolerance grows with the size of the sums it allows for.
 */
class ExactTolerancesTest {
    @Test
    void eulerAllowsRoundingOfTheMassPlusTheSmallestNormalAndNoMore() {
        assertFalse(ExactDetectors.eulerBroken(0, 0, 0));
        assertFalse(ExactDetectors.eulerBroken(Double.MIN_NORMAL, 0, 0), "a difference of exactly the tolerance");
        assertTrue(ExactDetectors.eulerBroken(Math.nextUp(Double.MIN_NORMAL), 0, 0));
        assertFalse(ExactDetectors.eulerBroken(1 + 5e-8, 1, 1e3), "5e-8 against a mass of 1000 is rounding");
        assertTrue(ExactDetectors.eulerBroken(1 + 2e-7, 1, 1e3));
        assertTrue(ExactDetectors.eulerBroken(1, 1 + 2e-7, 1e3), "either side may be the larger");
    }

    @Test
    void doublingAllowsRoundingRelativeToTheValueAndZeroStaysZero() {
        assertTrue(ExactDetectors.doubled(0, 0), "f(2v) = 2 f(v) = 0");
        assertFalse(ExactDetectors.doubled(1e-300, 0));
        assertTrue(ExactDetectors.doubled(2e6 + 1e-7, 1e6), "1e-7 of 2e6 is rounding");
        assertFalse(ExactDetectors.doubled(2 + 1e-11, 1));
        assertTrue(ExactDetectors.doubled(-2, -1));
        assertFalse(ExactDetectors.doubled(2, -1));
    }

    @Test
    void linearityAllowsRoundingOfEachTermAndATinyFloor() {
        assertFalse(ExactDetectors.notLinear(0, 0, 1e-300), "a difference of exactly the floor");
        assertTrue(ExactDetectors.notLinear(0, 0, Math.nextUp(1e-300)));
        assertTrue(ExactDetectors.notLinear(0, 0, 1));
        assertFalse(ExactDetectors.notLinear(1, 1, ExactDetectors.A + ExactDetectors.B));
        assertFalse(ExactDetectors.notLinear(2, 0, 2 * ExactDetectors.A));
        assertFalse(ExactDetectors.notLinear(2, 0, 1.4 + 1e-9), "1e-9 of |0.7 * 2| = 1.4e-9");
        assertTrue(ExactDetectors.notLinear(2, 0, 1.4 + 2e-9));
        assertFalse(ExactDetectors.notLinear(0, 2, 2 * ExactDetectors.B));
        assertFalse(ExactDetectors.notLinear(0, 2, -2.6 + 2e-9), "1e-9 of |-1.3 * 2| = 2.6e-9");
        assertTrue(ExactDetectors.notLinear(0, 2, -2.6 + 3e-9));
    }
}

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
        assertFalse(ExactDetectors.eulerBroken(0, 0, 0, 1));
        assertFalse(ExactDetectors.eulerBroken(Double.MIN_NORMAL, 0, 0, 1), "a difference of exactly the tolerance");
        assertTrue(ExactDetectors.eulerBroken(Math.nextUp(Double.MIN_NORMAL), 0, 0, 1));
        assertFalse(ExactDetectors.eulerBroken(1 + 5e-8, 1, 1e3, 10), "5e-8 against a mass of 1000 is rounding");
        assertTrue(ExactDetectors.eulerBroken(1 + 2e-7, 1, 1e3, 10));
        assertTrue(ExactDetectors.eulerBroken(1, 1 + 2e-7, 1e3, 10), "either side may be the larger");
    }

    @Test
    void eulerAllowsTheRoundingOfEveryTermBeyondTheFloor() {
        int terms = 1_000_000;  // 1e6 * 2^-52 = 2.2e-10 of the mass, above the 1e-10 floor
        assertFalse(ExactDetectors.eulerBroken(1 + 2e-7, 1, 1e3, terms));
        assertTrue(ExactDetectors.eulerBroken(1 + 3e-7, 1, 1e3, terms));
    }

    @Test
    void doublingAllowsRoundingRelativeToTheValueAndZeroStaysZero() {
        assertTrue(ExactDetectors.doubled(0, 0, 2), "f(2v) = 2 f(v) = 0");
        assertFalse(ExactDetectors.doubled(1e-300, 0, 2));
        assertTrue(ExactDetectors.doubled(2e6 + 1e-7, 1e6, 2), "1e-7 of 2e6 is rounding");
        assertFalse(ExactDetectors.doubled(2 + 1e-11, 1, 2));
        assertTrue(ExactDetectors.doubled(-2, -1, 2));
        assertFalse(ExactDetectors.doubled(2, -1, 2));
        assertTrue(ExactDetectors.doubled(0.5, 1, 0.5), "halving");
        assertFalse(ExactDetectors.doubled(0.5 + 1e-11, 1, 0.5));
    }

    @Test
    void linearityAllowsRoundingOfEachTermAndAFloorFromTheTensor() {
        assertFalse(ExactDetectors.notLinear(0, 0, 1e-12, 1e-12), "a difference of exactly the tensor's floor");
        assertTrue(ExactDetectors.notLinear(0, 0, 2e-12, 1e-12));
    }

    @Test
    void linearityAllowsRoundingOfEachTermAndATinyFloor() {
        assertFalse(ExactDetectors.notLinear(0, 0, 1e-300, 0), "a difference of exactly the floor");
        assertTrue(ExactDetectors.notLinear(0, 0, Math.nextUp(1e-300), 0));
        assertTrue(ExactDetectors.notLinear(0, 0, 1, 0));
        assertFalse(ExactDetectors.notLinear(1, 1, ExactDetectors.A + ExactDetectors.B, 0));
        assertFalse(ExactDetectors.notLinear(2, 0, 2 * ExactDetectors.A, 0));
        assertFalse(ExactDetectors.notLinear(2, 0, 1.4 + 1e-9, 0), "1e-9 of |0.7 * 2| = 1.4e-9");
        assertTrue(ExactDetectors.notLinear(2, 0, 1.4 + 2e-9, 0));
        assertFalse(ExactDetectors.notLinear(0, 2, 2 * ExactDetectors.B, 0));
        assertFalse(ExactDetectors.notLinear(0, 2, -2.6 + 2e-9, 0), "1e-9 of |-1.3 * 2| = 2.6e-9");
        assertTrue(ExactDetectors.notLinear(0, 2, -2.6 + 3e-9, 0));
    }
}

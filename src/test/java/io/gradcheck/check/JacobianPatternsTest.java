package io.gradcheck.check;

import static io.gradcheck.check.HandMade.shape;
import static io.gradcheck.check.HandMade.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each hypothesis on hand-made Jacobians (rows: outputs, columns: elements of x [1, 1, 1, n]):
 * the case it names, with its evidence pinned, and a near miss it must not name.
 */
class JacobianPatternsTest {
    private static final Diagnose FRAME = new Diagnose(List.of(), 1, null, CheckSettings.DEFAULT);

    private static ParamResult x(int n) {
        double[] zeros = new double[n];
        return HandMade.failed("x", t(shape(1, 1, 1, n), zeros), t(shape(1, 1, 1, n), zeros));
    }

    private static Diagnosis of(double[][] a, double[][] n) {
        return JacobianPatterns.of(x(a[0].length), new Jacobians(a, n, null), FRAME);
    }

    @Test
    void aGradientDroppedWhereTwoOutputsMeetIsMissingAccumulation() {
        double[][] num = {{1, 2, 0}, {0, 3, 4}};  // element 1 is reached by both outputs
        assertEquals(new Diagnosis(BugKind.MISSING_ACCUMULATION, 0.9, "x[n=0,c=0,i=0,j=1] is reached by 2 outputs but "
                + "receives the gradient of 1 of them (output 0's is dropped); elsewhere every contribution is right"),
                of(new double[][] {{1, 0, 0}, {0, 3, 4}}, num));
        assertEquals(BugKind.WRONG_MASK, of(new double[][] {{0, 0, 0}, {0, 3, 4}}, num).kind(),
                "a whole output blocked, also where it alone reaches: a mask, not an overlap");
    }

    @Test
    void theJacobianUsedTheWrongWayRoundIsNotTransposed() {
        double[][] num = {{1, 2}, {3, 4}};
        assertEquals(new Diagnosis(BugKind.NOT_TRANSPOSED, 0.9, "the analytic Jacobian is the numeric one transposed: the "
                + "gradient of output 0 at x[n=0,c=0,i=0,j=1] is 3.000, the derivative of output 1 by element 0 (the right "
                + "value is 2.000)"), of(new double[][] {{1, 3}, {2, 4}}, num));
    }

    @Test
    void elementsReceivingTheirNeighboursGradientAreShiftedAndOthersMisrouted() {
        double[][] num = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}};
        Diagnosis shifted = of(new double[][] {{0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}, num);
        assertEquals(new Diagnosis(BugKind.SHIFTED, 0.85, "x[n=0,c=0,i=0,j=1] receives the gradient that belongs to "
                + "x[n=0,c=0,i=0,j=0]: every wrong element receives the gradient of the element [0, 0, 0, -1] away (3 elements)"),
                shifted);
        Diagnosis swapped = of(new double[][] {{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 1, 0}}, num);
        assertEquals(BugKind.MISROUTED, swapped.kind(), swapped.evidence());
        assertEquals("x[n=0,c=0,i=0,j=0] receives the gradient that belongs to x[n=0,c=0,i=0,j=1]; every element receives "
                + "some element's gradient, not always its own", swapped.evidence());
    }

    @Test
    void oneMovedElementIsMisroutedNotShifted() {
        double[][] num = {{1, 0}};
        assertEquals(BugKind.MISROUTED, of(new double[][] {{0, 1}}, num).kind());
    }

    @Test
    void rowsReadInAnotherLayoutAreMisrouted() {
        double[][] num = {{1, 1, 0}, {0, 2, 2}};
        assertEquals(new Diagnosis(BugKind.MISROUTED, 0.85, "the gradient of output 0 is sent where that of output 1 "
                + "belongs: dout is read in another layout"), of(new double[][] {{0, 2, 2}, {1, 1, 0}}, num));
    }

    @Test
    void aGradientPassingWhereTheTrueOneIsZeroIsAWrongMask() {
        double[][] num = {{1, 0}, {0, 0}};
        assertEquals(new Diagnosis(BugKind.WRONG_MASK, 0.85, "the gradient of output 1 passes, where the true one is 0; "
                + "every other output's gradient reaches the right elements with the right values"),
                of(new double[][] {{1, 0}, {0, 1}}, num));
    }

    @Test
    void aGradientSpreadOverTheWindowIsMisrouted() {
        double[][] num = {{0, 1, 0, 0}};
        assertEquals(new Diagnosis(BugKind.MISROUTED, 0.8, "the gradient of output 0 arrives in full but at other "
                + "elements: x[n=0,c=0,i=0,j=0] receives 0.2500 of it, where the true share is 0.000"),
                of(new double[][] {{0.25, 0.25, 0.25, 0.25}}, num));
    }

    @Test
    void aJacobianThatNoHypothesisFitsNamesNothing() {
        assertNull(of(new double[][] {{2, 5}, {7, 1}}, new double[][] {{1, 3}, {4, 6}}));
    }

    @Test
    void theGradientOfAnEarlierInputIsStateOnlyWhereTheEarlierInputDiffers() {
        double[][] a = {{0, 0}, {0, 1}};
        double[][] num = {{1, 0}, {0, 1}};
        assertEquals(BugKind.STATE, JacobianPatterns.stale(x(2), new Jacobians(a, num, new double[][] {{0, 0}, {0, 1}}),
                FRAME).kind());
        assertNull(JacobianPatterns.stale(x(2), new Jacobians(a, num, num), FRAME), "the earlier input's Jacobian is x's");
        assertNull(JacobianPatterns.stale(x(2), new Jacobians(a, num, null), FRAME), "no earlier input");
        assertNull(JacobianPatterns.stale(x(2), new Jacobians(a, num, new double[][] {{0, 1}, {0, 1}}), FRAME));
    }

    @Test
    void theEvidenceNamesTheFirstPlaceWhereThePatternShows() {
        assertEquals("the gradient of output 0 passes, where the true one is 0; every other output's gradient reaches the "
                + "right elements with the right values", of(new double[][] {{1, 0}, {0, 1}}, new double[][] {{0, 0}, {0, 0}})
                .evidence());
        assertEquals("the gradient of output 0 is blocked, where the true one passes; every other output's gradient reaches "
                + "the right elements with the right values", of(new double[][] {{0, 0}, {0, 0}}, new double[][] {{1, 0}, {0, 1}})
                .evidence());
        assertEquals("x[n=0,c=0,i=0,j=0] is reached by 2 outputs but receives the gradient of 1 of them (output 0's is "
                + "dropped); elsewhere every contribution is right", of(new double[][] {{0, 0, 2}, {3, 4, 0}},
                new double[][] {{1, 2, 2}, {3, 4, 5}}).evidence());
        assertEquals("the gradient of output 0 arrives in full but at other elements: x[n=0,c=0,i=0,j=0] receives 0.5000 "
                + "of it, where the true share is 0.000", of(new double[][] {{0.5, 0.5, 0}, {0, 0.5, 0.5}},
                new double[][] {{0, 1, 0}, {0, 0, 1}}).evidence());
        assertEquals("the analytic Jacobian is the numeric one transposed: the gradient of output 1 at x[n=0,c=0,i=0,j=2] is "
                + "5.000, the derivative of output 2 by element 1 (the right value is 4.000)",
                of(new double[][] {{1, 2, 3}, {2, 1, 5}, {3, 4, 1}}, new double[][] {{1, 2, 3}, {2, 1, 4}, {3, 5, 1}}).evidence());
    }

    @Test
    void twoElementsMovedByOneOffsetAreAShiftAlongTheirAxis() {
        ParamResult r = HandMade.failed("x", t(shape(1, 1, 2, 2), 0, 0, 0, 0), t(shape(1, 1, 2, 2), 0, 0, 0, 0));
        double[][] num = {{1, 0, 0, 0}, {0, 1, 0, 0}};
        // x[i=1, j] receives the gradient of x[i=0, j]: one row down, along axis 2
        Diagnosis d = JacobianPatterns.of(r, new Jacobians(new double[][] {{0, 0, 1, 0}, {0, 0, 0, 1}}, num, null), FRAME);
        assertEquals(new Diagnosis(BugKind.SHIFTED, 0.85, "x[n=0,c=0,i=1,j=0] receives the gradient that belongs to "
                + "x[n=0,c=0,i=0,j=0]: every wrong element receives the gradient of the element [0, 0, -1, 0] away (2 elements)"), d);
    }

    @Test
    void aGradientMovedToAnotherOutputsPlaceIsNotAMaskAndOneElementRowsProveNothing() {
        // x has one element; its gradient arrives as output 0's where output 2's belongs (a pad off by one)
        double[][] a = {{3}, {0}, {0}};
        double[][] num = {{0}, {0}, {3}};
        assertNull(of(a, num), "neither a mask (the moved row is the blocked one) nor a layout (rows of one value)");
        assertEquals(BugKind.WRONG_MASK, of(new double[][] {{3}, {0}, {0}}, new double[][] {{0}, {0}, {5}}).kind(),
                "a leak of another value is still a mask");
    }
}

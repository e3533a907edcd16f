package io.gradcheck.check;

import static io.gradcheck.check.HandMade.failed;
import static io.gradcheck.check.HandMade.shape;
import static io.gradcheck.check.HandMade.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gradcheck.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each hypothesis on the gradient as a vector, with its evidence pinned, and near misses it must not name. */
class VectorPatternsTest {
    private static final Diagnose FRAME = new Diagnose(List.of(), 2, null, CheckSettings.DEFAULT);

    private static Diagnosis of(String name, int[] shape, double[] a, double[] n) {
        ParamResult r = failed(name, t(shape, a), t(shape, n));
        return VectorPatterns.of(r, t(shape, a), 2, FRAME);
    }

    @Test
    void aSubsetWithItsSignFlippedIsSignFlipped() {
        assertEquals(new Diagnosis(BugKind.SIGN_FLIPPED, 0.75, "analytic = −numeric at 2 elements, e.g. W[i=1]: -2.000 for "
                + "2.000; right at the other 1"), of("W", shape(3), new double[] {1, -2, 3}, new double[] {1, 2, -3}));
        assertNull(of("W", shape(2), new double[] {1, -2}, new double[] {1, 3}), "−2 for 3 is not a sign");
        assertNull(of("W", shape(2), new double[] {-1, -2}, new double[] {1, 2}),
                "all flipped is not this rule's (the scale rule names it)");
    }

    @Test
    void theRightValuesInOtherPlacesAreMisrouted() {
        assertEquals(new Diagnosis(BugKind.MISROUTED, 0.8, "W[i=0] holds 5.000, the gradient that belongs to W[i=2]; "
                + "the analytic values are the numeric ones in other places"),
                of("W", shape(3), new double[] {5, 1, 3}, new double[] {1, 3, 5}));
        assertNull(of("W", shape(3), new double[] {5, 1, 4}, new double[] {1, 3, 5}), "not the same values");
    }

    @Test
    void aRatioThatIsConstantPerSliceOfAnAxisIsAnAxisScale() {
        // x (2, 2): example 0 is right, example 1 is halved
        assertEquals(new Diagnosis(BugKind.AXIS_SCALE, 0.8, "analytic / numeric is constant along each slice of axis 0 "
                + "of x, but differs between slices: 1.000 at index 0, 0.5000 at index 1"),
                of("x", shape(2, 2), new double[] {1, 3, 2, 4}, new double[] {1, 3, 4, 8}));
        assertNull(of("x", shape(2, 1), new double[] {1, 2}, new double[] {1, 4}), "one element per slice fits any ratio");
        assertNull(of("x", shape(2, 2), new double[] {1, 3, 2, 5}, new double[] {1, 3, 4, 8}), "no constant in slice 1");
    }

    @Test
    void oneWrongElementPerExampleAmongRightOnesIsAMissingTerm() {
        assertEquals(new Diagnosis(BugKind.MISSING_TERM, 0.7, "exactly one element per example is wrong, every other "
                + "element is right: at x[n=0,j=1], analytic 3.000 − numeric 2.000 = 1.000, a term that only this element's "
                + "gradient has"), of("x", shape(2, 3), new double[] {1, 3, 7, 4, 5, 9}, new double[] {1, 2, 7, 4, 5, 6}));
        assertNull(of("x", shape(2, 3), new double[] {1, 3, 8, 4, 5, 9}, new double[] {1, 2, 7, 4, 5, 6}),
                "two wrong in example 0");
        assertNull(of("W", shape(2, 3), new double[] {1, 3, 7, 4, 5, 9}, new double[] {1, 2, 7, 4, 5, 6}),
                "a weight has no examples");
    }

    @Test
    void amongFewerRightOnesOnlyATellingErrorIsAMissingTerm() {
        // one example of two scores: off by 1 (= 1/N, N = 1) is telling, off by 0.3 is not
        assertEquals(BugKind.MISSING_TERM, of("x", shape(1, 2), new double[] {1.2, 0.9}, new double[] {0.2, 0.9}).kind());
        assertEquals(BugKind.MISSING_TERM, of("x", shape(1, 2), new double[] {-0.8, 0.9}, new double[] {0.2, 0.9}).kind());
        assertNull(of("x", shape(1, 2), new double[] {0.5, 0.9}, new double[] {0.2, 0.9}));
        // two examples of two scores: 1/N = 1/2 is telling
        assertEquals(BugKind.MISSING_TERM, of("x", shape(2, 2), new double[] {0.7, 0.9, 0.1, 0.8}, new double[] {0.2, 0.9, 0.1, 0.3})
                .kind());
    }

    @Test
    void theFallbackDescribesWhereTheErrorsAreAndTheirRatio() {
        Tensor a = t(shape(4), 1, 7, 6, 1), n = t(shape(4), 1, 7, 2, 2);
        assertEquals("no kind fits; 2 of 4 compared elements of W are wrong (W[i=2], W[i=3]); where wrong, analytic / numeric "
                + "ranges from 0.5000 to 3.000; the other 2 are right", VectorPatterns.describe(failed("W", a, n), a, FRAME));
        Tensor many = t(shape(5), 1, 2, 3, 4, 5), none = t(shape(5), 0, 0, 0, 0, 0);
        assertEquals("no kind fits; 5 of 5 compared elements of W are wrong (W[i=0], W[i=1], W[i=2], ...); none is right",
                VectorPatterns.describe(failed("W", many, none), many, FRAME));
        Tensor other = t(shape(2, 2), 1, 2, 3, 4);
        assertEquals("analytic [2, 2] against numeric [4]", VectorPatterns.describe(failed("W", other, t(shape(4), 1, 2, 3, 4)),
                other, FRAME));
    }
}

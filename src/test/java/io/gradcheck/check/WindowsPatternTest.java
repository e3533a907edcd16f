package io.gradcheck.check;

import static io.gradcheck.check.HandMade.diagnose;
import static io.gradcheck.check.HandMade.failed;
import static io.gradcheck.check.HandMade.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Patterns.windows: wrong elements on whole border lines of the image, or only where windows overlap. */
class WindowsPatternTest {
    /**
     * The pattern for an input of this shape whose numeric gradient is 1, 2, 3, ..., whose analytic
     * one is 0.5 off at the wrong elements, and which was not compared (NaN) at the skipped ones.
     */
    private static Diagnosis windows(int[] shape, int[] fanOut, int[] wrongAt, int... skippedAt) {
        int size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        Set<Integer> wrong = Arrays.stream(wrongAt).boxed().collect(Collectors.toSet());
        Set<Integer> skipped = Arrays.stream(skippedAt).boxed().collect(Collectors.toSet());
        Tensor n = Tensor.zeros(shape), a = Tensor.zeros(shape);
        for (int i = 0; i < size; i++) {
            n.set(i, skipped.contains(i) ? Double.NaN : i + 1);
            a.set(i, wrong.contains(i) ? i + 1.5 : i + 1);
        }
        int[] f = fanOut != null ? fanOut : IntStream.generate(() -> 1).limit(size).toArray();
        return Patterns.windows(failed("x", a, n, f), a, diagnose(1, CheckSettings.DEFAULT));
    }

    private static int[] at(int... flat) {
        return flat;
    }

    private static Diagnosis border(int count) {
        return new Diagnosis(BugKind.BORDER, 0.7, "the " + count + " wrong elements of x fill whole rows or columns at"
                + " the image border; the rest are right");
    }

    private static Diagnosis overlap(int count) {
        return new Diagnosis(BugKind.MISSING_ACCUMULATION, 0.8, "all " + count + " wrong elements of x are read by more"
                + " windows than the least-read ones, which are right: overlapping contributions are not added up");
    }

    @Test
    void theLastOfThreeRowsWrongInEveryPlaneIsABorder() {
        assertEquals(border(4), windows(shape(2, 1, 3, 2), null, at(4, 5, 10, 11)));
    }

    @Test
    void theLastOfThreeColumnsWrongInEveryPlaneIsABorder() {
        assertEquals(border(4), windows(shape(2, 1, 2, 3), null, at(2, 5, 8, 11)));
    }

    @Test
    void theFirstRowAndColumnWrongTogetherAreABorder() {
        assertEquals(border(5), windows(shape(1, 1, 3, 3), null, at(0, 1, 2, 3, 6)));
    }

    @Test
    void aBorderRowStaysWholeWhenOneOfItsElementsWasNotCompared() {
        assertEquals(border(2), windows(shape(1, 1, 3, 3), null, at(0, 1), 2));
    }

    @Test
    void aMiddleRowOrColumnOrASingleBorderElementIsNoBorder() {
        assertNull(windows(shape(1, 1, 3, 2), null, at(2, 3)));
        assertNull(windows(shape(1, 1, 2, 3), null, at(1, 4)));
        assertNull(windows(shape(1, 1, 3, 3), null, at(2)));
        assertNull(windows(shape(1, 1, 3, 3), null, at(0)));
    }

    @Test
    void lessThanThreeRowsOrColumnsHaveNoBorderThatIsNotTheWholeImage() {
        assertNull(windows(shape(1, 1, 2, 2), null, at(0, 1)));
        assertNull(windows(shape(1, 1, 2, 2), null, at(0, 2)));
    }

    @Test
    void nothingWrongIsNoPattern() {
        assertNull(windows(shape(1, 1, 3, 3), null, at()));
    }

    @Test
    void wrongElementsReadByMoreWindowsThanTheRightOnesAreMissingAccumulation() {
        assertEquals(overlap(2), windows(shape(1, 1, 2, 2), new int[] {1, 2, 2, 1}, at(1, 2)));
    }

    @Test
    void aWrongElementAmongTheLeastReadOnesIsNoOverlapPattern() {
        assertNull(windows(shape(1, 1, 2, 2), new int[] {1, 2, 2, 1}, at(0, 1)));
    }

    @Test
    void elementsReadByNoWindowDoNotSetTheLeastReadCount() {
        assertNull(windows(shape(1, 1, 1, 4), new int[] {0, 1, 1, 0}, at(1, 2)));
        assertEquals(overlap(1), windows(shape(1, 1, 1, 4), new int[] {0, 1, 2, 1}, at(2)));
    }

    @Test
    void onlyTheInputOfASingleFourDimensionalLayerHasWindows() {
        Tensor a = Tensor.of(new double[] {1, 3}, 1, 2);
        Tensor n = Tensor.of(new double[] {1, 2}, 1, 2);
        Diagnose d = diagnose(1, CheckSettings.DEFAULT);
        assertNull(Patterns.windows(failed("x", a, n, new int[] {1, 2}), a, d));
        Tensor a4 = Tensor.of(new double[] {1, 3}, 1, 1, 1, 2);
        assertNull(Patterns.windows(failed("x", a4, Tensor.of(new double[] {1, 2}, 1, 1, 1, 2)), a4, d));
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** ShapeSearch's shrinking on synthetic "shapes" of plain numbers, with a check that fails by a known rule. */
class ShapeSearchShrinkTest {
    private static final CheckResult FAILED = new CheckResult("s", 0, new int[] {1}, CheckSettings.DEFAULT,
            List.of(ParamResult.problem("x", new int[] {1}, "x: fails")), List.of());
    private static final CheckResult PASSED = new CheckResult("s", 0, new int[] {1}, CheckSettings.DEFAULT,
            List.of(), List.of());

    /** Every shape the search checked, in order. */
    private final List<int[]> checked = new ArrayList<>();

    private ShapeSearch.Found<int[]> search(Function<Shapes.Ints, int[]> draw, Predicate<int[]> fails, long seed,
                                             int tries) {
        return ShapeSearch.smallestFailing(draw, s -> {
            checked.add(s);
            return fails.test(s) ? FAILED : PASSED;
        }, seed, tries);
    }

    @Test
    void eachNumberShrinksToTheSmallestValueThatStillFailsIncludingItsLowerBound() {
        ShapeSearch.Found<int[]> f = search(in -> new int[] {in.between(1, 40), in.between(1, 40), in.between(2, 9)},
                s -> s[0] >= 13 && s[1] >= 5, 3, 100);
        assertNotNull(f);
        assertArrayEquals(new int[] {13, 5, 2}, f.shape());
        assertTrue(checked.size() < 100, "no check is spent on a shape already known: " + checked.size());
    }

    @Test
    void halvingReachesASmallValueFromAMillionWithinTheBudget() {
        ShapeSearch.Found<int[]> f = search(in -> new int[] {in.between(1, 1_000_000)}, s -> s[0] >= 3, 8, 10);
        assertArrayEquals(new int[] {3}, f.shape());
        assertEquals(1, f.tries());
    }

    @Test
    void shrinkingStopsAfterFourHundredChecks() {
        ShapeSearch.Found<int[]> f = search(in -> new int[] {in.between(1, 100_000)}, s -> s[0] >= 600, 8, 1);
        assertEquals(1, f.tries(), "one try, which failed");
        assertEquals(1 + 400, checked.size());
        assertTrue(f.shape()[0] > 600, "the budget ran out before the smallest value: " + f.shape()[0]);
    }

    @Test
    void aLowerBoundThatDependsOnAnEarlierNumberFollowsItsShrinking() {
        ShapeSearch.Found<int[]> f = search(in -> {
            int a = in.between(1, 40);
            return new int[] {a, in.between(a, 80)};
        }, s -> s[1] >= 10, 5, 100);
        assertTrue(checked.get(0)[0] > 10, "the premise: the first shape's lower bound of b is above 10");
        assertArrayEquals(new int[] {1, 10}, f.shape());
    }

    @Test
    void aShrunkNumberMayAskForMoreNumbersThanWereRecorded() {
        ShapeSearch.Found<int[]> f = search(in -> {
            int k = in.between(1, 4);
            int[] s = new int[1 + 5 - k];
            s[0] = k;
            for (int i = 1; i < s.length; i++) {
                s[i] = in.between(7, 9);
            }
            return s;
        }, s -> true, 6, 1);
        assertTrue(checked.get(0)[0] > 1, "the premise: the first shape drew fewer than four more numbers");
        assertArrayEquals(new int[] {1, 7, 7, 7, 7}, f.shape());
    }

    @Test
    void theSecondCandidateIsHalfwayBetweenTheLowerBoundAndTheValue() {
        ShapeSearch.Found<int[]> f = search(in -> new int[] {in.between(1, 1_000)}, s -> s[0] >= 3, 8, 10);
        int v = checked.get(0)[0];
        assertTrue(v > 10, "the premise: the first shape is well above 3: " + v);
        assertEquals(1, checked.get(1)[0], "the lower bound first");
        assertEquals(1 + (v - 1) / 2, checked.get(2)[0], "then halfway");
        assertArrayEquals(new int[] {3}, f.shape());
    }

    @Test
    void aNumberThatFailsEverywhereShrinksToItsLowerBoundAndStopsThere() {
        ShapeSearch.Found<int[]> f = search(in -> new int[] {in.between(5, 100)}, s -> true, 4, 1);
        assertTrue(checked.get(0)[0] > 6, "the premise: the first shape is above 6: " + checked.get(0)[0]);
        assertArrayEquals(new int[] {5}, f.shape());
        assertEquals(2, checked.size(), "the drawn shape, then the lower bound, which is never checked again");
    }

    @Test
    void theBudgetEndsShrinkingEvenBetweenTheCandidatesForOneNumber() {
        // fails down to 200 below the first shape: each round tries the lower bound and the halfway
        // value, which pass, then v - 1, which fails; 3 checks a round, so check 400 is a lower bound
        int[] first = {-1};
        ShapeSearch.Found<int[]> f = search(in -> new int[] {in.between(1, 1_000_000)}, s -> {
            first[0] = first[0] < 0 ? s[0] : first[0];
            return s[0] >= first[0] - 200;
        }, 8, 1);
        assertTrue(first[0] > 1000, "the premise: halfway values pass: " + first[0]);
        assertEquals(1 + 400, checked.size());
        assertEquals(1, checked.get(400)[0], "the last check is the lower bound of round 134");
        assertArrayEquals(new int[] {first[0] - 133}, f.shape());
    }
}

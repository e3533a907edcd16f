package io.gradcheck.exercise;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.ShapeSearch;
import java.util.function.Function;

/**
 * What an exercise class is checked as: how to draw shapes on which its bug can show, how to
 * build and check the class on one, and the reference solution that must pass.
 *
 * @param reference the reference solution, one of our main classes
 * @param search    the seeded search for a failing shape
 * @param describe  a drawn shape in words, e.g. "x (2, 1, 3, 3), W (1, 1, 2, 2), stride 1, pad 0"
 */
public record Target(Class<?> reference, Search search, Function<Object, String> describe) {
    /** Finds the smallest failing shape of a class among {@code tries} seeded random shapes. */
    @FunctionalInterface
    public interface Search {
        /** Exceptions thrown by the student's code propagate. */
        Searched run(Class<?> impl, long seed, int tries);
    }

    /**
     * What a search found.
     *
     * @param found the smallest failing shape and its check, or null if no shape failed
     * @param last  the last check the search ran: on a pass, the check of the last random shape
     */
    public record Searched(ShapeSearch.Found<?> found, CheckResult last) {
    }
}

package io.gradcheck.exercise;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.ShapeSearch;

/**
 * What checking one exercise found.
 *
 * @param exercise the exercise
 * @param state    passed, failing, or broken (does not compile, throws, times out)
 * @param seed     the search seed: the same seed and code give the same shapes and result
 * @param tries    how many random shapes a pass survived, or were drawn before the failure
 * @param found    the smallest failing shape and its check when the state is FAILING, else null
 * @param check    the check to report: on the smallest failing shape, or on the last random shape of a pass; else null
 * @param problem  for BROKEN: what went wrong, with the file and line when known; else null
 */
public record Outcome(Exercise exercise, State state, long seed, int tries, ShapeSearch.Found<?> found, CheckResult check,
                      String problem) {
    /** The state of an exercise's code. */
    public enum State {
        /** The file is the pristine one: nothing was changed yet. Only {@code exercise list} reports it. */
        NOT_STARTED("not started"),
        /** The gradient check fails. */
        FAILING("failing"),
        /** The code could not be checked: compile error, exception, wrong constructor, timeout. */
        BROKEN("failing"),
        /** No random shape fails. */
        PASSED("passed");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** What a student sees: "not started", "failing" or "passed". */
        public String label() {
            return label;
        }
    }

    /** Whether the check passed. */
    public boolean passed() {
        return state == State.PASSED;
    }
}

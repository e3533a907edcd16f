package io.gradcheck.exercise;

/**
 * One exercise's grade, as {@code exercise grade --json} writes it (schema in docs/exercises/instructors.md).
 *
 * @param id       "01", "02", ...
 * @param name     the exercise's short name, e.g. "affine-bias"
 * @param status   "not started", "failing" or "passed"
 * @param passed   whether the check passed
 * @param attempts {@code exercise check} runs counted so far
 * @param hints    the highest hint level shown, 0 to 3
 * @param seed     the seed of the grading check
 * @param problem  why the code could not be checked (compile error, exception, timeout), else null
 */
public record Grade(String id, String name, String status, boolean passed, int attempts, int hints, long seed,
                    String problem) {
}

package io.gradcheck.report;

import io.gradcheck.check.CheckResult;
import java.util.List;

/**
 * One run of gradient checks to report.
 *
 * @param title        shown as the page title, e.g. "gradcheck check"; escaped
 * @param seed         the seed that reproduces the run
 * @param results      the checks, in order
 * @param shrunkShape  the smallest failing shape when a search shrank one, else null
 * @param reproduction a JUnit snippet or command that reproduces the run, else null
 * @param timestamp    when it ran, an ISO-8601 instant: what differs between the reports of equal runs
 * @param kind         what made it, for the index: "check", "exercise", "assertion", ...
 */
public record CheckRun(String title, long seed, List<CheckResult> results, String shrunkShape,
                       String reproduction, String timestamp, String kind) {
    public CheckRun {
        results = List.copyOf(results);
    }

    /** A run of kind "check". */
    public CheckRun(String title, long seed, List<CheckResult> results, String shrunkShape, String reproduction,
                    String timestamp) {
        this(title, seed, results, shrunkShape, reproduction, timestamp, "check");
    }
}

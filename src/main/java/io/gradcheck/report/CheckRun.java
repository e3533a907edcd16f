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
 * @param timestamp    when it ran: the one line of the report that differs between equal runs
 */
public record CheckRun(String title, long seed, List<CheckResult> results, String shrunkShape,
                       String reproduction, String timestamp) {
    public CheckRun {
        results = List.copyOf(results);
    }
}

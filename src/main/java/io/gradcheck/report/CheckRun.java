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
 * @param reproduction how to run it again; null for the JUnit line of the first failing check
 *                     ({@link Reproduction#junit}), or of the first check when none failed
 * @param tries        the rounds of random shapes drawn, or 0 when the run drew none
 * @param timestamp    when it ran, an ISO-8601 instant: what differs between the reports of equal runs
 * @param kind         what made it, for the index: "check", "exercise", "assertion", ...
 */
public record CheckRun(String title, long seed, List<CheckResult> results, String shrunkShape,
                       Reproduction reproduction, int tries, String timestamp, String kind) {
    public CheckRun {
        results = List.copyOf(results);
        if (tries < 0) {
            throw new IllegalArgumentException("CheckRun: tries must be 0 or more, got " + tries);
        }
        if (reproduction == null && !results.isEmpty()) {
            reproduction = Reproduction.junit(results.stream().filter(r -> !r.passed()).findFirst().orElse(results.get(0)));
        }
    }

    /** A run of kind "check". */
    public CheckRun(String title, long seed, List<CheckResult> results, String shrunkShape,
                    Reproduction reproduction, int tries, String timestamp) {
        this(title, seed, results, shrunkShape, reproduction, tries, timestamp, "check");
    }

    /** A run of kind "check" that drew no random shapes; command: the command line that runs it again, or null as above. */
    public CheckRun(String title, long seed, List<CheckResult> results, String shrunkShape, String command, String timestamp) {
        this(title, seed, results, shrunkShape, command == null ? null : Reproduction.command(command), 0, timestamp);
    }
}

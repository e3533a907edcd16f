package io.gradcheck.exercise;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.DetectorResult;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import io.gradcheck.exercise.Outcome.State;
import java.util.ArrayList;
import java.util.List;

/**
 * What the grader knows of one exercise's check: all that {@code exercise check}, {@code list} and
 * {@code grade} show. Made from an {@link Outcome} in the JVM that ran the student's code, and sent
 * to the grader as plain data, which it verifies ({@link Isolated}).
 *
 * @param exercise the exercise
 * @param state    not started, passed, failing, or broken
 * @param seed     the search seed
 * @param tries    random shapes a pass survived, or drawn before the failure
 * @param wrong    the gradients to blame, e.g. ["b2"]; empty unless FAILING
 * @param findings for FAILING, the lines between the wrong gradient and where to look: the smallest shape, then
 *                 one diagnosis per failing gradient; else empty
 * @param problem  for BROKEN: what went wrong, with the file and line when known; else null
 */
public record Verdict(Exercise exercise, State state, long seed, int tries, List<String> wrong, List<String> findings,
                      String problem) {
    public Verdict {
        wrong = List.copyOf(wrong);
        findings = List.copyOf(findings);
    }

    /** A BROKEN verdict: the code could not be checked, for this reason. */
    static Verdict broken(Exercise e, long seed, String problem) {
        return new Verdict(e, State.BROKEN, seed, 0, List.of(), List.of(), problem);
    }

    /** Whether the check passed. */
    public boolean passed() {
        return state == State.PASSED;
    }

    /** The verdict of an outcome. */
    public static Verdict of(Outcome o) {
        if (o.state() != State.FAILING) {
            return new Verdict(o.exercise(), o.state(), o.seed(), o.tries(), List.of(), List.of(), o.problem());
        }
        CheckResult r = o.found().result();
        int batch = r.inputShape()[0];
        List<String> lines = new ArrayList<>();
        lines.add("smallest shape that shows it: " + o.exercise().target().describe().apply(o.found().shape())
                + " (random shape " + o.found().tries() + " failed, then was shrunk)");
        for (ParamResult p : r.params()) {
            if (p.status() == Status.FAILED) {
                lines.add("diagnosis: " + (p.diagnosis() == null ? "" : p.diagnosis().kind() + ": ") + Advice.of(p, batch));
            }
        }
        if (r.params().stream().noneMatch(p -> p.status() == Status.FAILED)) {
            r.detectors().stream().filter(DetectorResult::caught).findFirst().ifPresent(d -> lines.add(
                    "diagnosis: no single element is off, but an identity of backprop breaks: " + d.evidence()));
        }
        return new Verdict(o.exercise(), State.FAILING, o.seed(), o.found().tries(), Feedback.wrong(r), lines, null);
    }
}

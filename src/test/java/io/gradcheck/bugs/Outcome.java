package io.gradcheck.bugs;

import io.gradcheck.check.BugKind;
import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Detector;
import io.gradcheck.check.Diagnosis;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.ShapeSearch;
import java.util.ArrayList;
import java.util.List;

/**
 * What the checker made of one catalogue entry: the smallest failing shape it found and its check,
 * or no failure at all; and the diagnoses on random failing shapes.
 *
 * @param bug    the entry
 * @param found  the shrunk failure, or null if no drawn shape failed
 * @param spread the engine's kinds on random, unshrunk shapes
 */
record Outcome(Bug<?> bug, ShapeSearch.Found<?> found, KindSpread spread) {
    boolean detected() {
        return found != null;
    }

    CheckResult result() {
        return found.result();
    }

    /** The gradients the check blames, in its order. */
    List<String> blamed() {
        return Blame.of(result());
    }

    /** The diagnosis of the first declared parameter, or null if it has none (it did not fail element-wise). */
    Diagnosis diagnosis() {
        ParamResult r = result().param(bug.wrongParams().get(0));
        return r.diagnosis();
    }

    /** The kind the engine names; UNKNOWN where it names none, because the gradient passed element-wise. */
    BugKind engineKind() {
        Diagnosis d = diagnosis();
        return d == null ? BugKind.UNKNOWN : d.kind();
    }

    /** Right: the declared kind. Wrong: another kind that is not UNKNOWN, a confident wrong guess. */
    boolean diagnosedRight() {
        return engineKind() == bug.expected();
    }

    boolean diagnosedWrong() {
        return engineKind() != bug.expected() && engineKind() != BugKind.UNKNOWN;
    }

    int shrunkBatch() {
        return bug.batch(found.shape());
    }

    /** The detectors that caught the bug on the shrunk shape. */
    List<Detector> caughtBy() {
        List<Detector> out = new ArrayList<>();
        for (Detector d : Detector.values()) {
            if (result().caughtBy(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** For failure messages: the entry, the shrunk shape, the seeds and the check's message. */
    String context() {
        return bug.id() + " (" + bug.description() + ")\n" + (found == null ? "no failure found" : found.message());
    }
}

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
        return diagnosisOf(result(), bug.wrongParams().get(0));
    }

    /** The diagnosis of gradient name in r, or null if it has none or r has no result for it (backprop threw). */
    static Diagnosis diagnosisOf(CheckResult r, String name) {
        return r.params().stream().filter(p -> p.name().equals(name)).findFirst().map(ParamResult::diagnosis).orElse(null);
    }

    /**
     * The kind the engine names for the first declared gradient on the shrunk shape; null where it
     * names none: not detected, or no diagnosis (the gradient did not fail element-wise).
     */
    BugKind engineKind() {
        Diagnosis d = detected() ? diagnosis() : null;
        return d == null ? null : d.kind();
    }

    /** Right: the expected kind, which is never UNKNOWN; neither UNKNOWN nor no diagnosis is ever right. */
    boolean diagnosedRight() {
        return engineKind() == bug.expected();
    }

    /** A confident wrong guess: a kind that is neither the expected one nor UNKNOWN. */
    boolean diagnosedWrong() {
        BugKind k = engineKind();
        return k != null && k != BugKind.UNKNOWN && k != bug.expected();
    }

    /** The engine's kind in words: the kind, or "none". */
    String engineText() {
        return engineKind() == null ? "none" : engineKind().toString();
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

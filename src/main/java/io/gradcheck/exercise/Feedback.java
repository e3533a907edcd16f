package io.gradcheck.exercise;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Detector;
import io.gradcheck.check.DetectorResult;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import java.util.ArrayList;
import java.util.List;

/** The text a student reads after {@code exercise check}. Built in one place; tests pin its lines. */
public final class Feedback {
    private Feedback() {
    }

    /**
     * The feedback on one outcome, checked in this JVM.
     *
     * @param file    the student's file, as shown
     * @param tally   attempts and hints so far, this check included
     * @param report  the HTML report written for the check, or null
     */
    public static String of(Outcome o, String file, Progress.Tally tally, String report) {
        return of(Verdict.of(o), file, tally, report);
    }

    /**
     * The feedback on one verdict.
     *
     * @param file    the student's file, as shown
     * @param tally   attempts and hints so far, this check included
     * @param report  the HTML report written for the check, or null
     */
    public static String of(Verdict v, String file, Progress.Tally tally, String report) {
        Exercise e = v.exercise();
        String head = e.label() + ": ";
        String tail = " (seed " + v.seed() + ", attempt " + tally.attempts() + ")";
        List<String> lines = new ArrayList<>();
        switch (v.state()) {
            case PASSED -> {
                lines.add(head + "PASSED: no gradient failed on " + v.tries() + " random shapes" + tail);
                if (report != null) {
                    lines.add("  report: " + report);
                }
            }
            case BROKEN -> {
                lines.add(head + "FAILING: your code " + v.problem().replace("\n", "\n    ") + tail);
                lines.add("  file: " + file);
            }
            default -> {
                lines.add(head + "FAILING" + tail);
                lines.add("  wrong gradient: " + String.join(", ", v.wrong().stream().map(Advice::gradName).toList()));
                v.findings().forEach(f -> lines.add("  " + f));
                lines.add("  where to look: " + e.look() + " in " + file);
                if (report != null) {
                    lines.add("  report: " + report);
                }
            }
        }
        if (!v.passed()) {
            lines.add(tally.hints() < 3
                    ? "  stuck? 'exercise hint " + e.id() + "' shows hint " + (tally.hints() + 1) + " of 3"
                    : "  all 3 hints shown; 'exercise hint " + e.id() + "' shows them again");
        }
        return String.join("\n", lines);
    }

    /** The gradients to blame: those that failed, then those only an exact detector caught. */
    static List<String> wrong(CheckResult r) {
        List<String> out = new ArrayList<>();
        for (ParamResult p : r.params()) {
            if (p.status() == Status.FAILED) {
                out.add(p.name());
            }
        }
        for (DetectorResult d : r.detectors()) {
            if (d.caught() && d.detector() == Detector.DOUT_LINEARITY) {  // the one detector that names a gradient alone
                d.blamed().stream().filter(p -> !out.contains(p)).forEach(out::add);
            }
        }
        return out;
    }
}

package io.gradcheck.exercise;

import io.gradcheck.exercise.Outcome.State;
import io.gradcheck.report.CheckReport;
import io.gradcheck.report.CheckRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The exercises of one student's workspace: their state, checks that count as attempts, hints,
 * and grading. What the {@code exercise} commands call.
 *
 * @param workspace where the files are
 * @param settings  seed, tries and timeout of every check
 */
public record Course(Workspace workspace, ExerciseSettings settings) {
    /**
     * A checked exercise.
     *
     * @param outcome  what the check found
     * @param feedback the text for the student
     * @param report   the HTML report, else null
     */
    public record Checked(Outcome outcome, String feedback, Path report) {
    }

    /** The state of an exercise without counting an attempt: NOT_STARTED if its file is pristine. */
    public Outcome status(Exercise e) {
        String src;
        try {
            src = workspace.source(e);
        } catch (IOException ex) {
            return new Outcome(e, State.BROKEN, settings.seed(), 0, null, null, "could not be read: " + describe(ex));
        }
        if (Pristine.isPristine(e, src)) {
            return new Outcome(e, State.NOT_STARTED, settings.seed(), 0, null, null, null);
        }
        return ExerciseCheck.source(e, src, settings);
    }

    /**
     * Checks an exercise's current code, counts the attempt and writes the HTML report: of the
     * smallest failing shape, or for a pass, of the last random shape.
     */
    public Checked check(Exercise e) throws IOException {
        Outcome o;
        try {
            o = ExerciseCheck.source(e, workspace.source(e), settings);
        } catch (IOException ex) {
            o = new Outcome(e, State.BROKEN, settings.seed(), 0, null, null, "could not be read: " + describe(ex));
        }
        Progress p = ProgressFile.read(workspace.progressFile()).withAttempt(e.id());
        ProgressFile.write(workspace.progressFile(), p);
        Path report = o.check() == null ? null : CheckReport.write(workspace.reports(), new CheckRun(
                e.label(), o.seed(), List.of(o.check()), o.found() == null ? null : e.target().describe().apply(o.found().shape()),
                "java -jar target/gradcheck-cli.jar exercise check " + e.id() + " --seed " + o.seed(), Instant.now().toString()));
        String shownReport = report == null ? null : relative(report);
        return new Checked(o, Feedback.of(o, relative(workspace.file(e)), p.of(e.id()), shownReport), report);
    }

    /**
     * Shows the next hint, or all of them again once the three are shown, and records the level reached.
     *
     * @return the hints shown so far, one per line, numbered
     */
    public String hint(Exercise e) throws IOException {
        Progress p = ProgressFile.read(workspace.progressFile());
        int level = Math.min(3, p.of(e.id()).hints() + 1);
        ProgressFile.write(workspace.progressFile(), p.withHint(e.id(), level));
        StringBuilder b = new StringBuilder(e.label() + ": hint " + level + " of 3");
        String[] names = {"which gradient", "what kind of bug", "which line of the math"};
        for (int i = 0; i < level; i++) {
            b.append("\n  ").append(i + 1).append(" (").append(names[i]).append("): ").append(e.hints().get(i));
        }
        return b.toString();
    }

    /** The grade of every exercise, from a fresh check of each; checks for grading are not attempts. */
    public List<Grade> grade() throws IOException {
        Progress p = ProgressFile.read(workspace.progressFile());
        List<Grade> out = new ArrayList<>();
        for (Exercise e : Exercises.all()) {
            Outcome o = status(e);
            Progress.Tally t = p.of(e.id());
            out.add(new Grade(e.id(), e.slug(), o.state().label(), o.passed(), t.attempts(), t.hints(), o.seed(),
                    o.state() == State.BROKEN ? o.problem() : null));
        }
        return out;
    }

    /** The path as shown to the student: relative to the project directory where possible. */
    String relative(Path p) {
        Path proj = workspace.project().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(proj) ? proj.relativize(abs).toString() : abs.toString();
    }

    private static String describe(IOException ex) {
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}

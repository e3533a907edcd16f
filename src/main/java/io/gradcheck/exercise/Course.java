package io.gradcheck.exercise;

import io.gradcheck.exercise.Outcome.State;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The exercises of one student's workspace: their state, checks that count as attempts, hints,
 * and grading. What the {@code exercise} commands call.
 *
 * @param workspace where the files are
 * @param settings  seed, tries and timeout of every check
 */
public record Course(Workspace workspace, ExerciseSettings settings) {
    /** How many exercises are checked at once, each in a JVM of its own. */
    static final int PARALLEL = 2;

    /**
     * A checked exercise.
     *
     * @param verdict  what the check found
     * @param feedback the text for the student
     * @param report   the HTML report, else null
     */
    public record Checked(Verdict verdict, String feedback, Path report) {
    }

    /** The state of an exercise without counting an attempt: NOT_STARTED if its file is pristine. */
    public Verdict status(Exercise e) {
        return status(List.of(e)).get(0);
    }

    /** The states of exercises, in their order, checked {@value #PARALLEL} at a time. */
    public List<Verdict> status(List<Exercise> es) {
        return inParallel(es, e -> {
            String src;
            try {
                src = workspace.source(e);
            } catch (IOException ex) {
                return new Isolated.Result(Verdict.broken(e, settings.seed(), "could not be read: " + describe(ex)), null);
            }
            if (Pristine.isPristine(e, src)) {
                return new Isolated.Result(new Verdict(e, State.NOT_STARTED, settings.seed(), 0, List.of(), List.of(), null), null);
            }
            return Isolated.check(e, src, settings, null);
        }, null).stream().map(Isolated.Result::verdict).toList();
    }

    /**
     * Checks an exercise's current code, counts the attempt and writes the HTML report: of the
     * smallest failing shape, or for a pass, of the last random shape.
     */
    public Checked check(Exercise e) throws IOException {
        List<Checked> out = new ArrayList<>();
        check(List.of(e), out::add);
        return out.get(0);
    }

    /**
     * Checks exercises, {@value #PARALLEL} at a time, and hands each to {@code done} in their order,
     * once its attempt is counted.
     */
    public void check(List<Exercise> es, Consumer<Checked> done) throws IOException {
        IOException[] failed = {null};
        inParallel(es, e -> {
            try {
                return Isolated.check(e, workspace.source(e), settings, workspace.reports());
            } catch (IOException ex) {
                return new Isolated.Result(Verdict.broken(e, settings.seed(), "could not be read: " + describe(ex)), null);
            }
        }, (e, r) -> {
            if (failed[0] != null) {
                return;
            }
            try {
                Progress p = ProgressFile.read(workspace.progressFile()).withAttempt(e.id());
                ProgressFile.write(workspace.progressFile(), p);
                String shown = r.report() == null ? null : relative(r.report());
                done.accept(new Checked(r.verdict(), Feedback.of(r.verdict(), relative(workspace.file(e)), p.of(e.id()), shown),
                        r.report()));
            } catch (IOException ex) {
                failed[0] = ex;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
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
        String[] names = {"which gradient", "what kind of bug", "the concept, and where to look"};
        for (int i = 0; i < level; i++) {
            b.append("\n  ").append(i + 1).append(" (").append(names[i]).append("): ").append(e.hints().get(i));
        }
        return b.toString();
    }

    /**
     * The grade of every exercise, from a fresh check of each; checks for grading are not attempts.
     * Every child JVM has ended when this returns, so the grader's files are written after them.
     */
    public List<Grade> grade() throws IOException {
        Progress p = ProgressFile.read(workspace.progressFile());
        List<Grade> out = new ArrayList<>();
        for (Verdict v : status(Exercises.all())) {
            Exercise e = v.exercise();
            Progress.Tally t = p.of(e.id());
            out.add(new Grade(e.id(), e.slug(), v.state().label(), v.passed(), t.attempts(), t.hints(), v.seed(),
                    v.state() == State.BROKEN ? v.problem() : null));
        }
        return out;
    }

    /** Runs {@code each} on every exercise, PARALLEL at a time; hands the results in order to {@code then} if not null. */
    private static List<Isolated.Result> inParallel(List<Exercise> es, Function<Exercise, Isolated.Result> each,
                                                    BiConsumer<Exercise, Isolated.Result> then) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, es.size()), r -> {
            Thread t = new Thread(r, "gradcheck-grader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Isolated.Result>> fs = es.stream().map(e -> pool.submit(() -> each.apply(e))).toList();
            List<Isolated.Result> out = new ArrayList<>();
            for (int i = 0; i < es.size(); i++) {
                Isolated.Result r = fs.get(i).get();
                out.add(r);
                if (then != null) {
                    then.accept(es.get(i), r);
                }
            }
            return out;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the check was interrupted", ex);
        } catch (ExecutionException ex) {
            throw new IllegalStateException("the grader failed: " + ex.getCause(), ex.getCause());
        } finally {
            pool.shutdownNow();
        }
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

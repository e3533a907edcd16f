package io.gradcheck.cli;

import io.gradcheck.data.OutputFile;
import io.gradcheck.exercise.Course;
import io.gradcheck.exercise.Exercise;
import io.gradcheck.exercise.Exercises;
import io.gradcheck.exercise.GradeFiles;
import io.gradcheck.exercise.Grade;
import io.gradcheck.exercise.Outcome;
import io.gradcheck.exercise.Verdict;
import io.gradcheck.exercise.Workspace;
import io.gradcheck.report.Index;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gradcheck exercise}: the student exercises (docs/exercises/README.md). */
@Command(name = "exercise", mixinStandardHelpOptions = true,
        description = {"Exercises: fix a layer with one backprop bug, guided by the gradient check.",
                "Run from the project directory; the files are in src/exercises/java. See docs/exercises/README.md."},
        subcommands = {ExerciseCommand.ListCommand.class, ExerciseCommand.CheckCommand.class,
                ExerciseCommand.HintCommand.class, ExerciseCommand.GradeCommand.class})
final class ExerciseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: list, check, hint or grade");
    }

    /** {@code exercise list}: every exercise and its state. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the exercises, easiest first, each not started, failing or passed. Counts no attempt.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ExerciseOptions opts;

        @Override
        public Integer call() throws IOException {
            Course course = opts.course(spec.commandLine());
            PrintWriter out = spec.commandLine().getOut();
            for (Verdict o : course.status(Exercises.all())) {
                Exercise e = o.exercise();
                String why = o.state() == Outcome.State.BROKEN  // the first line only: "does not compile", "threw ...", ...
                        ? " (" + o.problem().lines().findFirst().orElse("").replaceAll(":$", "") + ")" : "";
                out.printf("%s  %-18s %-12s %s%s%n", e.id(), e.slug(), o.state().label(), e.title(), why);
            }
            out.printf("seed %d, %d random shapes per exercise; 'exercise check NN' checks one and says what is wrong%n",
                    opts.seed, opts.tries);
            out.flush();
            return Main.OK;
        }
    }

    /** {@code exercise check [NN]}: the gradient check of one exercise, or all. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Checks your code of exercise NN (all if none is given) on random shapes: which gradient is "
                    + "wrong, the smallest shape that shows it, what the bug looks like and where to look. Writes an HTML "
                    + "report into reports/. Each check counts as an attempt.",
                    "Exit code 0 if every checked exercise passed, 1 if not."})
    static final class CheckCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ExerciseOptions opts;
        @Parameters(arity = "0..1", paramLabel = "NN", description = "The exercise: 01, 02, ..., or its name.")
        String id;

        @Override
        public Integer call() throws IOException {
            Course course = opts.course(spec.commandLine());
            List<Exercise> which = id == null ? Exercises.all() : List.of(ExerciseOptions.exercise(spec.commandLine(), id));
            PrintWriter out = spec.commandLine().getOut();
            int[] failed = {0};
            course.check(which, c -> {
                out.println(c.feedback());
                out.flush();
                failed[0] += c.verdict().passed() ? 0 : 1;
            });
            if (which.size() > 1) {
                out.printf("%d of %d passed (seed %d)%n", which.size() - failed[0], which.size(), opts.seed);
            }
            out.flush();
            return failed[0] == 0 ? Main.OK : Main.FAILED;
        }
    }

    /** {@code exercise hint NN}: the next hint. */
    @Command(name = "hint", mixinStandardHelpOptions = true,
            description = "Shows the next hint for exercise NN: 1 which gradient, 2 what kind of bug, 3 the concept and "
                    + "where to look. The level reached is recorded and shows in the grades.")
    static final class HintCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ExerciseOptions opts;
        @Parameters(paramLabel = "NN", description = "The exercise: 01, 02, ..., or its name.")
        String id;

        @Override
        public Integer call() throws IOException {
            Exercise e = ExerciseOptions.exercise(spec.commandLine(), id);
            spec.commandLine().getOut().println(opts.course(spec.commandLine()).hint(e));
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }

    /** {@code exercise grade [--json FILE]}: grades for an instructor. */
    @Command(name = "grade", mixinStandardHelpOptions = true,
            description = {"Checks every exercise, each in a JVM of its own, and writes the grades: JSON (schema in "
                    + "docs/exercises/instructors.md) and an HTML summary, reports/exercises-grades.html. Counts no attempt.",
                    "Exit code 0 once the grades are written, whatever they are; 2 outside a project with exercises."})
    static final class GradeCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ExerciseOptions opts;
        @Option(names = "--json", paramLabel = "FILE",
                description = "Where to write the JSON (default: PROJECT/reports/exercises-grades.json).")
        Path json;

        @Override
        public Integer call() throws IOException {
            Workspace w = Workspace.of(opts.project, opts.dir);
            Path html = w.reports().resolve("exercises-grades.html");
            Path to = json != null ? json : w.reports().resolve("exercises-grades.json");
            OutputFile.checkDirectory("--project", w.reports(), List.of(html.getFileName().toString(), "index.html"));
            if (json != null) {
                OutputFile.check("--json", json, Map.of("--dir", Exercises.all().stream().map(w::file).toList()));
            }
            if (Exercises.all().stream().noneMatch(e -> Files.isRegularFile(w.file(e)))) {
                throw new ParameterException(spec.commandLine(), "no exercises in " + w.sources().toAbsolutePath().normalize()
                        + ": run from the project directory, or give --project or --dir");
            }
            Course course = opts.course(spec.commandLine());
            List<Grade> grades = course.grade();  // every child JVM has ended: only now are the files written
            String at = Instant.now().toString();
            OutputFile.write(to, GradeFiles.json(grades, course.settings(), at));
            OutputFile.write(html, GradeFiles.html(grades, course.settings(), at));
            Index.write(w.reports());
            PrintWriter out = spec.commandLine().getOut();
            for (Grade g : grades) {
                out.printf("%s  %-18s %-12s attempts %d, hints %d of 3%n", g.id(), g.name(), g.status(), g.attempts(), g.hints());
            }
            out.printf("%d of %d passed (seed %d); wrote %s and %s%n", grades.stream().filter(Grade::passed).count(),
                    grades.size(), opts.seed, to, html);
            out.flush();
            return Main.OK;
        }
    }
}

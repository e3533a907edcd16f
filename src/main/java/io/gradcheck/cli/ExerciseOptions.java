package io.gradcheck.cli;

import io.gradcheck.exercise.Course;
import io.gradcheck.exercise.Exercise;
import io.gradcheck.exercise.ExerciseCheck;
import io.gradcheck.exercise.ExerciseSettings;
import io.gradcheck.exercise.Exercises;
import io.gradcheck.exercise.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.NoSuchElementException;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by the {@code exercise} subcommands: where the files are, and how to check. */
final class ExerciseOptions {
    @Option(names = "--project", paramLabel = "DIR",
            description = "Project directory: reports/ and .gradcheck/ go here (default: the working directory).")
    Path project = Path.of("");

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Exercise source root (default: PROJECT/src/exercises/java).")
    Path dir;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random shapes (default: 20261129).")
    long seed = ExerciseSettings.DEFAULT.seed();

    @Option(names = "--tries", paramLabel = "N", description = "Random shapes per exercise, 1..1000 (default: 40).")
    int tries = ExerciseSettings.DEFAULT.tries();

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit per exercise, 1..3600 (default: 60).")
    int timeout = (int) ExerciseSettings.DEFAULT.timeout().toSeconds();

    /** The course these options describe, refusing out-of-range values with a usage error. */
    Course course(CommandLine cl) throws IOException {
        Limits.require(cl, "--tries", tries, 1, Limits.MAX_TRIES);
        Limits.require(cl, "--timeout", timeout, 1, Limits.MAX_TIMEOUT);
        if (!ExerciseCheck.compilerAvailable()) {  // an IOException: a one-line error and exit code 1
            throw new IOException(ExerciseCheck.NO_COMPILER);
        }
        return new Course(Workspace.of(project, dir), new ExerciseSettings(seed, tries, Duration.ofSeconds(timeout)));
    }

    /** The exercise named on the command line, or a usage error. */
    static Exercise exercise(CommandLine cl, String id) {
        try {
            return Exercises.byId(id);
        } catch (NoSuchElementException e) {
            throw new ParameterException(cl, e.getMessage());
        }
    }
}

package io.gradcheck.exercise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a student's files are.
 *
 * @param project the project directory: reports/ and .gradcheck/ go here
 * @param sources the exercise source root, by default {@code <project>/src/exercises/java}
 */
public record Workspace(Path project, Path sources) {
    /** The exercise source root under a project directory. */
    public static final String SOURCES = "src/exercises/java";

    /** A project directory with its sources at the default place, or at {@code sources} if not null. */
    public static Workspace of(Path project, Path sources) {
        return new Workspace(project, sources != null ? sources : project.resolve(SOURCES));
    }

    /** The student's file of an exercise. */
    public Path file(Exercise e) {
        return sources.resolve(e.file());
    }

    /** The student's current source of an exercise. */
    public String source(Exercise e) throws IOException {
        Path f = file(e);
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(f.toString(), null,
                    "no such exercise file; run from the project directory, or give --project or --dir");
        }
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    /** Where HTML reports go: {@code <project>/reports}. */
    public Path reports() {
        return project.resolve("reports");
    }

    /** The student's attempts and hints: {@code <project>/.gradcheck/exercises.json}. */
    public Path progressFile() {
        return ProgressFile.in(project);
    }
}

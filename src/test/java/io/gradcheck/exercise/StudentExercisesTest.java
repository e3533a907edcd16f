package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code mvn verify -Pexercises}: checks the student's current files in src/exercises/java, all of
 * them, exactly as {@code exercise check} does (each counts as an attempt). Off in the default
 * build, which must never depend on the student's files.
 */
@EnabledIfSystemProperty(named = "gradcheck.exercises", matches = "true")
class StudentExercisesTest {
    @Test
    void everyExerciseOfTheStudentPassesItsGradientCheck() throws IOException {
        long seed = Long.getLong("gradcheck.seed", ExerciseSettings.DEFAULT.seed());
        Course course = new Course(Workspace.of(Path.of(""), null), ExerciseSettings.DEFAULT.withSeed(seed));
        List<String> failing = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        course.check(Exercises.all(), c -> {
            System.out.println(c.feedback());
            all.append(c.feedback()).append('\n');
            if (!c.verdict().passed()) {
                failing.add(c.verdict().exercise().id());
            }
        });
        assertTrue(failing.isEmpty(), failing.size() + " of " + Exercises.all().size() + " exercises failing: " + failing
                + " (seed " + seed + ")\n" + all);
    }
}

package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The handouts, the exercise index and the instructors' schema stay in step with the code. */
class HandoutsTest {
    private static final Path DOCS = Path.of("docs/exercises");

    static Stream<Exercise> exercises() {
        return Exercises.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void handoutNamesTheFileTheCommandAndThePassingLine(Exercise e) throws IOException {
        String h = Files.readString(Path.of(e.handout()));
        assertTrue(h.startsWith("# Exercise " + e.id() + ": "), e.handout());
        assertTrue(h.contains("`src/exercises/java/" + e.file() + "`"), e.handout() + " names its file");
        assertTrue(h.contains("java -jar target/gradcheck-cli.jar exercise check " + e.id() + "\n"), e.handout() + " names the command");
        assertTrue(h.contains("exercise " + e.id() + " (" + e.slug() + "): PASSED: no gradient failed on "
                + ExerciseSettings.DEFAULT.tries() + " random shapes"), e.handout() + " shows a pass");
        for (String part : List.of("## What it computes", "## What to run", "## What the check says now",
                "## What a passing result looks like")) {
            assertTrue(h.contains(part), e.handout() + " has " + part);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void handoutShowsWhatTheCheckSaysOnThePristineFile(Exercise e) throws IOException {
        String h = Files.readString(Path.of(e.handout()));
        Outcome o = ExerciseCheck.source(e, Pristine.source(e), ExerciseSettings.DEFAULT);
        String shown = Feedback.of(o, "src/exercises/java/" + e.file(), new Progress.Tally(1, 0), null);
        for (String line : shown.split("\n")) {
            if (line.startsWith("  stuck?")) {
                continue;
            }
            int cut = line.indexOf(" (");  // a handout may shorten an engine's evidence to "(...)"
            String must = line.startsWith("  diagnosis:") && cut > 0 ? line.substring(0, cut) : line;
            assertTrue(h.contains(must), e.handout() + " shows the check's line\n" + must);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void pristineFileNamesItsHandoutAndCommand(Exercise e) {
        String src = Pristine.source(e);
        assertTrue(src.contains("Handout: " + e.handout()), e.label());
        assertTrue(src.contains("java -jar target/gradcheck-cli.jar exercise check " + e.id()), e.label());
        assertTrue(src.contains("public " + (src.contains("public final class") ? "final " : "") + "class " + e.className()),
                e.label());
    }

    @Test
    void atLeastTwoExercisesHaveBugsThatOnlyAGradientCheckFindsAndTheirHandoutsSaySo() throws IOException {
        List<Exercise> silent = Exercises.all().stream().filter(Exercise::silent).toList();
        assertTrue(silent.size() >= 2, "silent exercises: " + silent);
        String readme = Files.readString(DOCS.resolve("README.md"));
        for (Exercise e : Exercises.all()) {
            String h = Files.readString(Path.of(e.handout()));
            assertEquals(e.silent(), h.contains("Only a gradient check finds it."),
                    e.handout());
            int row = readme.indexOf("| " + e.id() + " | [");
            String line = readme.substring(row, readme.indexOf('\n', row));
            assertEquals(e.silent(), line.contains("(only a gradient check finds it)"), line);
        }
    }

    @Test
    void indexListsEveryHandoutInOrderOfDifficulty() throws IOException {
        String readme = Files.readString(DOCS.resolve("README.md"));
        int at = -1;
        for (Exercise e : Exercises.all()) {
            int i = readme.indexOf("| " + e.id() + " | [");
            assertTrue(i > at, "README.md lists " + e.label() + " after the one before it");
            assertTrue(readme.indexOf("(" + e.id() + "-" + e.slug() + ".md)", i) > i, "README.md links " + e.handout());
            assertTrue(readme.indexOf("`" + e.className() + ".java`", i) > i, "README.md names " + e.className());
            at = i;
        }
    }

    @Test
    void instructorsDocumentEveryFieldOfTheGradesJson() throws IOException {
        String doc = Files.readString(DOCS.resolve("instructors.md"));
        String json = GradeFiles.json(List.of(new Grade("01", "net-gradient", "passed", true, 1, 0, 7, null)),
                ExerciseSettings.DEFAULT, "now");
        Matcher m = Pattern.compile("\"(\\w+)\":").matcher(json);
        boolean inExercises = false;
        while (m.find()) {
            String key = m.group(1);
            String field = inExercises ? "exercises[]." + key : key;
            assertTrue(doc.contains("| `" + field + "` |"), "instructors.md documents " + field);
            inExercises |= key.equals("exercises");
        }
        assertTrue(doc.contains(GradeFiles.SCHEMA));
    }
}

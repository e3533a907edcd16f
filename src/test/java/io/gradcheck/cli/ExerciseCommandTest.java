package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.exercise.Exercise;
import io.gradcheck.exercise.Exercises;
import io.gradcheck.exercise.Pristine;
import io.gradcheck.reliability.Hostile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student's flow end to end, in a copy of the project's exercise files in a temporary
 * directory: list, check, fix the one buggy line as a student would, check again, hints, grades.
 */
class ExerciseCommandTest {
    @TempDir
    Path project;

    @BeforeEach
    void copyThePristineExercisesIntoAFreshProject() throws IOException {
        for (Exercise e : Exercises.all()) {
            Path f = project.resolve("src/exercises/java").resolve(e.file());
            Files.createDirectories(f.getParent());
            Files.writeString(f, Pristine.source(e), StandardCharsets.UTF_8);
        }
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--project";
        all[args.length + 1] = project.toString();
        return CliRun.of(all);
    }

    private void edit(String id, String from, String to) throws IOException {
        Path f = project.resolve("src/exercises/java").resolve(Exercises.byId(id).file());
        String s = Files.readString(f);
        assertTrue(s.contains(from), from);
        Files.writeString(f, s.replace(from, to));
    }

    @Test
    void aStudentFixesExercise01AndTheCheckPasses() throws IOException {
        CliRun before = run("exercise", "check", "01");
        assertEquals(1, before.code(), before.out() + before.err());
        assertTrue(before.out().startsWith("exercise 01 (net-gradient): FAILING (seed 20261129, attempt 1)\n"
                + "  wrong gradient: db2\n"), before.out());
        assertTrue(before.out().contains("  diagnosis: SWAPPED: db2 is the gradient of another parameter"), before.out());
        assertTrue(before.out().contains("  report: reports/exercise-01-net-gradient-seed20261129.html"), before.out());
        assertTrue(Files.exists(project.resolve("reports/exercise-01-net-gradient-seed20261129.html")));
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(Files.readString(project.resolve("reports/exercise-01-net-gradient-seed20261129.html")));
        assertEquals("Run again:", page.select("#reproduce .reproduce-heading").text(), "a command, under a heading that says so");
        assertEquals("java -jar target/gradcheck-cli.jar exercise check 01 --seed 20261129", page.select("#reproduce pre.snippet").text());
        Element row = Jsoup.parse(Files.readString(project.resolve("reports/index.html"))).select("#runs tbody tr").first();
        assertEquals(List.of("exercise", "exercise 01 (net-gradient)", "20261129", "FAILED 1 of 1 checks failed"),
                List.of(row.select("td.kind").text(), row.select("td.report a").text(), row.select("td.seed").text(),
                        row.select("td.verdict").text()), "the index lists the exercise's report");

        edit("01", "grads.put(\"b2\", affine1.grads().get(\"W\"));", "grads.put(\"b2\", affine1.grads().get(\"b\"));");
        CliRun after = run("exercise", "check", "01");
        assertEquals(0, after.code(), after.out() + after.err());
        assertEquals("exercise 01 (net-gradient): PASSED: no gradient failed on 40 random shapes (seed 20261129, attempt 2)\n"
                + "  report: reports/exercise-01-net-gradient-seed20261129.html\n", after.out());

        CliRun list = run("exercise", "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("01  net-gradient       passed"), list.out());
        assertTrue(list.out().contains("02  relu               not started"), list.out());
    }

    @Test
    void listShowsFailingForAnEditedExerciseThatStillFails() throws IOException {
        edit("02", "// true where x <= 0", "// true where x <= 0 (I looked here)");
        edit("03", "return dx;", "return dx");
        CliRun list = run("exercise", "list");
        assertTrue(list.out().contains("02  relu               failing"), list.out());
        assertTrue(list.out().contains("03  softmax-with-loss  failing      SoftmaxWithLoss: the gradient of a mean "
                + "(does not compile)\n"), list.out());
        assertTrue(Files.notExists(project.resolve(".gradcheck")), "list counts no attempt");
    }

    @Test
    void hintsComeOneLevelAtATimeAndShowInTheGrades() throws IOException {
        CliRun one = run("exercise", "hint", "04");
        assertEquals("exercise 04 (affine-bias): hint 1 of 3\n  1 (which gradient): Only db is wrong; dW and dx are right.\n",
                one.out());
        CliRun two = run("exercise", "hint", "affine-bias");
        assertTrue(two.out().startsWith("exercise 04 (affine-bias): hint 2 of 3\n  1 (which gradient)"), two.out());
        assertTrue(two.out().contains("\n  2 (what kind of bug): "), two.out());
        run("exercise", "check", "04");

        Path json = project.resolve("grades.json");
        CliRun grade = run("exercise", "grade", "--json", json.toString());
        assertEquals(0, grade.code(), grade.err());
        String j = Files.readString(json);
        assertTrue(j.contains("{\"id\": \"04\", \"name\": \"affine-bias\", \"status\": \"not started\", \"passed\": false, "
                + "\"attempts\": 1, \"hints\": 2, \"seed\": 20261129, \"problem\": null}"), j);
        assertTrue(j.contains("\"schema\": \"gradcheck-exercises/1\""), j);
        assertTrue(Files.readString(project.resolve("reports/exercises-grades.html")).contains("0 of " + Exercises.all().size() + " passed"));
        Element graded = Jsoup.parse(Files.readString(project.resolve("reports/index.html"))).select("#runs tbody tr").first();
        assertEquals(List.of("grades", "gradcheck exercises: grades", "20261129", "0 of " + Exercises.all().size()
                + " exercises passed"), List.of(graded.select("td.kind").text(), graded.select("td.report a").text(),
                graded.select("td.seed").text(), graded.select("td.verdict").text()), "the grades are in the index, newest");
        assertTrue(Files.readString(project.resolve(".gradcheck/exercises.json")).contains("\"04\": {\"attempts\": 1, \"hints\": 2}"));
    }

    @Test
    @Hostile(area = "Student code", input = "one exercise that does not compile, checked with all of them (CLI)",
            outcome = "`exercise 02 (relu): FAILING: your code does not compile:`, the others checked, `1 of N passed`, exit 1")
    void aBrokenExerciseIsReportedAndTheOthersStillRun() throws IOException {
        edit("02", "return dx;", "return dx");
        edit("03", "d[i] *= dout;", "d[i] *= dout / n;");
        CliRun all = run("exercise", "check", "--tries", "5");
        assertEquals(1, all.code(), all.err());
        assertTrue(all.out().contains("exercise 02 (relu): FAILING: your code does not compile:"), all.out());
        assertTrue(all.out().contains("exercise 03 (softmax-with-loss): PASSED"), all.out());
        assertTrue(all.out().contains("exercise 10 (conv-padding): FAILING"), all.out());
        assertTrue(all.out().endsWith("1 of " + Exercises.all().size() + " passed (seed 20261129)\n"), all.out());
        assertEquals("", all.err());
    }

    @Test
    @Hostile(area = "Student code", input = "an exercise that never returns, not even when interrupted (`--timeout 2`, CLI)",
            outcome = "`exercise 02 (relu): FAILING: your code did not finish within 2 s ...`, exit 1, and the next check runs")
    void anExerciseThatNeverReturnsTimesOutAndTheNextCheckRuns() throws IOException {
        // it ignores the interrupt: only the end of its JVM stops it
        edit("02", "double[] dd = dout.data();", "double[] dd = dout.data();\n        while (dd.length >= 0) { }");
        long t0 = System.nanoTime();
        CliRun one = run("exercise", "check", "02", "--tries", "3", "--timeout", "2");
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "the timeout bounds the wait");
        assertEquals(1, one.code(), one.err());
        assertTrue(one.out().startsWith("exercise 02 (relu): FAILING: your code did not finish within 2 s"), one.out());
        assertTrue(one.out().contains("is there a loop that never ends?"), one.out());
        assertEquals("", one.err());
        edit("03", "d[i] *= dout;", "d[i] *= dout / n;");
        CliRun next = run("exercise", "check", "03", "--tries", "3");
        assertEquals(0, next.code(), next.out() + next.err());
    }

    @Test
    void wrongArgumentsGiveOneLineAndExitCode2() {
        CliRun r = run("exercise", "check", "99");
        assertEquals(2, r.code());
        assertEquals("gradcheck exercise check: no exercise '99': expected 01.." + Exercises.all().get(Exercises.all().size() - 1).id()
                + " or a name such as net-gradient "
                + "(see 'gradcheck exercise check --help')" + System.lineSeparator(), r.err());
        CliRun t = run("exercise", "list", "--tries", "0");
        assertEquals(2, t.code());
        assertFalse(t.err().contains("Exception"), t.err());
    }

    @Test
    void aMissingExerciseDirectoryIsOneLineNotACrash() {
        CliRun r = CliRun.of("exercise", "check", "01", "--dir", project.resolve("nowhere").toString(),
                "--project", project.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("FAILING: your code could not be read: "), r.out());
        assertTrue(r.out().contains("no such exercise file; run from the project directory, or give --project or --dir"), r.out());
    }

    @Test
    void gradeWithoutJsonWritesTheDefaultFileAndSaysWhere() throws IOException {
        CliRun r = run("exercise", "grade");
        assertEquals(0, r.code(), r.err());
        Path json = project.resolve("reports/exercises-grades.json");
        assertTrue(Files.readString(json).contains("\"schema\": \"gradcheck-exercises/1\""));
        assertTrue(r.out().endsWith("0 of " + Exercises.all().size() + " passed (seed 20261129); wrote " + json + " and "
                + project.resolve("reports/exercises-grades.html") + "\n"), r.out());
    }

    @Test
    @Hostile(area = "CLI", input = "`exercise grade` in a directory without exercises",
            outcome = "exit 2, `gradcheck exercise grade: no exercises in DIR/src/exercises/java: run from the project directory, or give --project or --dir ...`; nothing written (was `0 of 10 passed`, exit 0)")
    void gradeOutsideAProjectWithExercisesIsAUsageError() {
        Path empty = project.resolve("elsewhere");
        CliRun r = CliRun.of("exercise", "grade", "--project", empty.toString());
        r.assertOneLineError(2, "gradcheck exercise grade: no exercises in " + empty.resolve("src/exercises/java").toAbsolutePath()
                + ": run from the project directory, or give --project or --dir (see 'gradcheck exercise grade --help')");
        assertFalse(Files.exists(empty), "nothing written");
    }
}

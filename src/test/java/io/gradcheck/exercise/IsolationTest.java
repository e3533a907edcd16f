package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.cli.CliRun;
import io.gradcheck.reliability.Hostile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Student code that tries to end, stall or fool the grader, one route per exercise of a project
 * graded once by {@code exercise grade} in this JVM: each child JVM's attack becomes that
 * exercise's BROKEN verdict, the grader's JSON is its own, and the exercises after it are graded.
 * Before the isolation, the first of these routes ended the JVM that ran the tests.
 */
class IsolationTest {
    @TempDir
    static Path project;
    static CliRun grade;
    static String json;

    private static void write(String id, String source) throws IOException {
        Path f = project.resolve("src/exercises/java").resolve(Exercises.byId(id).file());
        Files.createDirectories(f.getParent());
        Files.writeString(f, source, StandardCharsets.UTF_8);
    }

    /** The pristine (or given) source with code inserted after {@code at}. */
    private static String with(String source, String at, String code) {
        assertTrue(source.contains(at), at);
        return source.replaceFirst(Pattern.quote(at), Matcher.quoteReplacement(at + "\n" + code));
    }

    private static String pristine(String id) {
        return Pristine.source(Exercises.byId(id));
    }

    @BeforeAll
    static void gradeAProjectWhoseExercisesAttackTheGrader() throws IOException {
        Path jsonFile = project.resolve("grades.json");
        String forward = "public Tensor forward(Tensor x) {";
        write("01", with(pristine("01"), "backprop(x, t);", "try { Class.forName(\"java.lang.System\")"
                + ".getMethod(\"exit\", int.class).invoke(null, 0); } catch (ReflectiveOperationException e) "
                + "{ throw new IllegalStateException(e); }"));
        write("02", with(pristine("02"), forward, "try { java.lang.invoke.MethodHandles.lookup().findVirtual(Runtime.class, "
                + "\"halt\", java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(Runtime.getRuntime(), 0); "
                + "} catch (Throwable e) { throw new IllegalStateException(e); }"));
        write("03", with(pristine("03"), "public double forward(Tensor x, Labels t) {",
                "io.gradcheck.cli.Main.main(new String[] {\"--version\"});"));
        write("04", with(pristine("04"), forward, "Runtime.getRuntime().addShutdownHook(new Thread(() -> { try { "
                + "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + jsonFile.toString().replace("\\", "\\\\")
                + "\"), \"{\\\"passed\\\": 10, \\\"total\\\": 10}\"); } catch (java.io.IOException e) { } }));\n"
                + "try { Class.forName(\"java.lang.Runtime\").getMethod(\"exit\", int.class).invoke(Runtime.getRuntime(), 0); "
                + "} catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }"));
        String hog = with(ExerciseProofsTest.fixed(Exercises.byId("05")), "public final class Ex05AffineWeights implements Layer {",
                "static final java.util.List<double[]> HOG = new java.util.ArrayList<>();\nstatic volatile boolean full;");
        write("05", with(hog, forward, "if (HOG.isEmpty()) { Thread t = new Thread(() -> { int n = 1 << 20; while (true) { "
                + "try { HOG.add(new double[n]); } catch (OutOfMemoryError e) { full = true; n = Math.max(16, n / 2); "
                + "try { Thread.sleep(1); } catch (InterruptedException i) { } } } }); t.setDaemon(true); t.start(); "
                + "while (!full) { Thread.onSpinWait(); } }"));
        String threads = with(ExerciseProofsTest.fixed(Exercises.byId("06")), "public final class Ex06PoolingArgmax implements Layer {",
                "static boolean started;");
        write("06", with(threads, forward, "if (!started) { started = true; for (int i = 0; i < 200; i++) { "
                + "Thread th = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } }); "
                + "th.setDaemon(true); th.start(); } }"));
        write("07", with(pristine("07"), forward, "try { java.io.FileOutputStream o = new java.io.FileOutputStream("
                + "java.io.FileDescriptor.out); o.write(\"GCVERDCT\".getBytes()); o.write(new byte[64]); o.flush(); "
                + "java.lang.invoke.MethodHandles.lookup().findVirtual(Runtime.class, \"halt\", "
                + "java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(Runtime.getRuntime(), 0); "
                + "} catch (Throwable e) { throw new IllegalStateException(e); }"));
        write("08", ExerciseProofsTest.fixed(Exercises.byId("08")));
        write("09", pristine("09"));
        write("10", ExerciseProofsTest.fixed(Exercises.byId("10")));
        for (Exercise e : Exercises.all().subList(10, Exercises.all().size())) {
            write(e.id(), pristine(e.id()));  // not started: not run
        }
        grade = CliRun.of("exercise", "grade", "--json", jsonFile.toString(), "--project", project.toString());
        json = Files.readString(jsonFile, StandardCharsets.UTF_8);
    }

    /** The JSON object of one exercise. */
    private static String entry(String id) {
        int at = json.indexOf("{\"id\": \"" + id + "\"");
        assertTrue(at >= 0, json);
        return json.substring(at, json.indexOf('\n', at));
    }

    private static void assertBroken(String id, String problem) {
        String e = entry(id);
        assertTrue(e.contains("\"status\": \"failing\", \"passed\": false"), e);
        assertTrue(e.contains("\"problem\": \"" + problem), e);
    }

    @Test
    @Hostile(area = "Student code", input = "System.exit(0) reached by reflection, in gradient() (CLI grade)",
            outcome = "BROKEN, `ended its JVM before the check gave its result (no result): does it call System.exit, ...`; the grader goes on")
    void exitByReflectionIsBrokenAndTheGraderGoesOn() {
        assertBroken("01", "ended its JVM before the check gave its result (no result): does it call System.exit, "
                + "Runtime.halt or a main method");
        assertEquals(0, grade.code(), grade.err());
    }

    @Test
    @Hostile(area = "Student code", input = "Runtime.halt(0) reached through MethodHandles (CLI grade)",
            outcome = "BROKEN, `ended its JVM before the check gave its result (no result): ...`")
    void haltThroughMethodHandlesIsBroken() {
        assertBroken("02", "ended its JVM before the check gave its result (no result)");
    }

    @Test
    @Hostile(area = "Student code", input = "`io.gradcheck.cli.Main.main(\"--version\")` called from forward: exit code 0 (CLI grade)",
            outcome = "BROKEN, `ended its JVM before the check gave its result (no result): ...`")
    void theGradersOwnMainCalledFromStudentCodeIsBroken() {
        assertBroken("03", "ended its JVM before the check gave its result (no result)");
    }

    @Test
    @Hostile(area = "Student code", input = "a shutdown hook that rewrites the --json file to say 10 of 10, then exit by reflection (CLI grade)",
            outcome = "BROKEN; the grader writes its JSON after every child JVM has ended, so the file is the grader's: `\"passed\": 2`")
    void aShutdownHookCannotRewriteTheGradersJson() {
        assertBroken("04", "ended its JVM before the check gave its result (no result)");
        assertTrue(json.startsWith("{\n  \"schema\": \"gradcheck-exercises/1\""), json);
        assertTrue(json.contains("\n  \"passed\": 2,\n  \"total\": " + Exercises.all().size() + ",\n"), json);
        assertTrue(grade.out().contains("2 of " + Exercises.all().size() + " passed"), grade.out());
    }

    @Test
    @Hostile(area = "Student code", input = "a thread that fills the heap and holds it, in an Affine whose bug is fixed (CLI grade)",
            outcome = "BROKEN: `ran out of memory (the check's heap is limited to 256mB) ...` or `threw java.lang.OutOfMemoryError ...`; the exercises after it are graded")
    void aThreadThatHoldsTheHeapIsBrokenAndTheNextExercisesAreGraded() {
        String e = entry("05");
        assertTrue(e.matches(".*\"status\": \"failing\", \"passed\": false.*\"problem\": \"(ran out of memory \\(the check's heap "
                + "is limited to 256mB\\)|threw java\\.lang\\.OutOfMemoryError).*"), e);
        assertTrue(entry("08").contains("\"status\": \"passed\""), entry("08"));
        assertTrue(entry("10").contains("\"status\": \"passed\""), entry("10"));
        assertTrue(entry("09").contains("\"status\": \"not started\""), entry("09"));
    }

    @Test
    @Hostile(area = "Student code", input = "a correct layer that leaves 200 threads running (CLI grade)",
            outcome = "BROKEN, `left 200 threads running after the check (Thread-0, ...): a layer computes its result in the calling thread and starts none`")
    void aCorrectLayerThatLeavesThreadsRunningIsBroken() {
        assertBroken("06", "left 200 threads running after the check (Thread-");
        assertTrue(entry("06").contains("a layer computes its result in the calling thread and starts none"), entry("06"));
    }

    @Test
    @Hostile(area = "Student code", input = "a forged result written to FileDescriptor.out, then halt(0) (CLI grade)",
            outcome = "BROKEN, `ended its JVM before the check gave its result (output that is not the harness's result): ...`")
    void aForgedResultIsBroken() {
        assertBroken("07", "ended its JVM before the check gave its result (output that is not the harness's result)");
    }
}

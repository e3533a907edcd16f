package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.BugKind;
import io.gradcheck.exercise.Outcome.State;
import io.gradcheck.reliability.Hostile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Whatever a student's code does, the harness reports it for that exercise and carries on: code
 * that does not compile, throws, returns the wrong shape or NaN, or never returns.
 */
class StudentCodeRobustnessTest {
    private static final ExerciseSettings FAST = ExerciseSettings.DEFAULT.withTries(5).withTimeout(Duration.ofSeconds(20));
    private static final Exercise RELU = Exercises.byId("02");

    /** The pristine ReLU with one piece of text replaced. */
    private static Outcome reluWith(String from, String to, ExerciseSettings s) {
        String src = Pristine.source(RELU);
        assertTrue(src.contains(from), from);
        return ExerciseCheck.source(RELU, src.replace(from, to), s);
    }

    private static String text(Outcome o) {
        return Feedback.of(o, "Ex02Relu.java", new Progress.Tally(1, 0), null);
    }

    @Test
    @Hostile(area = "Student code", input = "code that does not compile", outcome = "BROKEN, `does not compile:` then `Ex02Relu.java:LINE` and the compiler's message")
    void codeThatDoesNotCompileIsReportedWithFileAndLine() {
        Outcome o = reluWith("return dx;", "return dx", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().startsWith("does not compile:\nEx02Relu.java:"), o.problem());
        assertTrue(text(o).startsWith("exercise 02 (relu): FAILING: your code does not compile:"), text(o));
    }

    @Test
    @Hostile(area = "Student code", input = "forward throws", outcome = "BROKEN, `threw java.lang.IllegalStateException: boom, at Ex02Relu.java:LINE in forward()`")
    void forwardThatThrowsIsReportedWithTheStudentsLine() {
        Outcome o = reluWith("mask = new boolean[xd.length];", "mask = new boolean[xd.length];\n"
                + "        if (xd.length > 0) throw new IllegalStateException(\"boom\");", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("threw java.lang.IllegalStateException: boom, at Ex02Relu.java:\\d+ in forward\\(\\)"),
                o.problem());
    }

    @Test
    @Hostile(area = "Student code", input = "backward throws", outcome = "FAILING, `your code threw an exception while computing dx: ... ArithmeticException: oops`")
    void backwardThatThrowsFailsTheCheckAndSaysSo() {
        Outcome o = reluWith("Tensor dx = Tensor.zeros(shape);", "Tensor dx = Tensor.zeros(shape);\n"
                + "        if (dx.size() > 0) throw new ArithmeticException(\"oops\");", FAST);
        assertEquals(State.FAILING, o.state());
        assertTrue(text(o).contains("your code threw an exception while computing dx"), text(o));
        assertTrue(text(o).contains("ArithmeticException: oops"), text(o));
    }

    @Test
    @Hostile(area = "Student code", input = "backward returns the wrong shape", outcome = "FAILING, diagnosed SHAPE_MISMATCH: `dx does not even have the shape of its tensor`")
    void backwardOfTheWrongShapeIsDiagnosedAsSuch() {
        Outcome o = reluWith("return dx;\n    }\n\n    /** The branch", "return dx.reshape(-1);\n    }\n\n    /** The branch", FAST);
        assertEquals(State.FAILING, o.state());
        assertEquals(BugKind.SHAPE_MISMATCH, o.found().result().param("x").diagnosis().kind());
        assertTrue(text(o).contains("dx does not even have the shape of its tensor"), text(o));
    }

    @Test
    @Hostile(area = "Student code", input = "backward returns NaN", outcome = "FAILING, diagnosed NOT_FINITE: `dx contains NaN or infinity`")
    void backwardThatReturnsNaNIsDiagnosedAsNotFinite() {
        Outcome o = reluWith("dxd[i] = mask[i] ? dd[i] : 0.0;", "dxd[i] = Double.NaN;", FAST);
        assertEquals(State.FAILING, o.state());
        assertEquals(BugKind.NOT_FINITE, o.found().result().param("x").diagnosis().kind());
        assertTrue(text(o).contains("dx contains NaN or infinity"), text(o));
    }

    @Test
    @Hostile(area = "Student code", input = "code that never returns", outcome = "BROKEN after the timeout (2 s here), `did not finish within 2 s (it was at Ex02Relu.java:LINE in backward()): is there a loop that never ends?`; the next check passes")
    void codeThatNeverReturnsTimesOutAndTheHarnessGoesOn() {
        long t0 = System.nanoTime();
        // the loop ends only when the harness interrupts it at the timeout, so it does not spin on in the build's JVM
        Outcome o = reluWith("double[] dd = dout.data();", "double[] dd = dout.data();\n"
                + "        while (!Thread.currentThread().isInterrupted()) { }", FAST.withTimeout(Duration.ofSeconds(2)));
        assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "the timeout did not stop the wait");
        assertEquals(State.BROKEN, o.state());
        // where the thread was depends on how far it got in the time: on a loaded machine, maybe not yet into backward
        assertTrue(o.problem().matches("did not finish within 2 s( \\(it was at Ex02Relu\\.java:\\d+ in \\w+\\(\\)\\))?: "
                + "is there a loop that never ends\\?"), o.problem());
        Outcome next = ExerciseCheck.source(RELU, ExerciseProofsTest.fixed(RELU), FAST);
        assertEquals(State.PASSED, next.state(), "the next check still runs");
    }

    @Test
    @Hostile(area = "Student code", input = "a changed constructor", outcome = "BROKEN, `Ex04AffineBias needs a public constructor (Tensor, Tensor), as the layer it copies has; keep the constructor as it was`")
    void aChangedConstructorIsNamedInTheMessage() {
        Exercise affine = Exercises.byId("04");
        String src = Pristine.source(affine).replace("public Ex04AffineBias(Tensor W, Tensor b)",
                "public Ex04AffineBias(Tensor W, Tensor b, int extra)");
        Outcome o = ExerciseCheck.source(affine, src, FAST);
        assertEquals(State.BROKEN, o.state());
        assertEquals("Ex04AffineBias needs a public constructor (Tensor, Tensor), as the layer it copies has; "
                + "keep the constructor as it was", o.problem());
    }

    @Test
    @Hostile(area = "Student code", input = "forward changed to hide the bug", outcome = "BROKEN, `changed what forward computes: on x [...], its output element 0 is ... The bug is in the gradient; put forward back as it was`")
    void aForwardChangedToHideTheBugIsRefused() {
        Outcome o = reluWith("od[i] = mask[i] ? 0.0 : xd[i];", "od[i] = 0.0;", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("changed what forward computes: on x \\[\\d, \\d, \\d, \\d], its output element 0 is 0\\.0+ "
                + "where the layer's is [0-9.]+\\. .*"), o.problem());
        assertTrue(o.problem().endsWith("The bug is in the gradient; put forward back as it was"), o.problem());
    }

    @Test
    @Hostile(area = "Student code", input = "code that calls System.exit, Runtime.exit or Runtime.halt",
            outcome = "BROKEN and not run: `would end the JVM that checks it before the check gives its result, so it was not run:` then "
                    + "`Ex02Relu.java:LINE calls System.exit` for each call; the next check passes")
    void codeThatWouldEndTheJvmIsNotRunAndEachCallIsNamed() {
        // were this not caught before the code runs, the test JVM itself would end here
        Outcome o = reluWith("double[] dd = dout.data();", "double[] dd = dout.data();\n"
                + "        if (dd.length < 0) System.exit(1);\n"
                + "        if (dd.length < 0) Runtime.getRuntime().halt(2);\n"
                + "        java.util.function.IntConsumer quit = System::exit;", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("would end the JVM that checks it before the check gives its result, so it was not run:\n"
                + "Ex02Relu\\.java:(\\d+) calls System\\.exit\n"
                + "Ex02Relu\\.java:\\d+ calls Runtime\\.halt\n"
                + "Ex02Relu\\.java:\\d+ calls System\\.exit\n"
                + "throw an exception instead"), o.problem());
        assertEquals(State.PASSED, ExerciseCheck.source(RELU, ExerciseProofsTest.fixed(RELU), FAST).state(),
                "the next check still runs");
    }

    @Test
    @Hostile(area = "Student code", input = "code that allocates an array too large for the JVM",
            outcome = "BROKEN, `threw java.lang.OutOfMemoryError: ..., at Ex02Relu.java:LINE in forward()`; the next check passes")
    void codeThatRunsOutOfMemoryIsReportedAndTheHarnessGoesOn() {
        Outcome o = reluWith("mask = new boolean[xd.length];", "mask = new boolean[xd.length];\n"
                + "        double[] hog = new double[Integer.MAX_VALUE];  // beyond any VM's array limit, whatever the heap\n"
                + "        hog[0] = xd[0];", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("threw java\\.lang\\.OutOfMemoryError: .*, at Ex02Relu\\.java:\\d+ in forward\\(\\)"),
                o.problem());
        assertEquals(State.PASSED, ExerciseCheck.source(RELU, ExerciseProofsTest.fixed(RELU), FAST).state(),
                "the next check still runs");
    }

    @Test
    void aMethodOfYourOwnNamedExitIsNoExitCall() {
        String src = Pristine.source(RELU).replace("public final class Ex02Relu implements Layer {",
                "public final class Ex02Relu implements Layer {\n    private static void exit(int code) {\n    }\n")
                .replace("double[] dd = dout.data();", "double[] dd = dout.data();\n        exit(dd.length);");
        Outcome o = ExerciseCheck.source(RELU, src, FAST);
        assertEquals(State.FAILING, o.state(), "the pristine bug is found, so the code ran: " + o.problem());
    }

    @Test
    void aRenamedClassIsACompileErrorThatNamesTheFile() {
        Outcome o = reluWith("public final class Ex02Relu", "public final class Relu2", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().contains("Ex02Relu.java:"), o.problem());
    }

    @Test
    @Hostile(area = "Student code", input = "forward returns null",
            outcome = "BROKEN, `your code returned null from forward: forward must return its output, a new tensor`")
    void forwardThatReturnsNullIsReportedAsSuch() {
        Outcome o = reluWith("return out;", "return null;", FAST);
        assertEquals(State.BROKEN, o.state());
        assertEquals("returned null from forward: forward must return its output, a new tensor", o.problem());
        assertTrue(text(o).startsWith("exercise 02 (relu): FAILING: your code returned null from forward: "), text(o));
    }

    @Test
    @Hostile(area = "Student code", input = "backward returns null",
            outcome = "FAILING, `x: backward returned null`; advice `your backward returned null: it must return dx, ...`")
    void backwardThatReturnsNullIsReportedAsSuch() {
        Outcome o = reluWith("return dx;\n    }\n\n    /** The branch", "return null;\n    }\n\n    /** The branch", FAST);
        assertEquals(State.FAILING, o.state());
        assertEquals("x: backward returned null", o.found().result().param("x").problem());
        assertTrue(text(o).contains("your backward returned null: it must return dx, a new tensor of the input's shape."),
                text(o));
    }

    @Test
    @Hostile(area = "Student code", input = "forward mutates its input x",
            outcome = "BROKEN, `modified forward's argument x: element 0 was ... and is now 0.500000. Leave x as it was and "
                    + "write the output into a new tensor` (was misreported as a changed forward)")
    void forwardThatWritesIntoItsInputIsReportedAsSuch() {
        Outcome o = reluWith("od[i] = mask[i] ? 0.0 : xd[i];", "od[i] = mask[i] ? 0.0 : xd[i];\n            xd[i] = 0.5;", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("modified forward's argument x: element 0 was -?[0-9.]+ and is now 0\\.500000\\. "
                + "Leave x as it was and write the output into a new tensor"), o.problem());
    }

    @Test
    @Hostile(area = "Student code", input = "backward mutates its input dout",
            outcome = "FAILING, `x: Ex02Relu.backward modified its argument dout`; advice names it (was `at null your code gives NaN`)")
    void backwardThatWritesIntoDoutIsReportedAsSuch() {
        Outcome o = reluWith("dxd[i] = mask[i] ? dd[i] : 0.0;", "dxd[i] = mask[i] ? dd[i] : 0.0;\n            dd[i] = 0;", FAST);
        assertEquals(State.FAILING, o.state());
        assertEquals("x: Ex02Relu.backward modified its argument dout", o.found().result().param("x").problem());
        assertTrue(text(o).contains("your code changed a tensor it was handed (x: Ex02Relu.backward modified its argument "
                + "dout): write dx into a new tensor and leave dout as it was; the layer above still needs it."), text(o));
    }

    @Test
    @Hostile(area = "Student code", input = "a SoftmaxWithLoss forward that mutates its scores",
            outcome = "BROKEN, `modified forward's argument x: element 0 was ... and is now 0.00000. ...`")
    void aLossForwardThatWritesIntoTheScoresIsReportedAsSuch() {
        Exercise loss = Exercises.byId("03");
        String src = Pristine.source(loss);
        String from = "public double forward(Tensor x, Labels t) {";
        assertTrue(src.contains(from), src);
        Outcome o = ExerciseCheck.source(loss, src.replace(from, from + "\n        x.set(0, 0.0);"), FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("modified forward's argument x: element 0 was -?[0-9.e+-]+ and is now 0\\.00000\\. "
                + "Leave x as it was and write the output into a new tensor"), o.problem());
    }

    @Test
    @Hostile(area = "Student code", input = "forward returns the wrong shape",
            outcome = "BROKEN, `changed what forward computes: on x [...], its output has shape [90] where the layer's has [...]`")
    void forwardOfTheWrongShapeIsRefusedNamingBothShapes() {
        Outcome o = reluWith("return out;", "return out.reshape(-1);", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("changed what forward computes: on x \\[(\\d), (\\d), (\\d), (\\d)], its output has "
                + "shape \\[\\d+] where the layer's has \\[\\1, \\2, \\3, \\4]\\. The bug is in the gradient; put forward "
                + "back as it was"), o.problem());
    }

    @Test
    @Hostile(area = "Student code", input = "forward recurses without end",
            outcome = "BROKEN, `recursed without end (StackOverflowError), at Ex02Relu.java:LINE in forward()`")
    void forwardThatRecursesWithoutEndIsReportedAsSuch() {
        Outcome o = reluWith("double[] xd = x.data();", "if (x.size() > 0) return forward(x);\n        double[] xd = x.data();", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("recursed without end \\(StackOverflowError\\), at Ex02Relu\\.java:\\d+ in forward\\(\\)"),
                o.problem());
    }
}

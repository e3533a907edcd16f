package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.BugKind;
import io.gradcheck.exercise.Outcome.State;
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
    void codeThatDoesNotCompileIsReportedWithFileAndLine() {
        Outcome o = reluWith("return dx;", "return dx", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().startsWith("does not compile:\nEx02Relu.java:"), o.problem());
        assertTrue(text(o).startsWith("exercise 02 (relu): FAILING: your code does not compile:"), text(o));
    }

    @Test
    void forwardThatThrowsIsReportedWithTheStudentsLine() {
        Outcome o = reluWith("mask = new boolean[xd.length];", "mask = new boolean[xd.length];\n"
                + "        if (xd.length > 0) throw new IllegalStateException(\"boom\");", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("threw java.lang.IllegalStateException: boom, at Ex02Relu.java:\\d+ in forward\\(\\)"),
                o.problem());
    }

    @Test
    void backwardThatThrowsFailsTheCheckAndSaysSo() {
        Outcome o = reluWith("Tensor dx = Tensor.zeros(shape);", "Tensor dx = Tensor.zeros(shape);\n"
                + "        if (dx.size() > 0) throw new ArithmeticException(\"oops\");", FAST);
        assertEquals(State.FAILING, o.state());
        assertTrue(text(o).contains("your code threw an exception while computing dx"), text(o));
        assertTrue(text(o).contains("ArithmeticException: oops"), text(o));
    }

    @Test
    void backwardOfTheWrongShapeIsDiagnosedAsSuch() {
        Outcome o = reluWith("return dx;\n    }\n\n    /** The branch", "return dx.reshape(-1);\n    }\n\n    /** The branch", FAST);
        assertEquals(State.FAILING, o.state());
        assertEquals(BugKind.SHAPE_MISMATCH, o.found().result().param("x").diagnosis().kind());
        assertTrue(text(o).contains("dx does not even have the shape of its tensor"), text(o));
    }

    @Test
    void backwardThatReturnsNaNIsDiagnosedAsNotFinite() {
        Outcome o = reluWith("dxd[i] = mask[i] ? dd[i] : 0.0;", "dxd[i] = Double.NaN;", FAST);
        assertEquals(State.FAILING, o.state());
        assertEquals(BugKind.NOT_FINITE, o.found().result().param("x").diagnosis().kind());
        assertTrue(text(o).contains("dx contains NaN or infinity"), text(o));
    }

    @Test
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
    void aForwardChangedToHideTheBugIsRefused() {
        Outcome o = reluWith("od[i] = mask[i] ? 0.0 : xd[i];", "od[i] = 0.0;", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().matches("changed what forward computes: on x \\[\\d, \\d, \\d, \\d], its output element 0 is 0\\.0+ "
                + "where the layer's is [0-9.]+\\. .*"), o.problem());
        assertTrue(o.problem().endsWith("The bug is in the gradient; put forward back as it was"), o.problem());
    }

    @Test
    void aRenamedClassIsACompileErrorThatNamesTheFile() {
        Outcome o = reluWith("public final class Ex02Relu", "public final class Relu2", FAST);
        assertEquals(State.BROKEN, o.state());
        assertTrue(o.problem().contains("Ex02Relu.java:"), o.problem());
    }
}

package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.Diagnosis;
import io.gradcheck.exercise.Outcome.State;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The instructor's proofs, from the pristine copies shipped in the build and never from the
 * student's files: every pristine exercise fails with its expected gradient and diagnosis, the
 * reference solution in its place passes, and the one-line fix of the pristine file passes too.
 */
class ExerciseProofsTest {
    static final ExerciseSettings SETTINGS = ExerciseSettings.DEFAULT;

    /** Per exercise: the buggy text of the pristine file and its fix, as a student would write it. */
    static final Map<String, String[]> FIXES = Map.ofEntries(
            Map.entry("01", new String[] {"grads.put(\"b2\", affine1.grads().get(\"W\"));", "grads.put(\"b2\", affine1.grads().get(\"b\"));"}),
            Map.entry("02", new String[] {"dxd[i] = mask[i] ? dd[i] : 0.0;", "dxd[i] = mask[i] ? 0.0 : dd[i];"}),
            Map.entry("03", new String[] {"d[i] *= dout;", "d[i] *= dout / n;"}),
            Map.entry("04", new String[] {"db.set(j, dout.get(j));", "for (int i = 0; i < dout.dim(0); i++) {\n"
                    + "                db.set(j, db.get(j) + dout.get(i * m + j));\n            }"}),
            Map.entry("05", new String[] {"dW = Ops.matmulTransA(dout, x2);", "dW = Ops.matmulTransA(x2, dout);"}),
            Map.entry("06", new String[] {"k % poolH - pad;   // the max's row in x\n                    int xx = ox * stride + k / poolH",
                    "k / poolW - pad;   // the max's row in x\n                    int xx = ox * stride + k % poolW"}),
            Map.entry("07", new String[] {"int y = oy + k / poolW - pad;", "int y = oy * stride + k / poolW - pad;",
                    "int xx = ox + k % poolW - pad;", "int xx = ox * stride + k % poolW - pad;"}),
            Map.entry("08", new String[] {"xd[((bn * c + ch) * h + y) * w + xx] = cd[k];", "xd[((bn * c + ch) * h + y) * w + xx] += cd[k];"}),
            Map.entry("09", new String[] {"dW = Ops.matmulTransA(col, d).reshape(W.shape());", "dW = Ops.matmulTransA(d, col).reshape(W.shape());"}),
            Map.entry("10", new String[] {"int y = oy * stride + i;", "int y = oy * stride + i - pad;",
                    "int xx = ox * stride + j;", "int xx = ox * stride + j - pad;"}),
            Map.entry("11", new String[] {"int y = oy + i - pad;", "int y = oy * stride + i - pad;",
                    "int xx = ox + j - pad;", "int xx = ox * stride + j - pad;"}),
            Map.entry("12", new String[] {"dxd[(nc * h + y) * w + xx] = dd[o];", "dxd[(nc * h + y) * w + xx] += dd[o];"}),
            Map.entry("13", new String[] {"argmax = new int[c * outH * outW];", "argmax = new int[od.length];",
                    "argmax[o % argmax.length] = arg;", "argmax[o] = arg;",
                    "int k = argmax[o % argmax.length];", "int k = argmax[o];"}),
            Map.entry("14", new String[] {"for (int i = 0; i < fw; i++) {", "for (int i = 0; i < fh; i++) {",
                    "for (int j = 0; j < fh; j++, k++) {", "for (int j = 0; j < fw; j++, k++) {"}),
            Map.entry("15", new String[] {"dW = dW == null ? g : Ops.add(dW, g);", "dW = g;"}),
            Map.entry("16", new String[] {"double s = yt / (yt + 1e-7);", "double s = 1;"}));

    static Stream<Exercise> exercises() {
        return Exercises.all().stream();
    }

    /** The pristine source with its fix applied; fails if a buggy text is not found exactly once. */
    static String fixed(Exercise e) {
        String s = Pristine.source(e);
        String[] f = FIXES.get(e.id());
        for (int i = 0; i < f.length; i += 2) {
            assertEquals(s.indexOf(f[i]), s.lastIndexOf(f[i]), e.label() + ": '" + f[i] + "' must occur once");
            assertNotEquals(-1, s.indexOf(f[i]), e.label() + ": '" + f[i] + "' not found");
            s = s.replace(f[i], f[i + 1]);
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void pristineExerciseFailsOnItsGradientWithItsExpectedDiagnosis(Exercise e) {
        Outcome o = ExerciseCheck.source(e, Pristine.source(e), SETTINGS);
        assertEquals(State.FAILING, o.state(), () -> e.label() + ": " + o.problem());
        String msg = o.found().message();
        assertEquals(List.of(e.wrong()), Feedback.wrong(o.found().result()), msg);
        Diagnosis d = o.found().result().param(e.wrong()).diagnosis();
        if (e.expected().isEmpty()) {  // no element is off: an identity of backprop catches it, and blames the gradient
            assertTrue(d == null && o.found().result().detectors().stream().anyMatch(r -> r.caught()), msg);
            return;
        }
        assertTrue(d != null && e.expected().contains(d.kind()), () -> e.label() + ": expected one of " + e.expected()
                + ", got " + d + "\n" + msg);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void referenceSolutionInPlaceOfTheExercisePasses(Exercise e) {
        Outcome o = ExerciseCheck.type(e, e.target().reference(), SETTINGS);
        assertEquals(State.PASSED, o.state(), () -> e.label() + " with " + e.target().reference().getSimpleName() + ": "
                + (o.found() == null ? o.problem() : o.found().message()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void pristineExerciseWithItsOneBugFixedPasses(Exercise e) {
        Outcome o = ExerciseCheck.source(e, fixed(e), SETTINGS);
        assertEquals(State.PASSED, o.state(), () -> e.label() + " fixed: " + (o.found() == null ? o.problem() : o.found().message()));
    }
}

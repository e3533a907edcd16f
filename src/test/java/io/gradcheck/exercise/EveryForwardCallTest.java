package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.exercise.Outcome.State;
import io.gradcheck.reliability.Hostile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The check compares backward with central differences of forward, so a forward that computes the
 * layer's function on its first call and another afterwards could make a buggy backward pass. Every
 * call is compared with the reference. Before this, each of these buggy exercises was graded PASSED.
 */
class EveryForwardCallTest {
    private static final ExerciseSettings FAST = ExerciseSettings.DEFAULT.withTries(5).withTimeout(Duration.ofSeconds(30));

    private static Outcome edited(String id, String... fromTo) {
        Exercise e = Exercises.byId(id);
        String src = Pristine.source(e);
        for (int i = 0; i < fromTo.length; i += 2) {
            assertTrue(src.contains(fromTo[i]), fromTo[i]);
            src = src.replace(fromTo[i], fromTo[i + 1]);
        }
        return ExerciseCheck.source(e, src, FAST);
    }

    @Test
    @Hostile(area = "Student code", input = "a ReLU forward that is right on its first call and min(0, x) after it, to match the buggy backward",
            outcome = "BROKEN, `changed what forward computes: on x [...] (forward call 2), its output element ... The bug is in the gradient; ...` (was PASSED)")
    void aLayerForwardThatChangesAfterItsFirstCallIsRefused() {
        Outcome o = edited("02", "private int[] shape;", "private int[] shape;\n    private int calls;",
                "od[i] = mask[i] ? 0.0 : xd[i];", "od[i] = calls > 0 ? (mask[i] ? xd[i] : 0.0) : (mask[i] ? 0.0 : xd[i]);",
                "        return out;\n    }", "        calls++;\n        return out;\n    }");
        assertEquals(State.BROKEN, o.state(), () -> String.valueOf(o.problem()));
        assertTrue(o.problem().matches("changed what forward computes: on x \\[[\\d, ]+] \\(forward call \\d+\\), its output "
                + "element \\d+ is .* The bug is in the gradient; put forward back as it was"), o.problem());
    }

    @Test
    @Hostile(area = "Student code", input = "a SoftmaxWithLoss forward that returns N times the loss after its first call, to match the buggy backward",
            outcome = "BROKEN, `changed what forward computes: on scores [...] (forward call 2), its loss is ...` (was PASSED)")
    void aLossForwardThatChangesAfterItsFirstCallIsRefused() {
        Outcome o = edited("03", "private Labels t;", "private Labels t;\n    private int calls;",
                "return loss / n;", "return calls++ > 0 ? loss : loss / n;");
        assertEquals(State.BROKEN, o.state(), () -> String.valueOf(o.problem()));
        assertTrue(o.problem().matches("changed what forward computes: on scores \\[\\d, \\d] \\(forward call \\d+\\), its loss is "
                + ".* The bug is in the gradient; put forward back as it was"), o.problem());
    }

    @Test
    @Hostile(area = "Student code", input = "exercise 01 with loss() overridden",
            outcome = "BROKEN, `Ex01NetGradient overrides loss(Tensor, Labels) of SimpleConvNet: exercise 01 is about gradient(); ...`")
    void aNetThatOverridesMoreThanGradientIsRefused() {
        Outcome o = edited("01", "    @Override\n    public Map<String, Tensor> gradient", "    @Override\n"
                + "    public double loss(Tensor x, io.gradcheck.layer.Labels t) {\n        return super.loss(x, t);\n    }\n\n"
                + "    @Override\n    public Map<String, Tensor> gradient");
        assertEquals(State.BROKEN, o.state(), () -> String.valueOf(o.problem()));
        assertEquals("Ex01NetGradient overrides loss(Tensor, Labels) of SimpleConvNet: exercise 01 is about gradient(); "
                + "leave the rest of the net as SimpleConvNet has it", o.problem());
    }

    @Test
    void aLayerThatKeepsStateButComputesTheSameForwardStillPasses() {
        Outcome o = edited("02", "private int[] shape;", "private int[] shape;\n    private int calls;",
                "dxd[i] = mask[i] ? dd[i] : 0.0;", "dxd[i] = mask[i] ? 0.0 : dd[i];",
                "        return out;\n    }", "        calls++;\n        return out;\n    }");
        assertEquals(State.PASSED, o.state(), () -> String.valueOf(o.problem()));
    }
}

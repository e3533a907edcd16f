package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class CheckerTest {
    private final Well19937c rng = new Well19937c(3);

    @Test
    void parametersAndInputAreRestoredBitForBit() {
        Affine affine = new Affine(Tensor.randn(rng, 1, 6, 3), Tensor.randn(rng, 1, 3));
        Tensor W = affine.params().get("W").copy(), b = affine.params().get("b").copy();
        Tensor x = Tensor.randn(rng, 1, 2, 6), xCopy = x.copy();
        GradientCheck.of(affine).input(x).seed(1).run().assertPassed();
        assertArrayEquals(W.data(), affine.params().get("W").data(), 0.0);
        assertArrayEquals(b.data(), affine.params().get("b").data(), 0.0);
        assertArrayEquals(xCopy.data(), x.data(), 0.0);
    }

    @Test
    void aReluKinkInsideTheStepIsSkippedNotReported() {
        Tensor x = Tensor.of(new double[] {0.3, 1e-6, -0.4, 0.8}, 1, 4);  // 1e-6 is inside the step h = 1e-5 and its retry h/4
        CheckResult r = GradientCheck.of(new Relu()).input(x).seed(1).run();
        ParamResult dx = r.param("x");
        assertEquals(Status.PASSED, dx.status(), r.table());
        assertEquals(1, dx.skipped());
        assertEquals(3, dx.checked());
        // without the skip this would be a false alarm: the central difference there is about half the slope
        Relu relu = new Relu();
        Tensor g = Tensor.randn(new Well19937c(1), 1, 1, 4);
        Tensor xp = x.copy();
        double num = Ops.centralDifference(xp, 1, 1e-5, () -> Ops.dot(relu.forward(xp), g));
        assertEquals(0.55 * g.get(1), num, 1e-9);
    }

    @Test
    void aReluElementWithinHButNotWithinAQuarterOfItIsComparedAtTheSmallerStep() {
        Tensor x = Tensor.of(new double[] {0.3, 4e-6, -0.4, 0.8}, 1, 4);  // crossed by h = 1e-5, not by h/4
        ParamResult dx = GradientCheck.of(new Relu()).input(x).seed(1).run().param("x");
        assertEquals(Status.PASSED, dx.status());
        assertEquals(0, dx.skipped(), "before the retry at h/4, this element was skipped");
        assertEquals(4, dx.checked());
    }

    @Test
    void aMaxPoolTieIsSkippedNotReported() {
        // two maxima tie in the first window; the second has one, so the check still carries signal
        Tensor x = Tensor.of(new double[] {2, 2, 5, 3, 0, 1, 1, 0}, 1, 1, 2, 4);
        CheckResult r = GradientCheck.of(new Pooling(2, 2, 2, 0)).input(x).seed(1).run();
        assertEquals(2, r.param("x").skipped(), r.table());
        assertEquals(Status.PASSED, r.status(), r.table());
    }

    @Test
    void tooManySkippedElementsMakeTheCheckInconclusiveNotPassed() {
        CheckResult r = GradientCheck.of(new Relu()).input(Tensor.zeros(2, 3)).seed(1).run();
        assertEquals(Status.INCONCLUSIVE, r.status());
        assertEquals(6, r.param("x").skipped());
        AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
        assertEquals("Gradient check of Relu INCONCLUSIVE (seed 1, input [2, 3]): 1 of 1 gradients not passed\n"
                + "  x: INCONCLUSIVE, no element compared: every step crossed a kink; 0 checked, 6 skipped at kinks",
                e.getMessage());
    }

    /** A layer with f(x) = x * W whose backward returns whatever the test says. */
    private static final class Rigged implements Layer {
        final Tensor W = Tensor.of(new double[] {2.0}, 1);
        final Map<String, Tensor> grads = new LinkedHashMap<>();
        Tensor dx;
        Tensor x;

        @Override
        public Tensor forward(Tensor x) {
            this.x = x;
            return Ops.scale(x, W.get(0));
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dx != null ? dx : Ops.scale(dout, W.get(0));
        }

        @Override
        public Map<String, Tensor> params() {
            return Map.of("W", W);
        }

        @Override
        public Map<String, Tensor> grads() {
            return grads;
        }
    }

    @Test
    void missingNullMisshapenAndNonFiniteGradientsFailWithClearMessages() {
        Tensor x = Tensor.of(new double[] {1, -2, 3}, 3);
        Rigged missing = new Rigged();
        assertEquals("W: gradient is missing from the gradient map, which is empty",
                GradientCheck.of(missing).input(x).run().param("W").problem());

        Rigged renamed = new Rigged();
        renamed.grads.put("dW", Tensor.of(new double[] {1}, 1));
        assertEquals("W: gradient is missing from the gradient map, which has [dW]",
                GradientCheck.of(renamed).input(x).run().param("W").problem(), "the names that were returned are listed");

        Rigged nul = new Rigged();
        nul.grads.put("W", null);
        assertEquals("W: gradient is null", GradientCheck.of(nul).input(x).run().param("W").problem());

        Rigged shaped = new Rigged();
        shaped.grads.put("W", Tensor.zeros(3));
        assertEquals("W: gradient has shape [3] but the parameter has shape [1]; it has the shape of x",
                GradientCheck.of(shaped).input(x).run().param("W").problem());

        Rigged nan = new Rigged();
        nan.grads.put("W", Tensor.of(new double[] {Double.NaN}, 1));
        assertEquals("W: analytic gradient is NaN at W[i=0]", GradientCheck.of(nan).input(x).run().param("W").problem());

        Rigged inf = new Rigged();
        inf.grads.put("W", Tensor.zeros(1));
        inf.dx = Tensor.of(new double[] {0, Double.POSITIVE_INFINITY, 0}, 3);
        assertEquals("x: analytic gradient is Infinity at x[i=1]", GradientCheck.of(inf).input(x).run().param("x").problem());
    }

    @Test
    void aBackwardThatWritesIntoDoutOrThrowsIsReported() {
        Layer inPlace = new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return x.copy();
            }

            @Override
            public Tensor backward(Tensor dout) {
                dout.set(0, 0.0);  // the book's Relu.backward writes into dout like this
                return dout;
            }
        };
        CheckResult r = GradientCheck.of(inPlace).input(Tensor.of(new double[] {1, 2}, 2)).seed(5).run();
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.param("x").problem().endsWith(".backward modified its argument dout"), r.param("x").problem());

        Layer throwing = new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return x.copy();
            }

            @Override
            public Tensor backward(Tensor dout) {
                throw new IllegalArgumentException("Ops.matmul: inner dimensions differ: [2, 3] and [4, 5]");
            }
        };
        CheckResult t = GradientCheck.of(throwing).input(Tensor.of(new double[] {1, 2}, 2)).run();
        assertTrue(t.param("x").problem().matches(".* backprop threw IllegalArgumentException: "
                + "Ops\\.matmul: inner dimensions differ: \\[2, 3\\] and \\[4, 5\\], at CheckerTest\\.java:\\d+ in backward"),
                t.param("x").problem());
        assertEquals(BugKind.THREW, t.param("x").diagnosis().kind());
        AssertionError e = assertThrows(AssertionError.class, t::assertPassed);
        assertTrue(e.getCause() instanceof IllegalArgumentException, "the exception is kept as the cause: " + e.getCause());
    }

    @Test
    void aForwardThatThrowsIsReportedNotThrown() {
        Layer broken = new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                throw new IllegalStateException("index 7 out of bounds");
            }

            @Override
            public Tensor backward(Tensor dout) {
                return dout.copy();
            }
        };
        CheckResult r = GradientCheck.of(broken).input(Tensor.of(new double[] {1, 2}, 2)).seed(4).run();
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.param("x").problem().matches("x: anonymous Layer threw IllegalStateException: index 7 out of bounds, "
                + "at CheckerTest\\.java:\\d+ in forward"), "the file and line of the code under check, not of the checker: "
                + r.param("x").problem());
        assertTrue(r.cause() instanceof IllegalStateException, String.valueOf(r.cause()));
        assertTrue(r.failureMessage().startsWith("Gradient check of anonymous Layer FAILED (seed 4, input [2])"), r.failureMessage());
    }

    @Test
    void largeTensorsAreSampledWithTheSeed() {
        Affine affine = new Affine(Tensor.randn(rng, 1, 40, 30), Tensor.randn(rng, 1, 30));
        Tensor x = Tensor.randn(rng, 1, 2, 40);
        CheckSettings few = CheckSettings.DEFAULT.withMaxElements(50);
        CheckResult r = GradientCheck.of(affine).input(x).seed(9).settings(few).run();
        assertEquals(50, r.param("W").checked());
        assertEquals(30, r.param("b").checked());
        assertEquals(r.param("W").worstIndex(), GradientCheck.of(affine).input(x).seed(9).settings(few).run().param("W").worstIndex());
    }

    @Test
    void elementIndicesNameTheirAxes() {
        assertEquals("W1[f=3,c=0,i=1,j=2]", Messages.index("W1", new int[] {30, 1, 5, 5}, new int[] {3, 0, 1, 2}));
        assertEquals("x[n=1,c=0,i=4,j=2]", Messages.index("x", new int[] {2, 1, 5, 5}, new int[] {1, 0, 4, 2}));
        assertEquals("W2[i=7,j=3]", Messages.index("W2", new int[] {10, 5}, new int[] {7, 3}));
        assertEquals("b1[i=4]", Messages.index("b1", new int[] {5}, new int[] {4}));
        assertEquals("t[d0=1,d1=0,d2=2]", Messages.index("t", new int[] {2, 2, 3}, new int[] {1, 0, 2}));
    }

    @Test
    void aWrongElementIsReportedInOneFixedLine() {
        ParamResult r = new ParamResult("W1", new int[] {30, 1, 5, 5}, 748, 2, 1.234e-3, 0.5, 1e-9,
                "W1[f=3,c=0,i=1,j=2]", 1.234e-3, 2.468e-3, Status.FAILED, null, null, null, null);
        assertEquals("W1: FAILED, max rel error 5.00e-01, max abs error 1.23e-03; worst W1[f=3,c=0,i=1,j=2]: "
                + "analytic 1.234000e-03, numeric 2.468000e-03; 748 checked, 2 skipped at kinks", Messages.line(r));
    }

    @Test
    void theTableHasARowPerGradient() {
        Tensor x = Tensor.of(new double[] {0.5, -1, 2, 0.25}, 2, 2);
        String table = GradientCheck.of(new Relu()).input(x).seed(3).run().table();
        String[] lines = table.split("\n");
        assertEquals("Gradient check of Relu (seed 3, input [2, 2], h 1e-05, rtol 1e-05, atol 1e-08): PASSED", lines[0]);
        assertEquals("param  shape               checked  skipped    max abs    max rel median rel  status", lines[1]);
        assertTrue(lines[2].startsWith("x      [2, 2]                    4        0 "), lines[2]);
        assertTrue(lines[2].endsWith("  PASSED"), lines[2]);
        assertEquals(3, lines.length);
    }

    @Test
    void settingsAndMissingInputAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CheckSettings.DEFAULT.withH(0));
        assertThrows(IllegalArgumentException.class, () -> CheckSettings.DEFAULT.withMaxSkipFraction(1.5));
        assertEquals("GradientCheck.run: no input for Relu; call input(x) first",
                assertThrows(IllegalStateException.class, () -> GradientCheck.of(new Relu()).run()).getMessage());
    }
}

package io.gradcheck.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Generators;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The example of docs/checking-your-layer.md: a library author checks a layer of their own. */
class LeakyReluTest {
    // snippet:layer:begin
    /** y = x for x > 0, else slope * x. */
    static class LeakyRelu implements Layer {
        private final double slope;
        private boolean[] negative;  // the mask backward needs

        LeakyRelu(double slope) {
            this.slope = slope;
        }

        @Override
        public Tensor forward(Tensor x) {
            negative = new boolean[x.size()];
            Tensor y = x.copy();
            for (int i = 0; i < y.size(); i++) {
                negative[i] = x.get(i) <= 0;
                y.set(i, negative[i] ? slope * x.get(i) : x.get(i));
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor dx = dout.copy();  // never write into dout
            for (int i = 0; i < dx.size(); i++) {
                dx.set(i, negative[i] ? slope * dout.get(i) : dout.get(i));
            }
            return dx;
        }

        @Override
        public int[] branches() {  // the kink at 0: lets the checker skip steps across it
            int[] b = new int[negative.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = negative[i] ? 0 : 1;
            }
            return b;
        }
    }
    // snippet:layer:end

    // snippet:property:begin
    @Test
    void leakyReluBackpropMatchesFiniteDifferencesOnRandomShapes() {
        Generators.theory().forAll(Generators.imageShapes()).checkAssert(s -> {
            Tensor x = Tensor.randn(s.dataSeed(), 1.0, s.n(), s.c(), s.h(), s.w());
            GradientCheck.of(new LeakyRelu(0.1)).input(x).seed(Generators.SEED).run().assertPassed();
        });
    }
    // snippet:property:end

    /** The same layer with the slope forgotten in backward: the check must fail and say where. */
    static class ForgotTheSlope extends LeakyRelu {
        ForgotTheSlope() {
            super(0.1);
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dout.copy();  // the bug: no mask, so negative inputs get slope 1 instead of 0.1
        }
    }

    @Test
    void theCheckFailsWhenBackwardForgetsTheSlope() {
        Tensor x = Tensor.of(new double[] {1.5, -0.5, 0.5, 1.5}, 1, 4);
        CheckResult r = GradientCheck.of(new ForgotTheSlope()).input(x).seed(3).run();
        AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
        assertEquals("x[n=0,j=1]", r.param("x").worstIndex(), e.getMessage());
        assertEquals(10.0, r.param("x").worstAnalytic() / r.param("x").worstNumeric(), 1e-6);
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The worst element is the one furthest outside its own tolerance, not the one with the largest error. */
class WorstElementTest {
    /** y = x^2 / 2, whose backward scales element i of the right dx by factor[i]. */
    private static Layer halfSquare(double... factor) {
        return new Layer() {
            private Tensor x;

            @Override
            public Tensor forward(Tensor in) {
                x = in.copy();
                return Ops.map(in, v -> v * v / 2);
            }

            @Override
            public Tensor backward(Tensor dout) {
                Tensor dx = Ops.mul(dout, x);
                for (int i = 0; i < factor.length; i++) {
                    dx.set(i, dx.get(i) * factor[i]);
                }
                return dx;
            }
        };
    }

    @Test
    void aLargeRelativeErrorOutranksALargerAbsoluteOne() {
        // element 0 is off by a factor 2 on a small value, element 1 by 1% on a value 10,000 times larger
        CheckResult r = GradientCheck.of(halfSquare(2, 1.01)).input(Tensor.of(new double[] {1, 1e4}, 1, 2)).seed(3).run();
        ParamResult x = r.param("x");
        Elements e = x.elements();
        double abs0 = Math.abs(e.analytic().get(0) - e.numeric().get(0));
        double abs1 = Math.abs(e.analytic().get(1) - e.numeric().get(1));
        assertTrue(abs1 > 10 * abs0, "the premise: element 1's absolute error is the larger, " + abs1 + " vs " + abs0);
        assertEquals(Status.FAILED, x.status());
        assertEquals("x[n=0,j=0]", x.worstIndex(), r.table());
        // f holds element 1's 5e7 |G1|, whose rounding (ulp 7.5e-9) over 2h = 2e-5 blurs element 0's difference by ~4e-4
        assertEquals(0.5, x.maxRelError(), 1e-3);
    }
}

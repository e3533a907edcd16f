package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** A check's result carries the numbers it ran at, as copies, and the Jacobians of its failing tensors. */
class CheckInputsTest {
    /** Affine whose backward doubles dx. */
    private record DoubleDx(Affine affine) implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return affine.forward(x);
        }

        @Override
        public Tensor backward(Tensor dout) {
            return Ops.scale(affine.backward(dout), 2);
        }

        @Override
        public Map<String, Tensor> params() {
            return affine.params();
        }

        @Override
        public Map<String, Tensor> grads() {
            return affine.grads();
        }
    }

    private static Affine affine(long seed) {
        Well19937c rng = new Well19937c(seed);
        return new Affine(Tensor.randn(rng, 1, 3, 2), Tensor.randn(rng, 1, 2));
    }

    @Test
    void aLayersResultCarriesXItsParametersAndTheUpstreamGradientItWasCheckedThrough() {
        Affine a = affine(1);
        Tensor x = Tensor.randn(new Well19937c(2), 1, 2, 3);
        CheckResult r = GradientCheck.of(a).input(x).seed(5).run();
        CheckResult.Inputs in = r.inputs();
        assertArrayEquals(x.data(), in.x().data());
        assertEquals(List.of("W", "b"), List.copyOf(in.params().keySet()));
        assertArrayEquals(a.params().get("W").data(), in.params().get("W").data());
        // G is the check's seeded draw of the output's shape: f = Σ forward(x)·G
        Tensor g = in.upstream();
        assertArrayEquals(new int[] {2, 2}, g.shape());
        Tensor fresh = a.forward(x);
        assertEquals(Ops.dot(fresh, g), new LayerSubject(a, g).value(x), 1e-12);
        assertArrayEquals(Tensor.randn(new Well19937c(5L), 1.0, 2, 2).data(), g.data());
    }

    @Test
    void theInputsAreCopiesInAndOut() {
        Affine a = affine(1);
        Tensor x = Tensor.randn(new Well19937c(2), 1, 2, 3);
        CheckResult r = GradientCheck.of(a).input(x).seed(5).run();
        double x0 = x.get(0), w0 = a.params().get("W").get(0);
        x.set(0, 99);
        a.params().get("W").set(0, 99);
        r.inputs().x().set(0, 42);
        r.inputs().params().get("W").set(0, 42);
        assertEquals(x0, r.inputs().x().get(0));
        assertEquals(w0, r.inputs().params().get("W").get(0));
        assertThrows(UnsupportedOperationException.class, () -> r.inputs().params().put("V", x));
        assertEquals("Inputs[x [2, 3], params {W=[3, 2], b=[2]}, G [2, 2]]", r.inputs().toString());
    }

    @Test
    void aLossHasNoUpstreamGradient() {
        CheckResult r = GradientCheck.of(new SoftmaxWithLoss(), Labels.indices(1, 0)).input(Tensor.randn(new Well19937c(3), 1, 2, 3))
                .seed(3).run();
        assertNull(r.inputs().upstream());
        assertEquals(Map.of(), r.inputs().params());
    }

    @Test
    void aFailingTensorKeepsItsJacobiansAndAPassingOneDoesNot() {
        CheckResult r = GradientCheck.of(new DoubleDx(affine(1))).input(Tensor.randn(new Well19937c(2), 1, 2, 3)).seed(5).run();
        assertEquals(Status.FAILED, r.param("x").status());
        Elements.Jacobian j = r.param("x").elements().jacobian();
        assertNotNull(j);
        assertArrayEquals(new int[] {4, 6}, j.analytic().shape());
        assertArrayEquals(new int[] {2, 2}, j.output());
        assertEquals("Jacobian[4 x 6, output [2, 2]]", j.toString());
        // y = xW + b: ∂y[n,m]/∂x[n,d] = W[d,m]; analytic is twice that
        Tensor w = r.inputs().params().get("W");
        assertEquals(w.at(1, 0), j.numeric().at(0, 1), 1e-8);
        assertEquals(2 * w.at(1, 0), j.analytic().at(0, 1), 1e-12);
        assertEquals(0, j.numeric().at(0, 4), 1e-12);  // y[0,0] does not move with x[1,1]
        assertNull(r.param("W").elements().jacobian());
        j.analytic().set(0, 7);
        assertEquals(2 * w.at(0, 0), r.param("x").elements().jacobian().analytic().get(0), 1e-12, "a copy out");
    }
}

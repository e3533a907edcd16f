package io.gradcheck.check;

import static io.gradcheck.check.HandMade.detector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ExactDetectorsTest {
    private final Well19937c rng = new Well19937c(11);

    @Test
    void correctHomogeneousLayersSatisfyBothIdentities() {
        List<Layer> layers = List.of(new Relu(), new Pooling(2, 2, 1, 1),
                new Convolution(Tensor.randn(rng, 1, 2, 2, 2, 2), Tensor.randn(rng, 1, 2), 1, 1),
                new Affine(Tensor.randn(rng, 1, 18, 3), Tensor.randn(rng, 1, 3)));
        for (Layer layer : layers) {
            CheckResult r = GradientCheck.of(layer).input(Tensor.randn(rng, 1, 2, 2, 3, 3)).seed(4).run();
            for (Detector d : new Detector[] {Detector.HOMOGENEITY, Detector.DOUT_LINEARITY}) {
                DetectorResult dr = detector(r, d);
                assertTrue(dr.applicable() && !dr.caught(), layer.getClass().getSimpleName() + " " + dr);
            }
        }
    }

    @Test
    void theLossIsNotHomogeneousAndTheNetHasNoUpstreamGradient() {
        CheckResult loss = GradientCheck.of(new SoftmaxWithLoss(), Labels.indices(0, 1))
                .input(Tensor.randn(rng, 1, 2, 3)).run();
        assertFalse(detector(loss, Detector.HOMOGENEITY).applicable());
        assertTrue(detector(loss, Detector.DOUT_LINEARITY).applicable());
        SimpleConvNet net = new SimpleConvNet(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 3, 2, 0.1, 1);
        CheckResult n = GradientCheck.of(net, Labels.indices(1)).input(Tensor.randn(rng, 1, 1, 1, 6, 6)).run();
        assertFalse(detector(n, Detector.HOMOGENEITY).applicable());
        assertEquals("the network has no upstream gradient", detector(n, Detector.DOUT_LINEARITY).evidence());
    }

    /** ReLU whose mask comes from dout instead of x: right for positive dout, so it hides from some inputs. */
    private static final class MaskFromDout implements Layer {
        private Tensor x;

        @Override
        public Tensor forward(Tensor x) {
            this.x = x;
            Tensor out = x.copy();
            for (int i = 0; i < out.size(); i++) {
                out.set(i, Math.max(0, x.get(i)));
            }
            return out;
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor dx = dout.copy();
            for (int i = 0; i < dx.size(); i++) {
                dx.set(i, dout.get(i) > 0 ? dout.get(i) : 0);  // the bug: dout's sign, not x's
            }
            return dx;
        }
    }

    @Test
    void aBackwardThatIsNotLinearInDoutIsCaughtExactly() {
        CheckResult r = GradientCheck.of(new MaskFromDout()).input(Tensor.randn(rng, 1, 2, 5)).seed(2).run();
        assertTrue(r.caughtBy(Detector.DOUT_LINEARITY), r.failureMessage());
        assertTrue(r.failureMessage().contains("DOUT_LINEARITY identity broken: dx at element"), r.failureMessage());
    }

    @Test
    void aScaledGradientBreaksEulersIdentityEvenWhereEveryStepCrossesAKink() {
        Layer doubled = new Layer() {
            private final Relu relu = new Relu();

            @Override
            public Tensor forward(Tensor x) {
                return relu.forward(x);
            }

            @Override
            public Tensor backward(Tensor dout) {
                Tensor dx = relu.backward(dout);
                for (int i = 0; i < dx.size(); i++) {
                    dx.set(i, 2 * dx.get(i));  // the bug
                }
                return dx;
            }

            @Override
            public int[] branches() {
                return relu.branches();
            }
        };
        Tensor x = Tensor.of(new double[] {1e-6, -2e-6, 2.4e-6, 5e-7}, 1, 4);  // every element within h/4 of the kink
        CheckResult r = GradientCheck.of(doubled).input(x).seed(3).run();
        assertEquals(4, r.param("x").skipped(), "finite differences cannot see it");
        assertTrue(r.caughtBy(Detector.HOMOGENEITY), r.failureMessage());
        assertEquals(Status.FAILED, r.status());
    }

    @Test
    void aBackwardThatIgnoresDoutIsShownWithBothSidesOfTheLinearityIdentity() {
        Layer twos = new Layer() {
            @Override
            public Tensor forward(Tensor in) {
                return in.copy();
            }

            @Override
            public Tensor backward(Tensor dout) {
                return io.gradcheck.tensor.Ops.map(dout, v -> 2);  // a constant: 0.7*2 - 1.3*2 = -1.2, not 2
            }
        };
        DetectorResult lin = detector(GradientCheck.of(twos).input(Tensor.of(new double[] {1, 2}, 1, 2)).seed(4).run(),
                Detector.DOUT_LINEARITY);
        assertEquals(new DetectorResult(Detector.DOUT_LINEARITY, true, true, "dx at element 0: backward(0.7 G1 - 1.3 G2) = 2.00000 "
                + "but 0.7 backward(G1) - 1.3 backward(G2) = -1.20000", List.of("x")), lin);
    }
}

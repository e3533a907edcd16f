package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** The shape-mismatch hints, anonymous class names, and which detectors a check reports as catching. */
class CheckMessagesTest {
    private static final Tensor IMAGES = Tensor.zeros(2, 3, 4, 4);

    private static String mismatch(String name, int... gShape) {
        return Messages.shapeMismatch(name, Tensor.zeros(gShape), IMAGES, Map.of("W1", Tensor.zeros(5)), Tensor.zeros(7));
    }

    @Test
    void onlyAnInputGradientFlattenedToNByDGetsTheFlatteningHint() {
        String x = "x: gradient has shape %s but the input has shape [2, 3, 4, 4]";
        assertEquals(x.formatted("[2, 48]") + "; it is x flattened to (N, D): restore the input's shape in backward",
                mismatch("x", 2, 48));
        assertEquals(x.formatted("[2, 6, 8]"), mismatch("x", 2, 6, 8));
        assertEquals(x.formatted("[4, 24]"), mismatch("x", 4, 24));
        assertEquals(x.formatted("[2, 47]"), mismatch("x", 2, 47));
        assertEquals("b1: gradient has shape [2, 48] but the parameter has shape [2, 3, 4, 4]", mismatch("b1", 2, 48));
        assertEquals("b1: gradient has shape [5] but the parameter has shape [2, 3, 4, 4]; it has the shape of W1",
                mismatch("b1", 5));
    }

    @Test
    void anAnonymousClassGoesByWhatItExtendsOrImplements() {
        assertEquals("anonymous Object", Messages.nameOf(new Object() { }.getClass()));
        Layer identity = new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return x.copy();
            }

            @Override
            public Tensor backward(Tensor dout) {
                return dout.copy();
            }
        };
        assertEquals("anonymous Layer", Messages.nameOf(identity.getClass()));
    }

    @Test
    void aCorrectLayerIsCaughtByNoDetectorAndAFlatteningOneByTheContract() {
        Well19937c rng = new Well19937c(9);
        Tensor x = Tensor.randn(rng, 1, 2, 3, 2, 2);
        Affine affine = new Affine(Tensor.randn(rng, 1, 12, 4), Tensor.randn(rng, 1, 4));
        CheckResult ok = GradientCheck.of(affine).input(x).seed(1).run();
        for (DetectorResult d : ok.detectors()) {
            assertFalse(d.caught() || ok.caughtBy(d.detector()), d.detector() + ": " + d.evidence());
        }
        Layer flattening = new Layer() {
            @Override
            public Tensor forward(Tensor in) {
                return affine.forward(in);
            }

            @Override
            public Tensor backward(Tensor dout) {
                Tensor dx = affine.backward(dout);
                return dx.reshape(dx.dim(0), -1);
            }
        };
        CheckResult bad = GradientCheck.of(flattening).input(x).seed(1).run();
        assertTrue(bad.caughtBy(Detector.CONTRACT));
        assertEquals(List.of("x"), bad.detectors().get(0).blamed());
        assertEquals("GradientCheck.fast: need at least one direction, got 0",
                assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(new Relu()).fast(0)).getMessage());
    }
}

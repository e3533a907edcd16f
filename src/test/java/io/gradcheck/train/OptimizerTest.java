package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two steps of every optimizer on one parameter w = (1, -2) with gradients g1 = (0.5, -1) and
 * g2 = (0.2, 0.4), lr 0.1 and the book's other hyperparameters. The expected numbers were worked
 * out by hand (with a calculator for the square roots), not by the code under test.
 */
class OptimizerTest {
    private static final double TOL = 1e-12;

    private final Map<String, Tensor> params = new LinkedHashMap<>(Map.of("w", Tensor.of(new double[] {1, -2}, 2)));

    private static Map<String, Tensor> grad(double a, double b) {
        return Map.of("w", Tensor.of(new double[] {a, b}, 2));
    }

    private double[] step(Optimizer o, double a, double b) {
        o.update(params, grad(a, b));
        return params.get("w").data().clone();
    }

    @Test
    void sgdSubtractsLrTimesGradient() {
        Optimizer o = new Sgd(params, 0.1);
        assertArrayEquals(new double[] {0.95, -1.9}, step(o, 0.5, -1), TOL);   // 1 - 0.05, -2 + 0.1
        assertArrayEquals(new double[] {0.93, -1.94}, step(o, 0.2, 0.4), TOL); // 0.95 - 0.02, -1.9 - 0.04
        assertTrue(o.state().isEmpty());
    }

    @Test
    void momentumAccumulatesAVelocity() {
        Optimizer o = new Momentum(params, 0.1, Momentum.MOMENTUM);
        // v1 = -0.1 g1 = (-0.05, 0.1)
        assertArrayEquals(new double[] {0.95, -1.9}, step(o, 0.5, -1), TOL);
        // v2 = 0.9 v1 - 0.1 g2 = (-0.045 - 0.02, 0.09 - 0.04) = (-0.065, 0.05)
        assertArrayEquals(new double[] {0.885, -1.85}, step(o, 0.2, 0.4), TOL);
        assertArrayEquals(new double[] {-0.065, 0.05}, o.state().get("v.w").data(), TOL);
    }

    @Test
    void nesterovLooksAheadWithTheOldVelocity() {
        Optimizer o = new Nesterov(params, 0.1, Nesterov.MOMENTUM);
        // p1 = p0 + 0.81 * 0 - 1.9 * 0.1 * g1 = (1 - 0.095, -2 + 0.19); v1 = (-0.05, 0.1)
        assertArrayEquals(new double[] {0.905, -1.81}, step(o, 0.5, -1), TOL);
        // p2 = p1 + 0.81 v1 - 0.19 g2 = (0.905 - 0.0405 - 0.038, -1.81 + 0.081 - 0.076)
        assertArrayEquals(new double[] {0.8265, -1.805}, step(o, 0.2, 0.4), TOL);
        assertArrayEquals(new double[] {-0.065, 0.05}, o.state().get("v.w").data(), TOL);
    }

    @Test
    void adaGradDividesBySquareRootOfSummedSquares() {
        Optimizer o = new AdaGrad(params, 0.1);
        // h1 = (0.25, 1); p1 = (1 - 0.05 / 0.5000001, -2 + 0.1 / 1.0000001)
        assertArrayEquals(new double[] {0.900000019999996, -1.900000009999999}, step(o, 0.5, -1), TOL);
        // h2 = (0.29, 1.16); sqrt = (0.5385164807, 1.0770329614)
        // p2 = (p1 - 0.02 / (0.5385164807 + 1e-7), p1 - 0.04 / (1.0770329614 + 1e-7))
        assertArrayEquals(new double[] {0.862860959261136, -1.9371390741871337}, step(o, 0.2, 0.4), TOL);
        assertArrayEquals(new double[] {0.29, 1.16}, o.state().get("h.w").data(), TOL);
    }

    @Test
    void rmsPropDecaysTheSquares() {
        Optimizer o = new RmsProp(params, 0.1, RmsProp.DECAY_RATE);
        // h1 = 0.01 g1^2 = (0.0025, 0.01), sqrt = (0.05, 0.1); p1 = (1 - 0.05 / 0.0500001, -2 + 0.1 / 0.1000001)
        assertArrayEquals(new double[] {1.999996000034976e-06, -1.000000999999}, step(o, 0.5, -1), TOL);
        // h2 = 0.99 h1 + 0.01 g2^2 = (0.002475 + 0.0004, 0.0099 + 0.0016) = (0.002875, 0.0115)
        // p2 = p1 - 0.1 g2 / (sqrt(h2) + 1e-7) = p1 - (0.02 / 0.0536190265, 0.04 / 0.1072381529)
        assertArrayEquals(new double[] {-0.372999227649249, -1.3730025754693629}, step(o, 0.2, 0.4), TOL);
        assertArrayEquals(new double[] {0.002875, 0.0115}, o.state().get("h.w").data(), TOL);
    }

    @Test
    void adamCorrectsTheBiasOfBothMoments() {
        Optimizer o = new Adam(params, 0.1, Adam.BETA1, Adam.BETA2);
        // m1 = 0.1 g1 = (0.05, -0.1); v1 = 0.001 g1^2 = (0.00025, 0.001)
        // lr_1 = 0.1 sqrt(0.001) / 0.1 = 0.0316227766; the first step is about lr * sign(g)
        // p1 = (1 - 0.0316227766 * 0.05 / (0.0158113883 + 1e-7), -2 + 0.0316227766 * 0.1 / (0.0316227766 + 1e-7))
        assertArrayEquals(new double[] {0.900000632451532, -1.900000316226766}, step(o, 0.5, -1), TOL);
        // m2 = 0.9 m1 + 0.1 g2 = (0.065, -0.05); v2 = 0.999 v1 + 0.001 g2^2 = (0.00028975, 0.001159)
        // lr_2 = 0.1 sqrt(1 - 0.998001) / (1 - 0.81) = 0.0235316725
        // p2 = p1 - lr_2 * (0.065 / (0.0170220445 + 1e-7), -0.05 / (0.0340440891 + 1e-7))
        assertArrayEquals(new double[] {0.8101436398802737, -1.8654398329523465}, step(o, 0.2, 0.4), TOL);
        assertArrayEquals(new double[] {0.065, -0.05}, o.state().get("m.w").data(), TOL);
        assertArrayEquals(new double[] {0.00028975, 0.001159}, o.state().get("v.w").data(), TOL);
        assertEquals(2.0, o.state().get("t").get(0));
    }

    @Test
    void everyKindHasTheBookDefaultLearningRate() {
        assertEquals(0.01, OptimizerKind.SGD.defaultLr());
        assertEquals(0.01, OptimizerKind.MOMENTUM.defaultLr());
        assertEquals(0.01, OptimizerKind.NESTEROV.defaultLr());
        assertEquals(0.01, OptimizerKind.ADAGRAD.defaultLr());
        assertEquals(0.01, OptimizerKind.RMSPROP.defaultLr());
        assertEquals(0.001, OptimizerKind.ADAM.defaultLr());
        for (OptimizerKind k : OptimizerKind.values()) {
            assertEquals(k, OptimizerKind.parse(k.id().toUpperCase()));
            assertEquals(k.id(), k.create(params, k.defaultLr()).name());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> OptimizerKind.parse("adamw"));
        assertEquals("unknown optimizer 'adamw', expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam",
                e.getMessage());
    }

    @Test
    void wrongShapesAndSettingsAreRefusedBeforeAnythingChanges() {
        Optimizer o = new Adam(params, 0.1, 0.9, 0.999);
        var e = assertThrows(IllegalArgumentException.class,
                () -> o.update(params, Map.of("w", Tensor.zeros(3))));
        assertEquals("Adam.update: w expected shape [2], got param [2] and grad [3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> o.update(params, Map.of("v", Tensor.zeros(2))));
        assertEquals("Adam.update: expected parameters [w], got params [w] and grads [v]", e.getMessage());
        assertArrayEquals(new double[] {1, -2}, params.get("w").data());
        assertEquals(0.0, o.state().get("t").get(0));
        e = assertThrows(IllegalArgumentException.class, () -> new Sgd(params, -1));
        assertEquals("Sgd: lr must be positive, finite and normal (at least 2.2250738585072014E-308), got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Momentum(params, 0.1, 1.0));
        assertEquals("Momentum: momentum must be in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RmsProp(params, Double.NaN, 0.9));
        assertEquals("RmsProp: lr must be positive, finite and normal (at least 2.2250738585072014E-308), got NaN", e.getMessage());
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Relu;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The whole backward as a matrix next to the numeric Jacobian: for y = x W + b, both are W's entries. */
class JacobiansTest {
    private static final Tensor W = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);  // (D = 2, M = 3)
    private static final Tensor X = Tensor.of(new double[] {0.5, -1, 2, 0.25}, 2, 2);  // (N = 2, D = 2)

    private static LayerSubject affine() {
        return new LayerSubject(new Affine(W.copy(), Tensor.zeros(3)), Tensor.zeros(2, 3));
    }

    @Test
    void theJacobiansOfAnAffineLayersInputAreItsWeights() {
        Jacobians j = Jacobians.of(affine(), X, "x", CheckSettings.DEFAULT, 1);
        assertNotNull(j);
        assertEquals(6, j.analytic().length, "a row per output element");
        assertEquals(4, j.analytic()[0].length, "a column per input element");
        for (int n = 0; n < 2; n++) {
            for (int m = 0; m < 3; m++) {
                for (int d = 0; d < 2; d++) {
                    int row = n * 3 + m;
                    double want = W.get(d * 3 + m);
                    assertEquals(want, j.analytic()[row][n * 2 + d], 0.0, "analytic, out " + row + ", x " + d);
                    assertEquals(want, j.numeric()[row][n * 2 + d], 1e-8, "numeric, out " + row + ", x " + d);
                    assertEquals(want, j.atDecoy()[row][n * 2 + d], 1e-8, "a linear layer's Jacobian is the same anywhere");
                    assertEquals(0.0, j.analytic()[row][(1 - n) * 2 + d], 0.0, "examples do not mix");
                }
            }
        }
    }

    @Test
    void theJacobiansOfAWeightHaveNoDecoyAndLeaveTheWeightAsItWas() {
        LayerSubject s = affine();
        Jacobians j = Jacobians.of(s, X, "W", CheckSettings.DEFAULT, 1);
        assertNull(j.atDecoy());
        assertEquals(X.get(0), j.numeric()[0][0], 1e-8, "∂y[0,0]/∂W[0,0] = x[0,0]");
        assertEquals(X.get(2), j.analytic()[3][0], 0.0, "∂y[1,0]/∂W[0,0] = x[1,0]");
        for (int i = 0; i < 6; i++) {
            assertEquals(W.get(i), s.params().get("W").get(i), 0.0);
        }
    }

    @Test
    void aStepAcrossAKinkLeavesItsColumnNaN() {
        Tensor x = Tensor.of(new double[] {1e-7, 0.5}, 1, 2);  // element 0 within h of the kink
        Jacobians j = Jacobians.of(new LayerSubject(new Relu(), Tensor.zeros(1, 2)), x, "x", CheckSettings.DEFAULT, 1);
        assertTrue(Double.isNaN(j.numeric()[0][0]) && Double.isNaN(j.numeric()[1][0]), "column 0 crossed the kink");
        assertEquals(1.0, j.numeric()[1][1], 1e-8);
    }

    @Test
    void noMatricesWhereThereIsNoOutputTensorOrTheyWouldBeTooLarge() {
        SimpleConvNet net = new SimpleConvNet(new NetConfig(new int[] {1, 4, 4}, new ConvConfig(1, 1, 0, 1), 2, 2, 0.1, 1));
        Tensor x = Tensor.randn(1, 1, 1, 1, 4, 4);
        assertNull(Jacobians.of(new NetSubject(net, Labels.indices(0)), x, "x", CheckSettings.DEFAULT, 1), "a scalar loss");
        assertNull(Jacobians.of(new LossSubject(new SoftmaxWithLoss(), Labels.indices(0)), Tensor.zeros(1, 2), "x",
                CheckSettings.DEFAULT, 1));
        int d = 150;  // out 150 x in 150 = 22,500 entries, over the limit
        Tensor big = Tensor.randn(2, 1, 1, d);
        assertNull(Jacobians.of(new LayerSubject(new Relu(), Tensor.zeros(1, d)), big, "x", CheckSettings.DEFAULT, 1));
        int e = 141;  // 141 x 141 = 19,881: within it
        assertNotNull(Jacobians.of(new LayerSubject(new Relu(), Tensor.zeros(1, e)), Tensor.randn(2, 1, 1, e), "x",
                CheckSettings.DEFAULT, 1));
    }
}

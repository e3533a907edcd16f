package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.Tensor;
import java.util.function.DoubleSupplier;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class LossOfTest {
    private static final long SEED = 20261129L;

    @Test
    void lossOfEveryParameterIsExactlyTheFullLossAndLeavesTheSameBranches() {
        SimpleConvNet net = new SimpleConvNet(new NetConfig(new int[] {2, 7, 7}, new ConvConfig(3, 3, 1, 1), 6, 4, 0.3, SEED));
        Tensor x = Tensor.randn(new Well19937c(SEED), 1.0, 3, 2, 7, 7);
        Labels t = Labels.indices(0, 3, 1);
        Well19937c rng = new Well19937c(SEED + 1);
        for (String name : net.params().keySet()) {
            Tensor p = net.params().get(name);
            DoubleSupplier f = net.lossOf(name, x, t);
            for (int trial = 0; trial < 20; trial++) {
                int i = rng.nextInt(p.size());
                double old = p.get(i);
                p.set(i, old + (rng.nextBoolean() ? 1 : -1) * rng.nextDouble());  // large steps cross kinks too
                try {
                    double fast = f.getAsDouble();
                    int[] fastBranches = net.branches();
                    double full = net.loss(x, t);
                    assertEquals(full, fast, 0.0, name + "[" + i + "], seed " + SEED);
                    assertArrayEquals(net.branches(), fastBranches, name + "[" + i + "] branches, seed " + SEED);
                } finally {
                    p.set(i, old);
                }
            }
        }
    }

    @Test
    void anUnknownParameterIsRejectedNamingTheKnownOnes() {
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(1));
        assertEquals("SimpleConvNet.lossOf: no parameter named 'W4'; the parameters are [W1, b1, W2, b2, W3, b3]",
                assertThrows(IllegalArgumentException.class,
                        () -> net.lossOf("W4", Tensor.zeros(1, 1, 28, 28), Labels.indices(0))).getMessage());
    }
}

package io.gradcheck.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.check.GradientCheck;
import io.gradcheck.examples.LeakyReluTest.LeakyRelu;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** docs/checking-your-layer.md, "Put your layer into SimpleConvNet": the page's LeakyRelu inside the network. */
class LeakyReluInNetTest {
    @Test
    void leakyReluInsideSimpleConvNetPassesTheNetsCheck() {
        // snippet:net:begin
        NetConfig config = new NetConfig(new int[] {1, 8, 8}, new ConvConfig(3, 3, 0, 1), 10, 10, 0.1, 7);
        SimpleConvNet net = SimpleConvNet.builder(config)
                .relu1(() -> new LeakyRelu(0.1))  // a new layer for each call
                .relu2(() -> new LeakyRelu(0.1))
                .build();                         // ours in the other roles: Conv1, Pool1, Affine1, Affine2

        Tensor x = Tensor.randn(new Well19937c(7), 1.0, 4, 1, 8, 8);
        GradientCheck.of(net, Labels.indices(0, 3, 5, 9)).input(x).seed(7).run().assertPassed();
        // snippet:net:end
        assertEquals(LeakyRelu.class, net.layers().get("Relu2").getClass());
    }

    /** The same network with a LeakyRelu whose backward forgets the slope fails the check: the layer is used. */
    @Test
    void aBrokenLeakyReluInsideTheNetFailsItsCheck() {
        NetConfig config = new NetConfig(new int[] {1, 8, 8}, new ConvConfig(3, 3, 0, 1), 10, 10, 0.1, 7);
        SimpleConvNet net = SimpleConvNet.builder(config).relu2(() -> new LeakyRelu(0.1) {
            @Override
            public Tensor backward(Tensor dout) {
                return dout.copy();  // the slope is missing on the negative side
            }
        }).build();
        Tensor x = Tensor.randn(new Well19937c(7), 1.0, 4, 1, 8, 8);
        assertThrows(AssertionError.class,
                () -> GradientCheck.of(net, Labels.indices(0, 3, 5, 9)).input(x).seed(7).run().assertPassed());
    }
}

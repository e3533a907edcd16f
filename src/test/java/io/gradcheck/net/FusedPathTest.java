package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.ConvReluPool;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * With our Conv1, Relu1 and Pool1 the network runs them fused ({@link ConvReluPool}); with anyone
 * else's layer in one of those roles it runs the layers one by one. The two paths give the same
 * bits: the loss, every gradient, dx, the scores and the branches.
 */
class FusedPathTest {
    /** Our Relu behind a class of its own: the network cannot fuse it, and computes layer by layer. */
    static final class PlainRelu implements Layer {
        private final Relu relu = new Relu();

        @Override
        public Tensor forward(Tensor x) {
            return relu.forward(x);
        }

        @Override
        public Tensor backward(Tensor dout) {
            return relu.backward(dout);
        }

        @Override
        public int[] branches() {
            return relu.branches();
        }
    }

    private static void assertSameBits(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.doubleToLongBits(expected.get(i)), Double.doubleToLongBits(actual.get(i)),
                    what + " at " + i + ": " + expected.get(i) + " vs " + actual.get(i));
        }
    }

    private static Labels labels(Well19937c rng, int n, int k) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(k);
        }
        return Labels.indices(t);
    }

    /** Odd convolution outputs (pooling drops a row and a column), batches that are no multiple of 4, a change of batch size and back. */
    @Test
    void theFusedPathGivesTheLayerByLayerBitsOnEveryBatch() {
        long seed = 1802;
        NetConfig cfg = new NetConfig(new int[] {2, 9, 7}, new ConvConfig(3, 3, 1, 2), 7, 4, 0.3, seed);
        SimpleConvNet fused = new SimpleConvNet(cfg);
        SimpleConvNet plain = SimpleConvNet.builder(cfg).relu1(PlainRelu::new).build();
        Map<String, Layer> fl = fused.layers(), pl = plain.layers();
        assertTrue(ConvReluPool.fuses(fl.get("Conv1"), fl.get("Relu1"), fl.get("Pool1")), "the book's layers fuse");
        assertFalse(ConvReluPool.fuses(pl.get("Conv1"), pl.get("Relu1"), pl.get("Pool1")), "a user's Relu does not");
        Well19937c rng = new Well19937c(seed);
        for (int n : new int[] {6, 1, 9, 6}) {
            Tensor x = Tensor.randn(rng, 1, n, 2, 9, 7);
            Labels t = labels(rng, n, 4);
            String at = "seed " + seed + ", batch " + n + ": ";
            Map<String, Tensor> gf = fused.gradient(x, t), gp = plain.gradient(x, t);
            assertEquals(Double.doubleToLongBits(plain.lastLoss()), Double.doubleToLongBits(fused.lastLoss()), at + "loss");
            for (String name : gp.keySet()) {
                assertSameBits(gp.get(name), gf.get(name), at + name);
            }
            assertArrayEquals(plain.branches(), fused.branches(), at + "branches");
            assertSameBits(plain.backprop(x, t), fused.backprop(x, t), at + "dx");
            for (String name : gp.keySet()) {  // backprop with dx fills the same gradients as gradient
                assertSameBits(plain.layers().get(Layout.SLOTS.get(name).layer()).grads().get(Layout.SLOTS.get(name).key()),
                        fused.layers().get(Layout.SLOTS.get(name).layer()).grads().get(Layout.SLOTS.get(name).key()),
                        at + name + " after backprop");
            }
            assertSameBits(plain.predict(x), fused.predict(x), at + "scores");
        }
    }

    /** The book's net at a real batch size: 100 images in 25 groups of 4. */
    @Test
    void theBookNetGivesTheSameBitsFusedAndLayerByLayer() {
        long seed = 1803;
        NetConfig cfg = NetConfig.book(seed);
        SimpleConvNet fused = new SimpleConvNet(cfg);
        SimpleConvNet plain = SimpleConvNet.builder(cfg).relu1(PlainRelu::new).build();
        Well19937c rng = new Well19937c(seed);
        Tensor x = Tensor.uniform(rng, 0, 1, 10, 1, 28, 28);
        Labels t = labels(rng, 10, 10);
        Map<String, Tensor> gf = fused.gradient(x, t), gp = plain.gradient(x, t);
        assertEquals(Double.doubleToLongBits(plain.lastLoss()), Double.doubleToLongBits(fused.lastLoss()), "seed " + seed);
        for (String name : gp.keySet()) {
            assertSameBits(gp.get(name), gf.get(name), "seed " + seed + ": " + name);
        }
    }
}

package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.STATE;
import static io.gradcheck.check.BugKind.WRONG_MASK;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.bugs.CatalogueShapes.ConvNeeds;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bugs in what a layer keeps between calls, or between the examples of one batch (issue 13). Each
 * layer is fresh when the check starts: a cache that is right on the first call shows only if the
 * checker calls the layer on other inputs first. Expected kinds written before the engine ran on them.
 */
final class StateBugs {
    private StateBugs() {
    }

    static List<Bug<?>> all() {
        return List.of(
                Entries.relu("relu.mask-first-forward-only", "the mask is computed on the first forward only "
                        + "(if mask == null); forward's output is right. Kind: backward reads a cache from an earlier call",
                        STATE, 1, () -> new ReluCopy() {
                            @Override
                            protected void remember(Tensor x) {
                                if (cut == null) {  // the bug: never recomputed
                                    super.remember(x);
                                }
                            }
                        }),
                Entries.pool("pool.argmax-first-forward-only", "the argmax of each window is kept from the first "
                        + "forward only; forward's output is right. Kind: backward reads a cache from an earlier call",
                        STATE, 1, in -> CatalogueShapes.pool(in, 2, false, 1), s -> new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected void remember(int[] arg) {
                                if (argK == null) {  // the bug: never recomputed
                                    super.remember(arg);
                                }
                            }
                        }),
                Entries.affine("affine.warm-up-counter", "forward and backward scale by a warm-up factor min(1, calls / 1000) "
                        + "that counts forward calls. Kind: forward is not a function of its input",
                        List.of("W", "b", "x"), STATE, wb -> new AffineCopy(wb) {
                            private int calls;
                            private double warm;

                            @Override
                            public Tensor forward(Tensor x) {
                                warm = Math.min(1, ++calls / 1000.0);  // the bug: the output depends on the number of calls
                                return Ops.scale(super.forward(x), warm);
                            }

                            @Override
                            public Tensor backward(Tensor dout) {
                                return super.backward(Ops.scale(dout, warm));
                            }
                        }),
                Entries.conv("conv.col-cached-per-shape", "the im2col buffer kept for backward is refilled only when the "
                        + "batch shape changes; forward's output is right. Kind: backward reads a cache from an earlier call",
                        List.of("W"), STATE, 1, in -> CatalogueShapes.conv(in, ConvNeeds.ANY),
                        (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            private int[] filled;

                            @Override
                            protected void keep(Tensor fresh, int[] shape) {
                                if (!Arrays.equals(filled, shape)) {  // the bug: keyed on the shape, not on x
                                    filled = shape;
                                    super.keep(fresh, shape);
                                }
                            }
                        }),
                Entries.affine("affine.grads-accumulate", "dW += and db += on every backward, never reset (micrograd's "
                        + "accumulation without zero_grad). Kind: gradients accumulate across calls",
                        List.of("W", "b"), STATE, wb -> new AffineCopy(wb) {
                            private Tensor sumW;
                            private Tensor sumB;

                            @Override
                            protected Tensor weightGrad(Tensor dout) {
                                sumW = sumW == null ? super.weightGrad(dout) : Ops.add(sumW, super.weightGrad(dout));  // the bug
                                return sumW;
                            }

                            @Override
                            protected Tensor biasGrad(Tensor dout) {
                                sumB = sumB == null ? super.biasGrad(dout) : Ops.add(sumB, super.biasGrad(dout));  // the bug
                                return sumB;
                            }
                        }),
                Entries.relu("relu.mask-shared-across-batch", "the mask has one entry per (c, h, w), overwritten by each "
                        + "example, so backward applies the last example's mask to all. Kind: the gradient passes where it "
                        + "should be blocked and the reverse, with the right value where both pass", WRONG_MASK, 2, () -> new ReluCopy() {
                            @Override
                            protected void remember(Tensor x) {
                                int per = x.size() / x.dim(0);
                                cut = new boolean[per];
                                for (int i = 0; i < x.size(); i++) {
                                    cut[i % per] = cuts(x.get(i));  // the bug: the batch axis is left out
                                }
                            }

                            @Override
                            protected double gate(int i, double[] dout) {
                                return cut[i % cut.length] ? 0 : dout[i];
                            }
                        }),
                Entries.conv("conv.col2im-buffer-not-reset", "col2im reuses one example's image buffer without clearing "
                        + "it, so example i's dx also holds examples 0..i-1's. Kind: state shared across the batch, a "
                        + "running sum that leaks from one example into the next", List.of("x"), STATE, 2,
                        in -> CatalogueShapes.conv(in, ConvNeeds.ANY.batch(2)), (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected void clear(double[] one) {
                                // the bug: not cleared between examples
                            }
                        }),
                new Bug<>("net.forward-skipped-when-cached", "gradient runs only the backward pass when the last forward "
                        + "had a batch of the same shape, as if loss(x, t) had just been called on this batch. Kind: "
                        + "backward reads the caches of an earlier call", List.of("W1", "b1", "W2", "b2", "W3", "b3"), STATE, 1,
                        new ShapeFamily<>(NetShape.class, CatalogueShapes::strongNet, NetShape::n),
                        s -> Fixture.check(Fixture.net(s, SkippingNet::new), s)));
    }

    /** A net that trusts the caches of its last forward when the batch shape matches. */
    private static final class SkippingNet extends SimpleConvNet {
        private int[] forwarded;  // the shape of the last forward's batch

        SkippingNet(NetConfig c) {
            super(c);
        }

        @Override
        public Tensor predict(Tensor x) {
            forwarded = x.shape();
            return super.predict(x);
        }

        @Override
        public Map<String, Tensor> gradient(Tensor x, Labels t) {
            if (!Arrays.equals(forwarded, x.shape())) {
                return super.gradient(x, t);
            }
            Tensor dout = lastLayer.backward(1.0);  // the bug: no forward on x, the caches are the last batch's
            dout = relu1.backward(pool1.backward(affine1.backward(relu2.backward(affine2.backward(dout)))));
            conv1.backward(dout);
            Map<String, Tensor> g = new LinkedHashMap<>();
            g.put("W1", conv1.grads().get("W"));
            g.put("b1", conv1.grads().get("b"));
            g.put("W2", affine1.grads().get("W"));
            g.put("b2", affine1.grads().get("b"));
            g.put("W3", affine2.grads().get("W"));
            g.put("b3", affine2.grads().get("b"));
            return g;
        }
    }
}

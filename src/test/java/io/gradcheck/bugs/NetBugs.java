package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.CONSTANT_SCALE;
import static io.gradcheck.check.BugKind.STATE;
import static io.gradcheck.check.BugKind.SWAPPED;
import static io.gradcheck.check.BugKind.ZERO_OR_MISSING;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.check.BugKind;
import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** SimpleConvNet.gradient with one bug each: a subclass that changes one line of the gradient map. */
final class NetBugs {
    private NetBugs() {
    }

    private static final ShapeFamily<NetShape> ANY = family(CatalogueShapes::net);

    /** A net whose gradient map is the right one passed through a one-line edit. */
    private abstract static class EditedNet extends SimpleConvNet {
        EditedNet(NetConfig c) {
            super(c);
        }

        abstract void edit(Map<String, Tensor> grads);

        @Override
        public Map<String, Tensor> gradient(Tensor x, Labels t) {
            Map<String, Tensor> grads = super.gradient(x, t);
            edit(grads);
            return grads;
        }
    }

    static List<Bug<?>> all() {
        return List.of(
                bug("net.b2-gets-dW2", "b2 is given Affine1's dW, of another shape", List.of("b2"), SWAPPED, ANY,
                        c -> new EditedNet(c) {
                            @Override
                            void edit(Map<String, Tensor> g) {
                                g.put("b2", affine1.grads().get("W"));  // the bug
                            }
                        }),
                bug("net.b2-gets-dW2-same-shape", "b2 is given Affine1's dW where W2 has one row, so the shapes agree",
                        List.of("b2"), SWAPPED, family(CatalogueShapes::oneRowW2Net), c -> new EditedNet(c) {
                            @Override
                            void edit(Map<String, Tensor> g) {
                                g.put("b2", affine1.grads().get("W").reshape(params().get("b2").shape()));  // the bug
                            }
                        }),
                bug("net.W2-W3-swapped", "the gradients of W2 and W3 are swapped (both k x k)", List.of("W2", "W3"), SWAPPED,
                        family(CatalogueShapes::squareW2W3Net), c -> new EditedNet(c) {
                            @Override
                            void edit(Map<String, Tensor> g) {
                                g.put("W3", g.put("W2", g.get("W3")));  // the bug
                            }
                        }),
                bug("net.b3-gets-db2", "b3 is given Affine1's db (as many hidden units as classes, so the shapes agree)",
                        List.of("b3"), SWAPPED, family(CatalogueShapes::hiddenEqualsClassesNet), c -> new EditedNet(c) {
                            @Override
                            void edit(Map<String, Tensor> g) {
                                g.put("b3", affine1.grads().get("b"));  // the bug
                            }
                        }),
                bug("net.b1-missing", "the gradient map has no entry for b1", List.of("b1"), ZERO_OR_MISSING, ANY,
                        c -> new EditedNet(c) {
                            @Override
                            void edit(Map<String, Tensor> g) {
                                g.remove("b1");  // the bug
                            }
                        }),
                bug("net.b1-zeros", "b1's gradient is a fresh zero tensor instead of the convolution's db",
                        List.of("b1"), ZERO_OR_MISSING, ANY, c -> new EditedNet(c) {
                            @Override
                            void edit(Map<String, Tensor> g) {
                                g.put("b1", Tensor.zeros(params().get("b1").shape()));  // the bug
                            }
                        }),
                bug("net.dW1-doubled", "W1's gradient is doubled", List.of("W1"), CONSTANT_SCALE, ANY,
                        c -> new EditedNet(c) {
                            @Override
                            void edit(Map<String, Tensor> g) {
                                g.put("W1", Ops.scale(g.get("W1"), 2));  // the bug
                            }
                        }),
                new Bug<>("net.stale-batch", "gradient backprops the batch of the previous call, cached, instead of the one given",
                        List.of("W1", "b1", "W2", "b2", "W3", "b3"), STATE, 1, ANY, NetBugs::staleCheck));
    }

    /** The stale variant, checked after one training step on another batch, as in a loop. */
    private static CheckResult staleCheck(NetShape s) {
        SimpleConvNet net = Fixture.net(s, c -> new SimpleConvNet(c) {
            private Tensor cached;

            @Override
            public Map<String, Tensor> gradient(Tensor x, Labels t) {
                Tensor use = cached == null ? x : cached;
                cached = x.copy();
                return super.gradient(use, t);  // the bug: the cached batch, not x
            }
        });
        net.gradient(Fixture.input(s, 1), Fixture.labels(s));
        return Fixture.check(net, s);
    }

    private static ShapeFamily<NetShape> family(Function<io.gradcheck.check.Shapes.Ints, NetShape> draw) {
        return new ShapeFamily<>(NetShape.class, draw, NetShape::n);
    }

    private static Bug<NetShape> bug(String id, String what, List<String> params, BugKind kind,
                                     ShapeFamily<NetShape> shapes, Function<NetConfig, SimpleConvNet> ctor) {
        return new Bug<>(id, what, params, kind, 1, shapes, s -> Fixture.check(Fixture.net(s, ctor), s));
    }
}

package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.MISROUTED;
import static io.gradcheck.check.BugKind.TRANSPOSED;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.check.BugKind;
import io.gradcheck.check.Shapes.PoolShape;
import java.util.List;
import java.util.function.Function;

/** Max pooling with one bug each: every variant is {@link PoolingCopy} with its routing overridden. */
final class PoolingBugs {
    private PoolingBugs() {
    }

    private static final ShapeFamily<PoolShape> WIDE = family(2, false, 1);
    private static final ShapeFamily<PoolShape> SQUARE_ISH = family(2, true, 1);
    private static final ShapeFamily<PoolShape> STRIDED = family(1, false, 2);

    static List<Bug<?>> all() {
        return List.of(
                bug("pool.first-element", "the gradient goes to the first element of the window instead of its maximum. "
                                + "Kind: an element receives the gradient that belongs to its window's maximum",
                        MISROUTED, WIDE, s -> new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected void route(double[] dx, int plane, int oy, int ox, int k, double g) {
                                send(dx, plane, oy * stride - pad, ox * stride - pad, g);  // the bug: k ignored
                            }
                        }),
                bug("pool.spread-evenly", "the gradient is spread evenly over the window: the average-pooling formula. "
                                + "Kind: the maximum's gradient is sent, in parts, to the other elements of its window",
                        MISROUTED, WIDE, s -> new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected void route(double[] dx, int plane, int oy, int ox, int k, double g) {
                                for (int kk = 0; kk < poolH * poolW; kk++) {  // the bug: every element, not the max
                                    send(dx, plane, oy * stride + kk / poolW - pad, ox * stride + kk % poolW - pad, g / (poolH * poolW));
                                }
                            }
                        }),
                bug("pool.argmax-wrong-axis", "the argmax offset is decoded along the wrong axes (row k % poolH, column k / poolH): transposed within the window",
                        TRANSPOSED, SQUARE_ISH, s -> new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected void route(double[] dx, int plane, int oy, int ox, int k, double g) {
                                send(dx, plane, oy * stride + k % poolH - pad, ox * stride + k / poolH - pad, g);  // the bug
                            }
                        }),
                bug("pool.stride-ignored", "backward places window (oy, ox) at (oy, ox) instead of (oy*stride, ox*stride). "
                                + "Kind: each window is moved by (stride - 1)·(oy, ox), a different offset per window, not one shift",
                        MISROUTED, STRIDED, s -> new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected void route(double[] dx, int plane, int oy, int ox, int k, double g) {
                                send(dx, plane, oy + k / poolW - pad, ox + k % poolW - pad, g);  // the bug: no stride
                            }
                        }));
    }

    private static ShapeFamily<PoolShape> family(int minWindow, boolean bothSides, int minStride) {
        return new ShapeFamily<>(PoolShape.class, in -> CatalogueShapes.pool(in, minWindow, bothSides, minStride), PoolShape::n);
    }

    private static Bug<PoolShape> bug(String id, String what, BugKind kind, ShapeFamily<PoolShape> shapes,
                                      Function<PoolShape, PoolingCopy> layer) {
        return new Bug<>(id, what, List.of("x"), kind, 1, shapes, s -> Fixture.check(layer.apply(s), Fixture.input(s)));
    }
}

package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.ARGUMENT_MODIFIED;
import static io.gradcheck.check.BugKind.CONSTANT_SCALE;
import static io.gradcheck.check.BugKind.WRONG_MASK;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.check.BugKind;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;

/** ReLU with one bug each: every variant is {@link ReluCopy} with one method overridden. */
final class ReluBugs {
    private ReluBugs() {
    }

    private static final ShapeFamily<ImageShape> IMAGES = new ShapeFamily<>(ImageShape.class, CatalogueShapes::images, ImageShape::n);

    static List<Bug<?>> all() {
        return List.of(
                bug("relu.mask-inverted", "backward passes the gradient where x <= 0 and blocks it where x > 0. "
                                + "Kind: the gradient passes where it should be blocked and the reverse, with the right value where both pass",
                        WRONG_MASK, () -> new ReluCopy() {
                            @Override
                            protected double gate(int i, double[] dout) {
                                return cut[i] ? dout[i] : 0;  // the bug
                            }
                        }),
                bug("relu.mask-from-dout", "backward cuts where dout <= 0 instead of where x <= 0. "
                                + "Kind: the mask is taken from the wrong tensor; where it passes, the value is right",
                        WRONG_MASK, () -> new ReluCopy() {
                            @Override
                            protected double gate(int i, double[] dout) {
                                return dout[i] <= 0 ? 0 : dout[i];  // the bug
                            }
                        }),
                bug("relu.mutates-dout", "backward zeroes dout in place and returns it, as the book does: the caller's array is changed",
                        ARGUMENT_MODIFIED, () -> new ReluCopy() {
                            @Override
                            public Tensor backward(Tensor dout) {
                                for (int i = 0; i < cut.length; i++) {
                                    dout.set(i, cut[i] ? 0 : dout.get(i));  // the bug: writes into the argument
                                }
                                return dout;
                            }
                        }),
                bug("relu.dx-doubled", "dx is twice the right value (the gradient added twice)",
                        CONSTANT_SCALE, () -> new ReluCopy() {
                            @Override
                            protected double gate(int i, double[] dout) {
                                return cut[i] ? 0 : 2 * dout[i];  // the bug
                            }
                        }));
    }

    private static Bug<ImageShape> bug(String id, String what, BugKind kind, Supplier<ReluCopy> layer) {
        return new Bug<>(id, what, List.of("x"), kind, 1, IMAGES, s -> Fixture.check(layer.get(), Fixture.input(s)));
    }
}

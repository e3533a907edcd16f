package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.BIAS_WRONG_AXIS;
import static io.gradcheck.check.BugKind.CONSTANT_SCALE;
import static io.gradcheck.check.BugKind.SHAPE_MISMATCH;
import static io.gradcheck.check.BugKind.NOT_TRANSPOSED;
import static io.gradcheck.check.BugKind.TRANSPOSED;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.check.BugKind;
import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Affine with one bug each: every variant is {@link AffineCopy} with one method overridden. */
final class AffineBugs {
    private AffineBugs() {
    }

    private static final ShapeFamily<AffineShape> ANY = new ShapeFamily<>(AffineShape.class, in -> CatalogueShapes.affine(in, 1), AffineShape::n);
    private static final ShapeFamily<AffineShape> BATCHES = new ShapeFamily<>(AffineShape.class, in -> CatalogueShapes.affine(in, 2), AffineShape::n);
    private static final ShapeFamily<AffineShape> SQUARE = new ShapeFamily<>(AffineShape.class, CatalogueShapes::squareAffine, AffineShape::n);

    static List<Bug<?>> all() {
        return List.of(
                bug("affine.dW-transposed", "dW = doutᵀ x instead of xᵀ dout: the transpose, which fits when W is square",
                        "W", TRANSPOSED, 1, SQUARE, wb -> new AffineCopy(wb) {
                            @Override
                            protected Tensor weightGrad(Tensor dout) {
                                return Ops.matmulTransA(dout, flat());  // the bug
                            }
                        }),
                bug("affine.dx-uses-W", "dx = dout W instead of dout Wᵀ, which fits when W is square. "
                                + "Kind: the local Jacobian W is used untransposed",
                        "x", NOT_TRANSPOSED, 1, SQUARE, wb -> new AffineCopy(wb) {
                            @Override
                            protected Tensor inputGrad(Tensor dout) {
                                return Ops.matmul(dout, W);  // the bug
                            }
                        }),
                bug("affine.db-one-row", "db is the first row of dout instead of its sum over the batch",
                        "b", BIAS_WRONG_AXIS, 2, BATCHES, wb -> new AffineCopy(wb) {
                            @Override
                            protected Tensor biasGrad(Tensor dout) {
                                return Tensor.of(Arrays.copyOf(dout.data(), dout.dim(1)), dout.dim(1));  // the bug
                            }
                        }),
                bug("affine.dx-not-reshaped", "dx is returned as (N, D): the input's 4-D shape is not restored",
                        "x", SHAPE_MISMATCH, 1, ANY, wb -> new AffineCopy(wb) {
                            @Override
                            protected Tensor restore(Tensor dx) {
                                return dx;  // the bug
                            }
                        }),
                bug("affine.dW-halved", "dW is halved (a stray 0.5, as if from the derivative of x²/2)",
                        "W", CONSTANT_SCALE, 1, ANY, wb -> new AffineCopy(wb) {
                            @Override
                            protected Tensor weightGrad(Tensor dout) {
                                return Ops.scale(super.weightGrad(dout), 0.5);  // the bug
                            }
                        }));
    }

    private static Bug<AffineShape> bug(String id, String what, String param, BugKind kind, int minBatch,
                                        ShapeFamily<AffineShape> shapes, Function<Tensor[], AffineCopy> layer) {
        return new Bug<>(id, what, List.of(param), kind, minBatch, shapes,
                s -> Fixture.check(layer.apply(Fixture.affineParams(s)), Fixture.input(s)));
    }
}

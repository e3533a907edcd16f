package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.CONSTANT_SCALE;
import static io.gradcheck.check.BugKind.MISSING_TERM;
import static io.gradcheck.check.BugKind.NOT_FINITE;
import static io.gradcheck.check.BugKind.SIGN_FLIPPED;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.bugs.CatalogueShapes.ScoresShape;
import io.gradcheck.check.BugKind;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;

/** SoftmaxWithLoss with one bug each in backward: {@link LossCopy} with one method overridden. */
final class LossBugs {
    private LossBugs() {
    }

    private static final ShapeFamily<ScoresShape> ANY = family(1);
    private static final ShapeFamily<ScoresShape> BATCHES = family(2);

    static List<Bug<?>> all() {
        return List.of(
                bug("loss.not-divided-by-N", "dx = y - t, not divided by the batch size N",
                        CONSTANT_SCALE, 2, BATCHES, 1, () -> new LossCopy() {
                            @Override
                            public Tensor backward(double dout) {
                                return Ops.scale(super.backward(dout), x.dim(0));  // the bug: undoes the / N
                            }
                        }),
                bug("loss.labels-as-one-hot", "y - t with t the class indices used as if one-hot: row i subtracts t[i] from every score. "
                                + "Kind: the softmax term is right and the target term is not (missing where t[i] = 0)",
                        MISSING_TERM, 1, ANY, 1, () -> new LossCopy() {
                            @Override
                            protected double target(int i, int j) {
                                return t.get(i);  // the bug
                            }
                        }),
                bug("loss.sign-flipped", "dx = (t - y) / N: the sign is flipped",
                        SIGN_FLIPPED, 1, ANY, 1, () -> new LossCopy() {
                            @Override
                            public Tensor backward(double dout) {
                                return Ops.scale(super.backward(dout), -1);  // the bug
                            }
                        }),
                bug("loss.times-loss", "dx is multiplied by the loss value (dout taken to be the loss instead of 1)",
                        CONSTANT_SCALE, 1, ANY, 1, () -> new LossCopy() {
                            @Override
                            public Tensor backward(double dout) {
                                return super.backward(dout * loss);  // the bug
                            }
                        }),
                bug("loss.softmax-unshifted", "backward recomputes softmax without subtracting the row max: exp overflows to NaN on large scores",
                        NOT_FINITE, 1, ANY, 1000, () -> new LossCopy() {
                            @Override
                            protected double softmax(int i, int j) {
                                int k = x.dim(1);
                                double sum = 0;
                                for (int c = 0; c < k; c++) {
                                    sum += Math.exp(x.get(i * k + c));  // the bug: no max subtracted
                                }
                                return Math.exp(x.get(i * k + j)) / sum;
                            }
                        }));
    }

    private static ShapeFamily<ScoresShape> family(int minBatch) {
        return new ShapeFamily<>(ScoresShape.class, in -> CatalogueShapes.scores(in, minBatch), ScoresShape::n);
    }

    /** scale: the standard deviation of the scores. */
    private static Bug<ScoresShape> bug(String id, String what, BugKind kind, int minBatch, ShapeFamily<ScoresShape> shapes,
                                        double scale, Supplier<LossCopy> loss) {
        return new Bug<>(id, what, List.of("x"), kind, minBatch, shapes, s -> Fixture.check(loss.get(), s, scale));
    }
}

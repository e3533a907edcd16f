package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.AXIS_SCALE;
import static io.gradcheck.check.BugKind.MISSING_TERM;
import static io.gradcheck.check.BugKind.NOT_TRANSPOSED;
import static io.gradcheck.check.BugKind.SIGN_FLIPPED;
import static io.gradcheck.check.BugKind.WRONG_MASK;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;

/**
 * Bugs of the kinds the old engine never named: a sign on part of the gradients, a scale per
 * example, a missing chain-rule term, a missing mask, an untransposed Jacobian (issue 13). Expected
 * kinds written before the engine ran on them.
 */
final class KindBugs {
    private KindBugs() {
    }

    static List<Bug<?>> all() {
        return List.of(
                Entries.affine("affine.db-negated", "db = -Σ dout: the bias alone gets the opposite sign; dW and dx are "
                        + "right", List.of("b"), SIGN_FLIPPED, wb -> new AffineCopy(wb) {
                            @Override
                            protected Tensor biasGrad(Tensor dout) {
                                return Ops.scale(super.biasGrad(dout), -1);  // the bug
                            }
                        }),
                Entries.loss("loss.divided-by-running-count", "row i of dx is divided by i + 1, the count so far of a "
                        + "running mean, instead of N. Kind: the ratio is N / (i + 1), one value per example",
                        AXIS_SCALE, 2, () -> new LossCopy() {
                            @Override
                            protected double count(int i, int n) {
                                return i + 1;  // the bug
                            }
                        }),
                Entries.loss("loss.target-forgotten", "dx = y / N: the softmax without subtracting the one-hot target. "
                        + "Kind: the term -t / N of the chain rule is missing", MISSING_TERM, 1, () -> new LossCopy() {
                            @Override
                            protected double target(int i, int j) {
                                return 0;  // the bug
                            }
                        }),
                Entries.loss("loss.softmax-denominator-ignored", "backward chains dL/dy = -t / y through softmax as if y = "
                        + "exp(x) alone (dy_j/dx_j = y_j), forgetting that the denominator depends on x: dx = -t / N. Kind: "
                        + "the chain-rule term through the denominator, y / N, is missing", MISSING_TERM, 1, () -> new LossCopy() {
                            @Override
                            public Tensor backward(double dout) {
                                int n = x.dim(0), k = x.dim(1);
                                Tensor dx = Tensor.zeros(n, k);
                                for (int i = 0; i < n; i++) {
                                    for (int j = 0; j < k; j++) {
                                        double y = softmax(i, j), dy = -target(i, j) / y / n;
                                        dx.set(i * k + j, dout * y * dy);  // the bug: the path through Σ exp is left out
                                    }
                                }
                                return dx;
                            }
                        }),
                Entries.relu("relu.mask-forgotten", "backward returns dout unmasked. Kind: the gradient passes where it "
                        + "should be blocked, with the right value where it should pass", WRONG_MASK, 1, () -> new ReluCopy() {
                            @Override
                            protected double gate(int i, double[] dout) {
                                return dout[i];  // the bug
                            }
                        }),
                Entries.conv("conv.dx-forward-matmul", "dcol = d Wᵀ, forward's matmul copied, where d W is right; it "
                        + "fits when FN = C*FH*FW. Kind: the local Jacobian is used untransposed", List.of("x"), NOT_TRANSPOSED, 1,
                        CatalogueShapes::squareFilterMatrix, (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected Tensor dcol(Tensor d) {
                                return Ops.matmulTransB(d, W.reshape(W.dim(0), -1));  // the bug
                            }
                        }));
    }
}

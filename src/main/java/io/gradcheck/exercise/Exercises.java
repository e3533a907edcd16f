package io.gradcheck.exercise;

import static io.gradcheck.check.BugKind.BIAS_WRONG_AXIS;
import static io.gradcheck.check.BugKind.BORDER;
import static io.gradcheck.check.BugKind.MISROUTED;
import static io.gradcheck.check.BugKind.SHIFTED;
import static io.gradcheck.check.BugKind.STATE;
import static io.gradcheck.check.BugKind.WRONG_MASK;
import static io.gradcheck.check.BugKind.CONSTANT_SCALE;
import static io.gradcheck.check.BugKind.MISSING_ACCUMULATION;
import static io.gradcheck.check.BugKind.SHAPE_MISMATCH;
import static io.gradcheck.check.BugKind.SWAPPED;
import static io.gradcheck.check.BugKind.TRANSPOSED;
import static io.gradcheck.check.BugKind.UNKNOWN;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/** The exercises, easiest first. docs/exercises/README.md lists them in this order. */
public final class Exercises {
    private Exercises() {
    }

    private static final List<Exercise> ALL = List.of(
            new Exercise("01", "net-gradient", "SimpleConvNet.gradient: one gradient handed over under the wrong name",
                    "Ex01NetGradient", Targets.net(), "b2", Set.of(SWAPPED, SHAPE_MISMATCH),
                    "gradient(), where the map of gradients is filled", List.of(
                    "The wrong gradient is b2, the bias of the first Affine layer (affine1).",
                    "b2's gradient is another parameter's gradient: it matches the numeric gradient of W2.",
                    "The concept: each name in the map must carry the gradient of that very parameter, taken from the layer that owns it. Look at the lines that fill the map, and ask of each which layer and which entry it takes."),
                    false),
            new Exercise("02", "relu", "ReLU: the gradient passes where it should be blocked",
                    "Ex02Relu", Targets.relu(), "x", Set.of(WRONG_MASK),
                    "backward()", List.of(
                    "Only dx is wrong; ReLU has no parameters.",
                    "dx is 0 where x > 0 and passes dout where x <= 0: exactly the wrong elements.",
                    "The concept: ReLU's local derivative is 1 where it let x through and 0 where it blocked it. Look at the line of backward that reads mask, and at what mask is true for."),
                    false),
            new Exercise("03", "softmax-with-loss", "SoftmaxWithLoss: the gradient of a mean",
                    "Ex03SoftmaxWithLoss", Targets.loss(2), "x", Set.of(CONSTANT_SCALE),
                    "backward()", List.of(
                    "Only dx, the gradient of the scores, is wrong. The loss that forward returns is right.",
                    "dx is N times too large, N the batch size: analytic / numeric is N on every element.",
                    "The concept: the loss is a mean over the batch, and the derivative of a mean keeps its 1/N. Look at the last loop of backward."),
                    true),
            new Exercise("04", "affine-bias", "Affine: the bias gradient of a batch",
                    "Ex04AffineBias", Targets.affine(2), "b", Set.of(BIAS_WRONG_AXIS),
                    "backward()", List.of(
                    "Only db is wrong; dW and dx are right.",
                    "db is the first example's row of dout alone: the other examples of the batch are left out.",
                    "The concept: b is added to the output of every example, so every example contributes to its gradient. Look at the loop that fills db."),
                    true),
            new Exercise("05", "affine-weights", "Affine: the weight gradient's transpose",
                    "Ex05AffineWeights", Targets.affine(1), "W", Set.of(SHAPE_MISMATCH, TRANSPOSED),
                    "backward()", List.of(
                    "Only dW is wrong; db and dx are right.",
                    "dW has the shape of Wᵀ, (M, D) instead of (D, M); where W is square, dW is the transpose of the right one.",
                    "The concept: a gradient has the shape of its parameter, and the chain rule through y = x · W puts x (transposed) on the left. Look at the line that computes dW, and the order of its factors."),
                    false),
            new Exercise("06", "pooling-argmax", "Max pooling: routing the gradient to the max",
                    "Ex06PoolingArgmax", Targets.pool(1), "x", Set.of(TRANSPOSED, MISROUTED),
                    "backward()", List.of(
                    "Only dx is wrong; pooling has no parameters.",
                    "Each gradient lands in its own window, but on the wrong element: the max's row and column in the window are decoded wrongly.",
                    "The concept: forward encodes the position (i, j) of the max in its window as one number k; backward must decode it the way forward encoded it. Look at the two lines that turn k into a row and a column."),
                    false),
            new Exercise("07", "pooling-stride", "Max pooling: windows that are stride apart",
                    "Ex07PoolingStride", Targets.pool(2), "x", Set.of(MISROUTED, SHIFTED),
                    "backward()", List.of(
                    "Only dx is wrong, and only when the stride is more than 1.",
                    "Window (oy, ox) starts at row oy * stride and column ox * stride of x; backward puts it at row oy and column ox.",
                    "The concept: backward must find each window where forward read it. Compare how forward places window (oy, ox) in x with the two lines of backward that compute the max's row and column."),
                    false),
            new Exercise("08", "col2im", "Convolution: col2im where windows overlap",
                    "Ex08Col2im", Targets.conv(true, -1), "x", Set.of(MISSING_ACCUMULATION),
                    "col2im(), at the bottom of the file,", List.of(
                    "dW and db are right; dx is wrong.",
                    "dx is wrong only at input elements that lie in more than one window: the contributions of overlapping windows replace each other.",
                    "The concept: when one input feeds several outputs, its gradient is a sum over them. Look at the line of col2im that writes into dx."),
                    true),
            new Exercise("09", "conv-weights", "Convolution: reshaping the weight gradient",
                    "Ex09ConvWeights", Targets.conv(false, -1), "W", Set.of(TRANSPOSED, MISROUTED),
                    "backward()", List.of(
                    "Only dW is wrong; db and dx are right.",
                    "dW holds the right numbers in the wrong places: it is laid out (C*FH*FW, FN) and read as (FN, C, FH, FW).",
                    "The concept: a reshape keeps the numbers in memory order, so the product must already have the layout (FN, C*FH*FW) before it is reshaped. Look at the line that computes dW, and the order of its factors."),
                    false),
            new Exercise("10", "conv-padding", "Convolution: col2im with padding",
                    "Ex10ConvPadding", Targets.conv(false, 2), "x", Set.of(SHIFTED, MISROUTED, BORDER, UNKNOWN),
                    "col2im(), at the bottom of the file,", List.of(
                    "dW and db are right; dx is wrong, and only when pad > 0.",
                    "dx is shifted by pad rows and columns: col2im writes into x as if x had no padding around it.",
                    "The concept: col2im undoes the indexing of im2col, padding included. Compare where im2col reads offset (i, j) of a window with the two lines of col2im that compute the row and the column."),
                    true),
            new Exercise("11", "conv-stride", "Convolution: col2im with a stride",
                    "Ex11ConvStride", Targets.conv(false, -1), "x", Set.of(MISROUTED, SHIFTED),
                    "col2im(), at the bottom of the file,", List.of(
                    "dW and db are right; dx is wrong, and only when the stride is more than 1.",
                    "Every entry of dcol goes back to an input element, but the windows are laid back side by side, one pixel apart, not where im2col took them from.",
                    "The concept is that col2im undoes the indexing of im2col: compare where im2col reads window (oy, ox) with where col2im writes it, in the two lines of col2im that compute the row and the column."),
                    true),
            new Exercise("12", "pooling-overlap", "Max pooling: windows that overlap",
                    "Ex12PoolingOverlap", Targets.pool(1), "x", Set.of(MISSING_ACCUMULATION, UNKNOWN),
                    "backward()", List.of(
                    "Only dx is wrong, and only when the stride is smaller than the window, so that windows overlap.",
                    "An input element that is the max of two windows should get the gradient of both; it gets only one of them.",
                    "The concept is the multivariate chain rule: when one input feeds several outputs, its gradient is a sum over those outputs. Look at the line of backward that hands a window's gradient to its max."),
                    false),
            new Exercise("13", "pooling-batch", "Max pooling: what forward remembers for a batch",
                    "Ex13PoolingBatch", Targets.pool(1), "x", Set.of(MISROUTED, STATE, UNKNOWN),
                    "forward() and backward(), where argmax is made, filled and read,", List.of(
                    "Only dx is wrong, and only when the batch has more than one image.",
                    "The gradients of every image go to the positions of the maxima of the last image of the batch.",
                    "The concept is that backward needs the state of every example of the batch, not one copy shared by all. Look at how big argmax is, and at the index it is written and read with."),
                    false),
            new Exercise("14", "conv-nonsquare", "Convolution: filters that are not square",
                    "Ex14ConvNonSquare", Targets.conv(false, -1), "x", Set.of(UNKNOWN),
                    "col2im(), at the bottom of the file,", List.of(
                    "dW and db are right; dx is wrong, and only when the filters are not square (FH is not FW).",
                    "col2im walks the entries of a window in a different order, or over a different rectangle, than im2col laid them out.",
                    "The concept is that col2im must visit the entries of a window row by row exactly as im2col wrote them: FH rows of FW columns. Look at the bounds of the two loops over a window's offsets in col2im."),
                    true),
            new Exercise("15", "affine-state", "Affine: a gradient that outlives its call",
                    "Ex15AffineState", Targets.affine(1), "W", Set.of(STATE),
                    "backward()", List.of(
                    "Only dW is wrong, and not on the first call of backward: on the calls after it.",
                    "dW depends on the earlier calls of backward, not only on the dout and x of this one: backward is not linear in dout.",
                    "The concept is that a layer's gradient belongs to one forward and backward: what is summed over the batch inside one call must not carry over to the next. Look at how backward sets dW."),
                    false),
            new Exercise("16", "softmax-epsilon", "SoftmaxWithLoss: the book's 1e-7",
                    "Ex16SoftmaxEpsilon", Targets.loss(2, 8), "x", Set.of(UNKNOWN, CONSTANT_SCALE),
                    "backward()", List.of(
                    "Only dx is wrong, and only by a little: where the true class gets a tiny probability.",
                    "dx is the gradient of a slightly different loss, the book's -log(y + 1e-7), not of the loss forward returns; the two differ by a factor close to 1.",
                    "The concept is that a gradient check compares backward with the function forward computes, to a tolerance meant for rounding and truncation, not for a changed function. Look at the factor backward applies to each row."),
                    true));

    /** Every exercise, easiest first. */
    public static List<Exercise> all() {
        return ALL;
    }

    /** The exercise with this id: "4", "04" and "affine-bias" all name exercise 04. */
    public static Exercise byId(String id) {
        String key = id.strip();
        String padded = key.length() == 1 ? "0" + key : key;
        return ALL.stream().filter(e -> e.id().equals(padded) || e.slug().equals(key)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no exercise '" + id + "': expected 01.."
                        + ALL.get(ALL.size() - 1).id() + " or a name such as " + ALL.get(0).slug()));
    }
}

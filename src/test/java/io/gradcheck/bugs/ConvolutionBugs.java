package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.BIAS_WRONG_AXIS;
import static io.gradcheck.check.BugKind.BORDER;
import static io.gradcheck.check.BugKind.CONSTANT_SCALE;
import static io.gradcheck.check.BugKind.MISROUTED;
import static io.gradcheck.check.BugKind.MISSING_ACCUMULATION;
import static io.gradcheck.check.BugKind.SHAPE_MISMATCH;
import static io.gradcheck.check.BugKind.STATE;
import static io.gradcheck.check.BugKind.TRANSPOSED;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.bugs.CatalogueShapes.ConvNeeds;
import io.gradcheck.check.BugKind;
import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.function.BiFunction;

/** Convolution, im2col and col2im with one bug each: {@link ConvolutionCopy} with one method overridden. */
final class ConvolutionBugs {
    private ConvolutionBugs() {
    }

    private static final ConvNeeds ANY = ConvNeeds.ANY;

    static List<Bug<?>> all() {
        return List.of(
                bug("conv.col2im-overwrites", "col2im assigns instead of adding, so overlapping windows overwrite each other",
                        "x", MISSING_ACCUMULATION, ANY.overlapping(), (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected void add(double[] img, int at, double v) {
                                img[at] = v;  // the bug: = instead of +=
                            }
                        }),
                bug("conv.col2im-not-cropped", "col2im returns the padded image: the padding is not cropped",
                        "x", SHAPE_MISMATCH, ANY.pad(1), (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected Tensor crop(Tensor img) {
                                return img;  // the bug
                            }
                        }),
                bug("conv.col2im-crop-short", "col2im crops one row short (y < H - 1): the last row of dx stays 0",
                        "x", BORDER, ANY.size(3), (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected int rows(int h) {
                                return h - 1;  // the bug: off by one
                            }
                        }),
                bug("conv.col2im-stride-ignored", "col2im steps windows by 1 instead of by the stride. "
                                + "Kind: window (oy, ox)'s gradient lands (stride - 1)·(oy, ox) too early, a different offset per window, not one shift",
                        "x", MISROUTED, ANY.stride(2), (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected int step() {
                                return 1;  // the bug
                            }
                        }),
                bug("conv.dW-filter-order", "dW is laid out (C, FN, FH, FW) and read as (FN, C, FH, FW)",
                        "W", TRANSPOSED, ANY.channelsAndFilters(2), (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected Tensor filterGrad(Tensor d, Tensor col) {
                                return Ops.permute(super.filterGrad(d, col), 1, 0, 2, 3).reshape(W.shape());  // the bug
                            }
                        }),
                bug("conv.db-wrong-axis", "db sums dout over axes (1, 2, 3) instead of (0, 2, 3): one value per example, not per filter",
                        "b", BIAS_WRONG_AXIS, ANY.batchAsFilters(), (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected Tensor biasGrad(Tensor dout, Tensor d) {
                                return Ops.sum(Ops.sum(Ops.sum(dout, 3), 2), 1);  // the bug: keeps axis 0
                            }
                        }),
                bug("conv.db-times-N", "db is scaled by the batch size N (a sum where the mean was undone twice)",
                        "b", CONSTANT_SCALE, ANY.batch(2), (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected Tensor biasGrad(Tensor dout, Tensor d) {
                                return Ops.scale(super.biasGrad(dout, d), dout.dim(0));  // the bug
                            }
                        }),
                new Bug<>("conv.dW-accumulates", "dW is added to the previous call's dW instead of replacing it (not reset between steps)",
                        List.of("W"), STATE, 1, family(ANY), ConvolutionBugs::accumulatingCheck));
    }

    /** The accumulating variant, checked after one training step on another batch, as in a loop. */
    private static CheckResult accumulatingCheck(ConvShape s) {
        ConvolutionCopy layer = new ConvolutionCopy(Fixture.convParams(s), s.stride(), s.pad()) {
            private Tensor sum;

            @Override
            protected Tensor filterGrad(Tensor d, Tensor col) {
                sum = sum == null ? super.filterGrad(d, col) : Ops.add(sum, super.filterGrad(d, col));  // the bug
                return sum;
            }
        };
        Tensor previous = Ops.scale(Fixture.input(s), -0.5);
        layer.backward(Ops.map(layer.forward(previous), v -> 1.0));
        return Fixture.check(layer, Fixture.input(s));
    }

    private static ShapeFamily<ConvShape> family(ConvNeeds need) {
        return new ShapeFamily<>(ConvShape.class, in -> CatalogueShapes.conv(in, need), ConvShape::n);
    }

    private static Bug<ConvShape> bug(String id, String what, String param, BugKind kind, ConvNeeds need,
                                      BiFunction<Tensor[], ConvShape, ConvolutionCopy> layer) {
        return new Bug<>(id, what, List.of(param), kind, need.minBatch(), family(need),
                s -> Fixture.check(layer.apply(Fixture.convParams(s), s), Fixture.input(s)));
    }
}

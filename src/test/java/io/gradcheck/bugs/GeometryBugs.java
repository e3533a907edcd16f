package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.MISROUTED;
import static io.gradcheck.check.BugKind.MISSING_ACCUMULATION;
import static io.gradcheck.check.BugKind.SHIFTED;

import io.gradcheck.bugs.CatalogueShapes.ConvNeeds;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;

/**
 * Bugs in where a window's gradient lands: pad and stride off by one, non-square filters and
 * windows, overlapping windows, a flipped filter (issue 13). Expected kinds written before the
 * engine ran on them.
 */
final class GeometryBugs {
    private GeometryBugs() {
    }

    static List<Bug<?>> all() {
        return List.of(
                Entries.conv("conv.col2im-crop-off-by-one", "col2im crops the padded image from pad + 1 instead of pad, "
                        + "on both axes. Kind: dx is the right gradient moved by one row and one column",
                        List.of("x"), SHIFTED, 1, CatalogueShapes::paddedConv,
                        (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected int offset() {
                                return pad + 1;  // the bug
                            }
                        }),
                Entries.pool("pool.pad-ignored-in-backward", "with pad 1, backward places each maximum at its padded "
                        + "coordinates (y + pad, x + pad) in the unpadded dx. Kind: every gradient moved by pad on both axes",
                        SHIFTED, 1, CatalogueShapes::paddedPool, s -> new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected void route(double[] dx, int plane, int oy, int ox, int k, double g) {
                                send(dx, plane, oy * stride + k / poolW, ox * stride + k % poolW, g);  // the bug: no - pad
                            }
                        }),
                Entries.conv("conv.filter-sizes-swapped", "col2im walks each window as FW rows of FH columns "
                        + "(fh = W.dim(3), fw = W.dim(2)) with fh = fw + 1. Kind: each window's values land at the wrong "
                        + "places of the image", List.of("x"), MISROUTED, 1, CatalogueShapes::tallFilters,
                        (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected int[] window() {
                                return new int[] {W.dim(3), W.dim(2)};  // the bug
                            }
                        }),
                Entries.pool("pool.window-sizes-swapped", "backward decodes the argmax offset k with poolH as the row "
                        + "length (row k / poolH, column k % poolH), where poolH != poolW. Kind: the gradient goes to "
                        + "another element than the maximum", MISROUTED, 1, CatalogueShapes::unequalWindows,
                        s -> new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected void route(double[] dx, int plane, int oy, int ox, int k, double g) {
                                send(dx, plane, oy * stride + k / poolH - pad, ox * stride + k % poolH - pad, g);  // the bug
                            }
                        }),
                Entries.pool("pool.overlap-overwrites", "backward assigns dx[max] = g instead of adding, where windows "
                        + "overlap (stride < poolH). Kind: a maximum shared by two windows keeps one window's gradient",
                        MISSING_ACCUMULATION, 1, CatalogueShapes::overlappingPool,
                        s -> new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected void deposit(double[] dx, int at, double g) {
                                dx[at] = g;  // the bug: = instead of +=
                            }
                        }),
                Entries.conv("conv.dx-filter-flipped", "dx uses the filters rotated by 180 degrees (convolution where "
                        + "forward is a cross-correlation); dW is right. Kind: each window's contributions land at the "
                        + "mirrored places", List.of("x"), MISROUTED, 1, in -> CatalogueShapes.conv(in, ConvNeeds.ANY.size(2)),
                        (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected Tensor dcol(Tensor d) {
                                return Ops.matmul(d, rotated(W).reshape(W.dim(0), -1));  // the bug
                            }
                        }));
    }

    /** Filters (FN, C, FH, FW) rotated by 180 degrees in (FH, FW). W: not modified. */
    static Tensor rotated(Tensor w) {
        int fh = w.dim(2), fw = w.dim(3);
        Tensor r = Tensor.zeros(w.shape());
        for (int i = 0; i < w.size(); i++) {
            int[] at = w.unflatten(i);
            r.set(i, w.at(at[0], at[1], fh - 1 - at[2], fw - 1 - at[3]));
        }
        return r;
    }
}

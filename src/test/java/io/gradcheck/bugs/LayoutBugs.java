package io.gradcheck.bugs;

import static io.gradcheck.check.BugKind.MISROUTED;
import static io.gradcheck.check.BugKind.TRANSPOSED;

import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;

/**
 * Bugs in how an array's memory is read: an axis order mistaken for another, a reshape where a
 * transpose was meant (issue 13). Each puts right values in the wrong places. Expected kinds
 * written before the engine ran on them.
 */
final class LayoutBugs {
    private LayoutBugs() {
    }

    static List<Bug<?>> all() {
        return List.of(
                Entries.conv("conv.dout-read-as-NHWC", "backward reads dout (N, FN, H, W) as if it were (N, H, W, FN): "
                        + "reshape(-1, FN) without the permute. Kind: every gradient is built from dout's values at the wrong "
                        + "positions", List.of("W", "b", "x"), MISROUTED, 1, CatalogueShapes::filtersAndPositions,
                        (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected Tensor byRow(Tensor dout) {
                                return dout.reshape(-1, W.dim(0));  // the bug
                            }
                        }),
                Entries.pool("pool.batch-channel-exchanged", "backward numbers the planes c·N + n instead of n·C + c, "
                        + "with N != C. Kind: dx is laid out (C, N, H, W) and read as (N, C, H, W), as conv.dW-filter-order's "
                        + "(C, FN) read as (FN, C)", TRANSPOSED, 2, CatalogueShapes::batchNotChannels,
                        s -> new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected void route(double[] dx, int plane, int oy, int ox, int k, double g) {
                                super.route(dx, plane % xShape[1] * xShape[0] + plane / xShape[1], oy, ox, k, g);  // the bug
                            }
                        }),
                Entries.conv("conv.col2im-column-order", "col2im reads dcol's columns in the order (i, j, c) instead of "
                        + "im2col's (c, i, j). Kind: the values of a window land at another channel's or tap's place",
                        List.of("x"), MISROUTED, 1, CatalogueShapes::channelsAndTaps,
                        (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected int column(int ch, int i, int j, int c, int fh, int fw) {
                                return (i * fw + j) * c + ch;  // the bug
                            }
                        }),
                Entries.conv("conv.dW-reshape-not-transpose", "dW = colᵀ d, (C*FH*FW, FN), is reshaped to (FN, C, FH, FW) "
                        + "without the transpose (the book's transpose(1, 0) forgotten). Kind: dW's values in the wrong places, "
                        + "no exchange of two axes with FH*FW >= 2", List.of("W"), MISROUTED, 1, CatalogueShapes::filtersOfTwoTaps,
                        (wb, s) -> new ConvolutionCopy(wb, s.stride(), s.pad()) {
                            @Override
                            protected Tensor filterGrad(Tensor d, Tensor col) {
                                return Ops.matmulTransA(col, d).reshape(W.shape());  // the bug
                            }
                        }));
    }
}

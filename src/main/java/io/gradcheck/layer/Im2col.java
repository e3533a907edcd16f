package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;
import java.util.Arrays;

/**
 * The book's im2col and col2im: unfold every filter window of an image batch into one row.
 * Rows are ordered (n, oy, ox) and columns (c, i, j), exactly as the book's numpy code orders them.
 */
public final class Im2col {
    private Im2col() {
    }

    /**
     * (N, C, H, W) -> (N*outH*outW, C*fh*fw). Padding reads as zeros. x: not modified.
     *
     * @throws IllegalArgumentException if x is not 4-D or the window does not fit
     */
    public static Tensor im2col(Tensor x, int fh, int fw, int stride, int pad) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("Im2col.im2col: expected [N, C, H, W], got " + x.shapeString());
        }
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int outH = Checks.outSize("Im2col.im2col", "height", h, fh, pad, stride, false);
        int outW = Checks.outSize("Im2col.im2col", "width", w, fw, pad, stride, false);
        Tensor col = Tensor.zeros(n * outH * outW, c * fh * fw);
        double[] xd = x.data();
        double[] cd = col.data();
        int row = 0;
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, row++) {
                    int k = row * c * fh * fw;
                    for (int ch = 0; ch < c; ch++) {
                        for (int i = 0; i < fh; i++) {
                            int y = oy * stride + i - pad;
                            for (int j = 0; j < fw; j++, k++) {
                                int xx = ox * stride + j - pad;
                                if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                    cd[k] = xd[((b * c + ch) * h + y) * w + xx];
                                }
                            }
                        }
                    }
                }
            }
        }
        return col;
    }

    /**
     * The adjoint of im2col: (N*outH*outW, C*fh*fw) -> (N, C, H, W). Where windows overlap the
     * values add up; what falls in the padding is dropped. col: not modified.
     *
     * @param xShape the shape (N, C, H, W) of the image that im2col unfolded
     */
    public static Tensor col2im(Tensor col, int[] xShape, int fh, int fw, int stride, int pad) {
        int n = xShape[0], c = xShape[1], h = xShape[2], w = xShape[3];
        int outH = Checks.outSize("Im2col.col2im", "height", h, fh, pad, stride, false);
        int outW = Checks.outSize("Im2col.col2im", "width", w, fw, pad, stride, false);
        Checks.requireShape("Im2col.col2im", col, new int[] {n * outH * outW, c * fh * fw});
        Tensor x = Tensor.zeros(xShape);
        double[] xd = x.data();
        double[] cd = col.data();
        int row = 0;
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, row++) {
                    int k = row * c * fh * fw;
                    for (int ch = 0; ch < c; ch++) {
                        for (int i = 0; i < fh; i++) {
                            int y = oy * stride + i - pad;
                            for (int j = 0; j < fw; j++, k++) {
                                int xx = ox * stride + j - pad;
                                if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                    xd[((b * c + ch) * h + y) * w + xx] += cd[k];
                                }
                            }
                        }
                    }
                }
            }
        }
        return x;
    }

    /**
     * im2col transposed, for the convolution's GEMM: x (N, C, H, W) -> colT (C*fh*fw, N*outH*outW),
     * rows ordered (c, i, j) and columns (n, oy, ox), so that each row is a long contiguous run.
     * Padding reads as zeros. x: not modified. colT: modified (every element overwritten).
     */
    static void im2colT(double[] x, int n, int c, int h, int w, int fh, int fw, int stride, int pad,
                        int outH, int outW, double[] colT) {
        im2colT(x, 0, n, c, h, w, fh, fw, stride, pad, outH, outW, colT);
    }

    /**
     * {@link #im2colT} of the n images from image {@code first} on, for a convolution computed per group
     * of images: x (first + n or more, C, H, W) -> colT (C*fh*fw, n*outH*outW). x: not modified. colT:
     * modified (its first C*fh*fw*n*outH*outW elements overwritten).
     */
    static void im2colT(double[] x, int first, int n, int c, int h, int w, int fh, int fw, int stride, int pad,
                        int outH, int outW, double[] colT) {
        int plane = outH * outW, cols = n * plane;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < fh; i++) {
                for (int j = 0; j < fw; j++) {
                    int row = ((ch * fh + i) * fw + j) * cols;
                    for (int b = 0; b < n; b++) {
                        for (int oy = 0; oy < outH; oy++) {
                            int y = oy * stride + i - pad;
                            int dst = row + b * plane + oy * outW;
                            if (y < 0 || y >= h) {
                                Arrays.fill(colT, dst, dst + outW, 0.0);
                                continue;
                            }
                            int src = (((first + b) * c + ch) * h + y) * w;
                            for (int ox = 0; ox < outW; ox++) {
                                int xx = ox * stride + j - pad;
                                colT[dst + ox] = xx >= 0 && xx < w ? x[src + xx] : 0.0;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2colT}: colT (C*fh*fw, N*outH*outW) -> dx (N, C, H, W), adding where
     * windows overlap and dropping what falls in the padding. colT: not modified. dx: modified
     * (overwritten).
     */
    static void col2imT(double[] colT, int n, int c, int h, int w, int fh, int fw, int stride, int pad,
                        int outH, int outW, double[] dx) {
        col2imT(colT, 0, n, c, h, w, fh, fw, stride, pad, outH, outW, dx);
    }

    /**
     * {@link #col2imT} into the n images of dx from image {@code first} on: colT (C*fh*fw, n*outH*outW)
     * -> dx[first .. first + n) (n, C, H, W). colT: not modified. dx: those images modified
     * (overwritten), the others not.
     */
    static void col2imT(double[] colT, int first, int n, int c, int h, int w, int fh, int fw, int stride, int pad,
                        int outH, int outW, double[] dx) {
        Arrays.fill(dx, first * c * h * w, (first + n) * c * h * w, 0.0);
        int plane = outH * outW, cols = n * plane;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < fh; i++) {
                for (int j = 0; j < fw; j++) {
                    int row = ((ch * fh + i) * fw + j) * cols;
                    for (int b = 0; b < n; b++) {
                        for (int oy = 0; oy < outH; oy++) {
                            int y = oy * stride + i - pad;
                            if (y < 0 || y >= h) {
                                continue;
                            }
                            int src = row + b * plane + oy * outW;
                            int dst = (((first + b) * c + ch) * h + y) * w;
                            for (int ox = 0; ox < outW; ox++) {
                                int xx = ox * stride + j - pad;
                                if (xx >= 0 && xx < w) {
                                    dx[dst + xx] += colT[src + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

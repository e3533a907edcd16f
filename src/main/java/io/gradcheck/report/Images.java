package io.gradcheck.report;

import io.gradcheck.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Small grayscale PNGs as data URIs, so a report needs no files beside it. */
final class Images {
    static {
        // no cache file: ImageIO's file cache registers a shutdown hook, which fails ("Shutdown in progress")
        // when a report is written while the JVM stops on Ctrl-C
        ImageIO.setUseCache(false);
    }

    private Images() {
    }

    /**
     * A rows x cols image of values scaled from [lo, hi] to black..white, each pixel drawn as a
     * zoom x zoom block.
     */
    static String png(double[] v, int offset, int rows, int cols, double lo, double hi, int zoom) {
        BufferedImage img = new BufferedImage(cols * zoom, rows * zoom, BufferedImage.TYPE_BYTE_GRAY);
        double span = hi > lo ? hi - lo : 1;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, (v[offset + i * cols + j] - lo) / span)));
                int rgb = (g << 16) | (g << 8) | g;
                for (int a = 0; a < zoom; a++) {
                    for (int b = 0; b < zoom; b++) {
                        img.setRGB(j * zoom + b, i * zoom + a, rgb);
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** The first channel of filter f of W (FN, C, FH, FW), scaled by its own min and max as in the book's figure. */
    static String filter(Tensor W, int f) {
        int fh = W.dim(2), fw = W.dim(3), off = f * W.dim(1) * fh * fw;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < fh * fw; k++) {
            lo = Math.min(lo, W.get(off + k));
            hi = Math.max(hi, W.get(off + k));
        }
        return png(W.data(), off, fh, fw, lo, hi, Math.max(1, 40 / Math.max(fh, fw)));
    }
}

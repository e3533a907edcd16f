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
                for (int a = 0; a < zoom; a++) {
                    for (int b = 0; b < zoom; b++) {
                        // the byte itself: setRGB would convert to linear gray, and 0 (grey 128) would show as 55
                        img.getRaster().setSample(j * zoom + b, i * zoom + a, 0, g);
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

    /**
     * The first channel of filter f of W (FN, C, FH, FW) on the shared scale from -m (black) through
     * 0 (mid grey) to +m (white), so that filters compare with each other and grey means zero.
     */
    static String filter(Tensor W, int f, double m) {
        int fh = W.dim(2), fw = W.dim(3), off = f * W.dim(1) * fh * fw;
        return png(W.data(), off, fh, fw, -m, m, Math.max(1, 40 / Math.max(fh, fw)));
    }

    /** The largest |value| of the first channel of W's filters: the end of their shared scale, or 1 if all are 0. */
    static double filterScale(Tensor W) {
        int c = W.dim(1), fhw = W.dim(2) * W.dim(3);
        double m = 0;
        for (int f = 0; f < W.dim(0); f++) {
            for (int k = 0; k < fhw; k++) {
                double v = Math.abs(W.get(f * c * fhw + k));
                m = Double.isFinite(v) ? Math.max(m, v) : m;
            }
        }
        return m > 0 ? m : 1;
    }

    /** A colour bar for the scale from lo (left, black) to hi (right, white): 201 x 12 pixels. */
    static String bar(double lo, double hi) {
        int n = 201, h = 12;
        double[] v = new double[n * h];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = lo + (hi - lo) * j / (n - 1);
            }
        }
        return png(v, 0, h, n, lo, hi, 1);
    }
}

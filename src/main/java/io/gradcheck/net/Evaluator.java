package io.gradcheck.net;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Counts right answers with the forward pass of our own six layers, fused and in buffers that are
 * reused from call to call: nothing per batch but a few small wrappers. Inference needs no masks,
 * no argmax of the pooling and no copy of the input, so it writes the convolution's output
 * (FN, G·OH·OW) for {@value #GROUP} images at a time, small enough to stay in cache, and reads it
 * once to add the bias, apply ReLU and take the 2x2 maxima straight into the Affine layer's input.
 *
 * <p>Each step is the arithmetic of the layer it replaces, in the same order (the same products,
 * the bias added after the product, ReLU as {@code v <= 0 ? 0 : v}, the first of tied maxima), so the
 * scores are those of {@link SimpleConvNet#predict} bit for bit ({@code EvaluatorTest}). One per
 * thread: not thread-safe. Reads the network's parameters live, never writes them.
 */
final class Evaluator {
    /** Images per convolution product: colT (C·FH·FW, 10·OH·OW) and its output stay in cache. */
    static final int GROUP = 10;
    private final SimpleConvNet net;
    private final int c, h, w, fn, fh, fw, stride, pad, outH, outW, poolH, poolW, hidden, classes;
    private final double[][] colT = new double[GROUP + 1][];  // by group size, (C·FH·FW, g·OH·OW)
    private final double[][] conv = new double[GROUP + 1][];  // (FN, g·OH·OW)
    private double[] pooled, hid, scores;  // (n, FN·PH·PW), (n, hidden), (n, classes) for the last n

    Evaluator(SimpleConvNet net) {
        this.net = net;
        NetConfig cfg = net.config();
        int[] in = cfg.inputDim();
        c = in[0];
        h = in[1];
        w = in[2];
        ConvConfig cc = cfg.conv();
        fn = cc.filterNum();
        fh = cc.filterSize();
        fw = cc.filterSize();
        stride = cc.stride();
        pad = cc.pad();
        outH = (h + 2 * pad - fh) / stride + 1;
        outW = (w + 2 * pad - fw) / stride + 1;
        poolH = (outH - 2) / 2 + 1;  // 2x2 windows of stride 2, no padding, as Pool1
        poolW = (outW - 2) / 2 + 1;
        hidden = cfg.hiddenSize();
        classes = cfg.outputSize();
    }

    /** Whether this class computes what net's forward pass does: a plain SimpleConvNet of our six layers. */
    static boolean fits(SimpleConvNet net) {
        if (net.getClass() != SimpleConvNet.class) {
            return false;
        }
        for (Map.Entry<String, Layer> e : net.layers().entrySet()) {
            if (!Layout.ours(e.getKey(), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of images among [from, from + n) whose highest score is their label. images (N, C, H, W)
     * flat and labels: not modified; the labels must be in [0, classes).
     */
    int correct(double[] images, int[] labels, int from, int n) {
        double[] y = scores(images, from, n);
        int right = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (y[i * classes + j] > y[i * classes + best]) {  // the first of tied maxima, as SimpleConvNet.correct
                    best = j;
                }
            }
            right += best == labels[from + i] ? 1 : 0;
        }
        return right;
    }

    /** The class scores (n, classes) of images [from, from + n), in a buffer reused by the next call. */
    double[] scores(double[] images, int from, int n) {
        Map<String, Tensor> p = net.params();
        int d = fn * poolH * poolW;
        if (pooled == null || pooled.length != n * d) {
            pooled = new double[n * d];
            hid = new double[n * hidden];
            scores = new double[n * classes];
        }
        Tensor w1 = p.get("W1").reshape(fn, c * fh * fw);
        for (int g0 = 0; g0 < n; g0 += GROUP) {
            int g = Math.min(GROUP, n - g0);
            convReluPool(images, from + g0, g, w1, p.get("b1").data(), g0 * d);
        }
        affine(Tensor.wrap(pooled, n, d), p.get("W2"), p.get("b2").data(), hid, true);
        affine(Tensor.wrap(hid, n, hidden), p.get("W3"), p.get("b3").data(), scores, false);
        return scores;
    }

    /** Images [first, first + g): convolution, bias, ReLU and 2x2 max pooling into pooled from row offset at. */
    private void convReluPool(double[] images, int first, int g, Tensor w1, double[] b1, int at) {
        int plane = outH * outW, cols = g * plane;
        if (colT[g] == null) {
            colT[g] = new double[c * fh * fw * cols];
            conv[g] = new double[fn * cols];
        }
        double[] col = colT[g], o2 = conv[g];
        im2colT(images, first, g, col);  // (g, C, H, W) -> (C*FH*FW, g*OH*OW)
        Ops.matmulInto(w1, false, Tensor.wrap(col, c * fh * fw, cols), false, Tensor.wrap(o2, fn, cols));
        for (int img = 0; img < g; img++) {  // (FN, g, OH, OW) -> (g, FN, PH, PW), with bias and ReLU
            for (int f = 0; f < fn; f++) {
                double bias = b1[f];
                int src = f * cols + img * plane, dst = at + (img * fn + f) * poolH * poolW;
                for (int py = 0; py < poolH; py++) {
                    int r0 = src + 2 * py * outW, r1 = r0 + outW;
                    for (int px = 0; px < poolW; px++) {
                        double best = relu(o2[r0 + 2 * px] + bias);  // Pooling's order: the first maximum wins
                        double v = relu(o2[r0 + 2 * px + 1] + bias);
                        best = v > best ? v : best;
                        v = relu(o2[r1 + 2 * px] + bias);
                        best = v > best ? v : best;
                        v = relu(o2[r1 + 2 * px + 1] + bias);
                        pooled[dst + py * poolW + px] = v > best ? v : best;
                    }
                }
            }
        }
    }

    /** Relu.forward's value: 0 where v <= 0, else v (NaN stays NaN). */
    private static double relu(double v) {
        return v <= 0 ? 0.0 : v;
    }

    /** out (n, m) = x (n, k) W (k, m) + b, then ReLU if asked, as Affine.forward and Relu.forward. */
    private static void affine(Tensor x, Tensor weights, double[] b, double[] out, boolean relu) {
        int n = x.dim(0), m = weights.dim(1);
        Ops.matmulInto(x, false, weights, false, Tensor.wrap(out, n, m));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double v = out[i * m + j] + b[j];
                out[i * m + j] = relu ? relu(v) : v;
            }
        }
    }

    /**
     * Layer Im2col's transposed im2col for g images from image first: colT (C*FH*FW, g*OH*OW), rows
     * (c, i, j), columns (n, oy, ox); the padding reads as zeros. images: not modified.
     */
    private void im2colT(double[] images, int first, int g, double[] col) {
        int plane = outH * outW, cols = g * plane;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < fh; i++) {
                for (int j = 0; j < fw; j++) {
                    int row = ((ch * fh + i) * fw + j) * cols;
                    for (int b = 0; b < g; b++) {
                        for (int oy = 0; oy < outH; oy++) {
                            int y = oy * stride + i - pad;
                            int dst = row + b * plane + oy * outW;
                            if (y < 0 || y >= h) {
                                Arrays.fill(col, dst, dst + outW, 0.0);
                                continue;
                            }
                            int src = (((first + b) * c + ch) * h + y) * w;
                            for (int ox = 0; ox < outW; ox++) {
                                int xx = ox * stride + j - pad;
                                col[dst + ox] = xx >= 0 && xx < w ? images[src + xx] : 0.0;
                            }
                        }
                    }
                }
            }
        }
    }
}

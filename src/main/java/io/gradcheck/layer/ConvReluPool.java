package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;
import java.util.Arrays;

/**
 * Convolution, ReLU and 2x2 max pooling of stride 2, fused: a speed-up of the network's first three
 * layers, not a layer to learn from (read {@link Convolution}, {@link Relu} and {@link Pooling} for
 * that). Forward adds the bias, cuts at zero and pools each group's product while it is in cache,
 * and never writes the convolution's or the ReLU's output; backward sends dout through the pooling
 * argmax and the ReLU mask straight into the convolution's reordered dout.
 *
 * <p>Bit for bit the three layers: {@code forward(x)} returns what {@code pool.forward(relu.forward(
 * conv.forward(x)))} returns, with the same arithmetic in the same order, and leaves in each layer
 * the state those calls leave (the ReLU mask, the pooling argmax, the unfolded input), so that
 * {@code branches()}, {@code grads()} and each layer's own backward work as after the three calls.
 * {@code backward(dout, true)} returns what {@code conv.backward(relu.backward(pool.backward(dout)))}
 * returns and fills the same gradients.
 */
public final class ConvReluPool {
    private final Convolution conv;
    private final Relu relu;
    private final Pooling pool;
    private double[] plane;  // one image and filter's ReLU output, (outH, outW): pooled from here

    /**
     * @throws IllegalArgumentException if pool is not 2x2 of stride 2 without padding
     */
    public ConvReluPool(Convolution conv, Relu relu, Pooling pool) {
        if (!pool.is2x2()) {
            throw new IllegalArgumentException("ConvReluPool: fuses 2x2 pooling of stride 2 without padding only");
        }
        this.conv = conv;
        this.relu = relu;
        this.pool = pool;
    }

    /** True if the three are our own Convolution, Relu and a 2x2 Pooling of stride 2, which this class fuses. */
    public static boolean fuses(Layer conv, Layer relu, Layer pool) {
        return conv != null && conv.getClass() == Convolution.class && relu != null && relu.getClass() == Relu.class
                && pool != null && pool.getClass() == Pooling.class && ((Pooling) pool).is2x2();
    }

    /**
     * pool(relu(conv(x))), (N, FN, outH/2, outW/2), in the pooling layer's reused output array. x: not
     * modified, but cached by the convolution until its next forward.
     */
    public Tensor forward(Tensor x) {
        int[] cs = conv.prepare(x);  // (N, FN, outH, outW)
        int fn = cs[1], outH = cs[2], outW = cs[3], size = outH * outW;
        boolean[] mask = relu.maskFor(cs, cs[0] * fn * size);
        Tensor pooledOut = pool.outFor(cs);
        double[] pd = pooledOut.data();
        int[] argmax = pool.argmax();
        int poolH = outH / 2, poolW = outW / 2;
        if (plane == null || plane.length != size) {
            plane = new double[size];
        }
        double[] bd = conv.bias();
        for (int g = 0; g < conv.groups(); g++) {
            int first = g * Convolution.GROUP, n = conv.groupSize(g), cols = n * size;
            double[] out2 = conv.product(x, g);  // (FN, n_g, outH*outW)
            for (int img = 0; img < n; img++) {
                for (int f = 0; f < fn; f++) {
                    int src = f * cols + img * size, at = ((first + img) * fn + f) * size;
                    double bias = bd[f];
                    for (int q = 0; q < size; q++) {  // Convolution's bias, then Relu's cut
                        double v = out2[src + q] + bias;
                        mask[at + q] = v <= 0;
                        plane[q] = mask[at + q] ? 0.0 : v;
                    }
                    int o = ((first + img) * fn + f) * poolH * poolW;
                    for (int oy = 0; oy < poolH; oy++) {  // Pooling's 2x2 windows, its order and its ties
                        int r0 = 2 * oy * outW, r1 = r0 + outW;
                        for (int ox = 0; ox < poolW; ox++, o++) {
                            int q = r0 + 2 * ox;
                            double best = plane[q];
                            if (plane[r0 + 2 * ox + 1] > best) {
                                best = plane[r0 + 2 * ox + 1];
                                q = r0 + 2 * ox + 1;
                            }
                            if (plane[r1 + 2 * ox] > best) {
                                best = plane[r1 + 2 * ox];
                                q = r1 + 2 * ox;
                            }
                            if (plane[r1 + 2 * ox + 1] > best) {
                                best = plane[r1 + 2 * ox + 1];
                                q = r1 + 2 * ox + 1;
                            }
                            pd[o] = best;
                            argmax[o] = at + q;  // an index into the convolution's output, as Pooling's
                        }
                    }
                }
            }
        }
        return pooledOut;
    }

    /**
     * Backward through the pooling, the ReLU and the convolution after {@link #forward}: fills the
     * convolution's gradients, and returns dx, or null without needDx (a network's first layers, in
     * training). dout (N, FN, outH/2, outW/2): not modified.
     */
    public Tensor backward(Tensor dout, boolean needDx) {
        pool.requireDout(dout);
        int[] cs = relu.shape();
        int fn = cs[1], size = cs[2] * cs[3];
        int pooled = dout.size() / (cs[0] * fn);  // outH/2 * outW/2
        boolean[] mask = relu.mask();
        int[] argmax = pool.argmax();
        double[] dd = dout.data();
        conv.startBackward(needDx);
        for (int g = 0; g < conv.groups(); g++) {
            int first = g * Convolution.GROUP, n = conv.groupSize(g), cols = n * size;
            double[] d2 = conv.d2();  // (FN, n_g, outH*outW)
            for (int img = 0; img < n; img++) {
                for (int f = 0; f < fn; f++) {
                    int dst = f * cols + img * size, at = ((first + img) * fn + f) * size;
                    Arrays.fill(d2, dst, dst + size, 0.0);
                    for (int o = ((first + img) * fn + f) * pooled, end = o + pooled; o < end; o++) {
                        int q = argmax[o];  // Pooling's scatter, then Relu's mask
                        if (!mask[q]) {
                            d2[dst + q - at] += dd[o];
                        }
                    }
                }
            }
            conv.backwardGroup(g, needDx);
        }
        return needDx ? conv.dx() : null;
    }
}

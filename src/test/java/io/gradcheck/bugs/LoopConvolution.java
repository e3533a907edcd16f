package io.gradcheck.bugs;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** A correct convolution written with plain loops over every output and filter tap, no im2col. */
final class LoopConvolution implements Layer {
    private final Tensor W;  // (FN, C, FH, FW)
    private final Tensor b;  // (FN)
    private final int stride;
    private final int pad;
    private Tensor x;
    private Tensor dW;
    private Tensor db;

    LoopConvolution(Tensor[] wb, int stride, int pad) {
        this.W = wb[0];
        this.b = wb[1];
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        int n = x.dim(0), fn = W.dim(0);
        int outH = (x.dim(2) + 2 * pad - W.dim(2)) / stride + 1, outW = (x.dim(3) + 2 * pad - W.dim(3)) / stride + 1;
        Tensor out = Tensor.zeros(n, fn, outH, outW);
        visit(out.shape(), (o, f, xi, wi) -> out.set(o, out.get(o) + x.get(xi) * W.get(wi)));
        for (int o = 0; o < out.size(); o++) {
            out.set(o, out.get(o) + b.get(o / (outH * outW) % fn));
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        int fn = W.dim(0), plane = dout.dim(2) * dout.dim(3);
        Tensor dx = Tensor.zeros(x.shape());
        dW = Tensor.zeros(W.shape());
        db = Tensor.zeros(fn);
        for (int o = 0; o < dout.size(); o++) {
            db.set(o / plane % fn, db.get(o / plane % fn) + dout.get(o));
        }
        visit(dout.shape(), (o, f, xi, wi) -> {
            dW.set(wi, dW.get(wi) + dout.get(o) * x.get(xi));
            dx.set(xi, dx.get(xi) + dout.get(o) * W.get(wi));
        });
        return dx;
    }

    /** A filter tap that reads an input element: output o, filter f, input index xi, weight index wi. */
    private interface Tap {
        void at(int o, int f, int xi, int wi);
    }

    /** Calls tap for every (output, weight) pair whose input lies inside the image, not in the padding. */
    private void visit(int[] outShape, Tap tap) {
        int c = W.dim(1), fh = W.dim(2), fw = W.dim(3), h = x.dim(2), w = x.dim(3);
        int o = 0;
        for (int nn = 0; nn < outShape[0]; nn++) {
            for (int f = 0; f < outShape[1]; f++) {
                for (int oy = 0; oy < outShape[2]; oy++) {
                    for (int ox = 0; ox < outShape[3]; ox++, o++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < fh; i++) {
                                for (int j = 0; j < fw; j++) {
                                    int y = oy * stride + i - pad, xx = ox * stride + j - pad;
                                    if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                        tap.at(o, f, ((nn * c + ch) * h + y) * w + xx, ((f * c + ch) * fh + i) * fw + j);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W", W);
        p.put("b", b);
        return p;
    }

    @Override
    public Map<String, Tensor> grads() {
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("W", dW);
        g.put("b", db);
        return g;
    }
}

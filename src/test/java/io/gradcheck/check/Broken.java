package io.gradcheck.check;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Layers and nets with one realistic backprop bug each. The checker must fail on every one. */
final class Broken {
    private Broken() {
    }

    /** The transcription bug: {@code grads.put("b2", affine1.dW)}. */
    static class B2GetsW2Grad extends SimpleConvNet {
        B2GetsW2Grad(NetConfig c) {
            super(c);
        }

        @Override
        public Map<String, Tensor> gradient(Tensor x, Labels t) {
            Map<String, Tensor> grads = super.gradient(x, t);
            grads.put("b2", affine1.grads().get("W"));  // the bug
            return grads;
        }
    }

    /** The same bug where W2 has one row, so dW2 fits b2 once reshaped: no shape check can see it. */
    static class B2GetsW2GradSameShape extends SimpleConvNet {
        B2GetsW2GradSameShape(NetConfig c) {
            super(c);
        }

        @Override
        public Map<String, Tensor> gradient(Tensor x, Labels t) {
            Map<String, Tensor> grads = super.gradient(x, t);
            grads.put("b2", affine1.grads().get("W").reshape(params().get("b2").shape()));  // the bug
            return grads;
        }
    }

    /** ReLU whose backward passes the gradient where x <= 0 and blocks it where x > 0. */
    static final class InvertedMaskRelu implements Layer {
        private boolean[] cut;

        @Override
        public Tensor forward(Tensor x) {
            cut = new boolean[x.size()];
            Tensor out = x.copy();
            for (int i = 0; i < cut.length; i++) {
                cut[i] = x.get(i) <= 0;
                out.set(i, cut[i] ? 0 : x.get(i));
            }
            return out;
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor dx = dout.copy();
            for (int i = 0; i < cut.length; i++) {
                dx.set(i, cut[i] ? dout.get(i) : 0);  // the bug: the mask is inverted
            }
            return dx;
        }
    }

    /** Affine whose backward misses the transpose (dx = dout W instead of dout Wᵀ), or whose db takes one row. */
    static final class BrokenAffine implements Layer {
        enum Bug { DX_WITHOUT_TRANSPOSE, DB_NOT_SUMMED }

        private final Tensor W;
        private final Tensor b;
        private final Bug bug;
        private Tensor x;
        private int[] xShape;
        private Tensor dW;
        private Tensor db;

        BrokenAffine(Tensor W, Tensor b, Bug bug) {
            this.W = W;
            this.b = b;
            this.bug = bug;
        }

        @Override
        public Tensor forward(Tensor x) {
            this.xShape = x.shape();
            this.x = x.reshape(x.dim(0), -1);
            return Ops.addRowVector(Ops.matmul(this.x, W), b);
        }

        @Override
        public Tensor backward(Tensor dout) {
            dW = Ops.matmulTransA(x, dout);
            db = bug == Bug.DB_NOT_SUMMED ? Tensor.of(java.util.Arrays.copyOf(dout.data(), dout.dim(1)), dout.dim(1))
                    : Ops.sum(dout, 0);
            Tensor dx = bug == Bug.DX_WITHOUT_TRANSPOSE ? Ops.matmul(dout, W) : Ops.matmulTransB(dout, W);
            return dx.reshape(xShape);
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

    /** A convolution whose col2im overwrites where windows overlap instead of adding. */
    static final class OverwritingCol2imConvolution implements Layer {
        private final Tensor W;
        private final Tensor b;
        private final int stride;
        private final int pad;
        private final io.gradcheck.layer.Convolution reference;
        private int[] xShape;

        OverwritingCol2imConvolution(io.gradcheck.layer.Convolution reference, int stride, int pad) {
            this.reference = reference;
            this.W = reference.params().get("W");
            this.b = reference.params().get("b");
            this.stride = stride;
            this.pad = pad;
        }

        @Override
        public Tensor forward(Tensor x) {
            xShape = x.shape();
            return reference.forward(x);
        }

        @Override
        public Tensor backward(Tensor dout) {
            reference.backward(dout);  // for dW and db, which are right
            int fn = W.dim(0), fh = W.dim(2), fw = W.dim(3);
            Tensor d = Ops.permute(dout, 0, 2, 3, 1).reshape(-1, fn);
            Tensor dcol = Ops.matmul(d, W.reshape(fn, -1));
            return overwritingCol2im(dcol, fh, fw);
        }

        private Tensor overwritingCol2im(Tensor col, int fh, int fw) {
            int n = xShape[0], c = xShape[1], h = xShape[2], w = xShape[3];
            int outH = (h + 2 * pad - fh) / stride + 1, outW = (w + 2 * pad - fw) / stride + 1;
            Tensor x = Tensor.zeros(xShape);
            int k = 0;
            for (int bb = 0; bb < n; bb++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < fh; i++) {
                                for (int j = 0; j < fw; j++, k++) {
                                    int y = oy * stride + i - pad, xx = ox * stride + j - pad;
                                    if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                        x.set(((bb * c + ch) * h + y) * w + xx, col.get(k));  // the bug: = not +=
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return x;
        }

        @Override
        public Map<String, Tensor> params() {
            return reference.params();
        }

        @Override
        public Map<String, Tensor> grads() {
            return reference.grads();
        }
    }

    /** The loss gradient not divided by N. */
    static final class NotDividedByN extends SoftmaxWithLoss {
        @Override
        public Tensor backward(double dout) {
            Tensor dx = super.backward(dout);
            return Ops.scale(dx, dx.dim(0));  // the bug: undoes the / N
        }
    }
}

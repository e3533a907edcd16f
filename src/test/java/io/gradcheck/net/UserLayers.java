package io.gradcheck.net;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layers as a user or a student writes them, none of them ours: a ReLU written from scratch, a
 * wrapper around our Convolution, and broken or ill-fitting variants, to put into SimpleConvNet.
 */
final class UserLayers {
    private UserLayers() {
    }

    /** y = max(0, x), written from the book's formula; counts its forwards, so a test sees it was used. */
    static class UserRelu implements Layer {
        int forwards;
        boolean[] cut;  // true where x <= 0: no gradient passes

        @Override
        public Tensor forward(Tensor x) {
            forwards++;
            cut = new boolean[x.size()];
            Tensor y = Tensor.zeros(x.shape());
            for (int i = 0; i < x.size(); i++) {
                cut[i] = x.get(i) <= 0;
                y.set(i, cut[i] ? 0.0 : x.get(i));
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor dx = Tensor.zeros(dout.shape());  // never write into dout
            for (int i = 0; i < dx.size(); i++) {
                dx.set(i, cut[i] ? 0.0 : dout.get(i));
            }
            return dx;
        }

        @Override
        public int[] branches() {
            int[] b = new int[cut == null ? 0 : cut.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = cut[i] ? 0 : 1;
            }
            return b;
        }
    }

    /** The student's bug of the book's Relu without the mask: backward passes dout through everywhere. */
    static final class UnmaskedRelu extends UserRelu {
        @Override
        public Tensor backward(Tensor dout) {
            return dout.copy();
        }
    }

    /** A user's convolution that delegates to ours: composition, since ours is final. */
    static class WrappedConvolution implements Layer {
        final Convolution inner;
        int forwards;

        WrappedConvolution(Tensor W, Tensor b, int stride, int pad) {
            inner = new Convolution(W, b, stride, pad);
        }

        @Override
        public Tensor forward(Tensor x) {
            forwards++;
            return inner.forward(x);
        }

        @Override
        public Tensor backward(Tensor dout) {
            return inner.backward(dout);
        }

        @Override
        public Map<String, Tensor> params() {
            return inner.params();
        }

        @Override
        public Map<String, Tensor> grads() {
            return inner.grads();
        }
    }

    /** y = x W + b with its own weights stored transposed, (M, D): a shape the net must refuse. */
    static final class TransposedAffine implements Layer {
        private final Tensor wt;
        private final Tensor b;

        TransposedAffine(Tensor W, Tensor b) {
            this.wt = Tensor.zeros(W.dim(1), W.dim(0));
            this.b = b;
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new UnsupportedOperationException("never built");
        }

        @Override
        public Tensor backward(Tensor dout) {
            throw new UnsupportedOperationException("never built");
        }

        @Override
        public Map<String, Tensor> params() {
            Map<String, Tensor> p = new LinkedHashMap<>();
            p.put("W", wt);
            p.put("b", b);
            return p;
        }
    }

    /** Keeps copies of the tensors it is given: trained, the net's W would never change what it computes. */
    static final class CopyingAffine implements Layer {
        private final Tensor W;
        private final Tensor b;

        CopyingAffine(Tensor W, Tensor b) {
            this.W = W.copy();
            this.b = b.copy();
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new UnsupportedOperationException("never built");
        }

        @Override
        public Tensor backward(Tensor dout) {
            throw new UnsupportedOperationException("never built");
        }

        @Override
        public Map<String, Tensor> params() {
            Map<String, Tensor> p = new LinkedHashMap<>();
            p.put("W", W);
            p.put("b", b);
            return p;
        }
    }

    /** A ReLU with a learnable slope: a parameter the net has no name for, so it is refused as Relu1. */
    static final class ParametricRelu extends UserRelu {
        private final Tensor slope = Tensor.zeros(1);

        @Override
        public Map<String, Tensor> params() {
            return Map.of("alpha", slope);
        }
    }

    /** A convolution that forgets to fill its gradients: forward and backward of ours, grads() empty. */
    static final class NoGradsConvolution implements Layer {
        private final Convolution inner;

        NoGradsConvolution(Tensor W, Tensor b) {
            inner = new Convolution(W, b, 1, 0);
        }

        @Override
        public Tensor forward(Tensor x) {
            return inner.forward(x);
        }

        @Override
        public Tensor backward(Tensor dout) {
            return inner.backward(dout);
        }

        @Override
        public Map<String, Tensor> params() {
            return inner.params();
        }
    }

    /** A ReLU whose first output is infinite, as an overflow would make it. */
    static final class OverflowingRelu extends UserRelu {
        @Override
        public Tensor forward(Tensor x) {
            Tensor y = super.forward(x);
            y.set(0, Double.POSITIVE_INFINITY);
            return y;
        }
    }

    /** Our Affine, then it wipes its input to zeros: against the Layer contract, but a student's slip. */
    static final class InputWipingAffine implements Layer {
        private final Affine inner;

        InputWipingAffine(Tensor W, Tensor b) {
            inner = new Affine(W, b);
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor y = inner.forward(x);
            for (int i = 0; i < x.size(); i++) {
                x.set(i, 0.0);
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor dout) {
            return inner.backward(dout);
        }

        @Override
        public Map<String, Tensor> params() {
            return inner.params();
        }

        @Override
        public Map<String, Tensor> grads() {
            return inner.grads();
        }
    }
}

package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * {@link Layer}'s ownership rule: an output is valid until the layer's next forward, a dx until its
 * next backward, and a caller who keeps one copies it. A correct layer that hands back the same
 * arrays on every call is within its rights, and the checker must not mistake its reuse for a bug.
 */
class ReusedBuffersTest {
    /**
     * y = x W + b on (N, D) inputs, correct, writing every output, dx, dW and db into the one array
     * it keeps for each, whatever the call.
     */
    static final class ReusingAffine implements Layer {
        private final Tensor W;
        private final Tensor b;
        private final int n;
        private final Tensor out;
        private final Tensor dx;
        private final Tensor dW;
        private final Tensor db;
        private Tensor x;

        ReusingAffine(Tensor W, Tensor b, int n) {
            this.W = W;
            this.b = b;
            this.n = n;
            out = Tensor.zeros(n, W.dim(1));
            dx = Tensor.zeros(n, W.dim(0));
            dW = Tensor.zeros(W.shape());
            db = Tensor.zeros(b.shape());
        }

        @Override
        public Tensor forward(Tensor in) {
            if (in.rank() != 2 || in.dim(0) != n || in.dim(1) != W.dim(0)) {
                throw new IllegalArgumentException("ReusingAffine.forward: expected [" + n + ", " + W.dim(0)
                        + "], got " + in.shapeString());  // one batch size only: a refusal the checker accepts
            }
            x = in;
            int d = W.dim(0), m = W.dim(1);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double s = b.get(j);
                    for (int k = 0; k < d; k++) {
                        s += x.get(i * d + k) * W.get(k * m + j);
                    }
                    out.set(i * m + j, s);
                }
            }
            return out;
        }

        @Override
        public Tensor backward(Tensor dout) {
            int d = W.dim(0), m = W.dim(1);
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += x.get(i * d + k) * dout.get(i * m + j);
                    }
                    dW.set(k * m + j, s);
                }
            }
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += dout.get(i * m + j);
                }
                db.set(j, s);
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += dout.get(i * m + j) * W.get(k * m + j);
                    }
                    dx.set(i * d + k, s);
                }
            }
            return dx;
        }

        @Override
        public Map<String, Tensor> params() {
            return Map.of("W", W, "b", b);
        }

        @Override
        public Map<String, Tensor> grads() {
            return Map.of("W", dW, "b", db);
        }
    }

    @Test
    void aLayerThatReusesItsOutputAndDxArraysPassesWithNoDetectorCaught() {
        long seed = 18;
        Well19937c rng = new Well19937c(seed);
        ReusingAffine layer = new ReusingAffine(Tensor.randn(rng, 1, 4, 3), Tensor.randn(rng, 1, 3), 2);
        Tensor x = Tensor.randn(rng, 1, 2, 4);
        assertSame(layer.forward(x), layer.forward(Tensor.randn(rng, 1, 2, 4)), "the layer under test must reuse");
        CheckResult r = GradientCheck.of(layer).input(x).seed(seed).run();
        assertTrue(r.passed(), "seed " + seed + ": " + r.failureMessage());
        for (DetectorResult d : r.detectors()) {
            assertFalse(d.caught(), "seed " + seed + ", " + d.detector() + ": " + d.evidence());
        }
    }

    @Test
    void aLayerThatReusesItsBuffersPassesTheFastCheckToo() {
        long seed = 19;
        Well19937c rng = new Well19937c(seed);
        ReusingAffine layer = new ReusingAffine(Tensor.randn(rng, 1, 5, 2), Tensor.randn(rng, 1, 2), 3);
        CheckResult r = GradientCheck.of(layer).input(Tensor.randn(rng, 1, 3, 5)).seed(seed).fast(3).run();
        assertTrue(r.passed(), "seed " + seed + ": " + r.failureMessage());
        for (DetectorResult d : r.detectors()) {
            assertFalse(d.caught(), "seed " + seed + ", " + d.detector() + ": " + d.evidence());
        }
    }
}

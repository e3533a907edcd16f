package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Fast mode gives the same bits whatever order a layer's params() iterates in: a user's layer that
 * returns Map.of(...) iterates in an order that changes from JVM to JVM. Before the directions were
 * drawn per tensor from its name, the two orders below gave different max errors.
 */
class FastModeOrderTest {
    /** Our Affine, its params and grads listed in the order asked for, as Map.of might list them. */
    private static Layer ordered(Affine a, List<String> order) {
        return new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return a.forward(x);
            }

            @Override
            public Tensor backward(Tensor dout) {
                return a.backward(dout);
            }

            @Override
            public Map<String, Tensor> params() {
                return inOrder(a.params());
            }

            @Override
            public Map<String, Tensor> grads() {
                return inOrder(a.grads());
            }

            private Map<String, Tensor> inOrder(Map<String, Tensor> m) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                order.forEach(k -> out.put(k, m.get(k)));
                return out;
            }
        };
    }

    private static CheckResult check(List<String> order) {
        Well19937c rng = new Well19937c(3);
        Affine a = new Affine(Tensor.randn(rng, 1, 6, 4), Tensor.randn(rng, 1, 4));
        return GradientCheck.of(ordered(a, order)).input(Tensor.randn(rng, 1, 3, 6)).seed(11).fast(2).run();
    }

    @Test
    void fastModeDrawsTheSameDirectionsWhateverTheOrderOfParams() {
        CheckResult wb = check(List.of("W", "b")), bw = check(List.of("b", "W"));
        for (String name : List.of("W", "b", "x")) {
            ParamResult p = wb.param(name), q = bw.param(name);
            assertNotEquals(0.0, p.maxAbsError(), name + ": the test needs a nonzero error to compare bits");
            assertEquals(p.maxAbsError(), q.maxAbsError(), name);
            assertEquals(p.maxRelError(), q.maxRelError(), name);
        }
    }
}

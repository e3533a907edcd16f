package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Labels;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Fast mode on the book's full-size network (433,890 parameters). */
class FastModeTest {
    private static final Tensor X = Tensor.uniform(new Well19937c(1), 0, 1, 2, 1, 28, 28);
    private static final Labels T = Labels.indices(3, 7);

    /** The book's network that counts its forward passes, with one wrong element of dW2 if asked. */
    static class Counted extends SimpleConvNet {
        int forwards;
        private final int corrupt;

        Counted(int corrupt) {
            super(NetConfig.book(5));
            this.corrupt = corrupt;
        }

        @Override
        public Tensor predict(Tensor x) {
            forwards++;
            return super.predict(x);
        }

        @Override
        public Map<String, Tensor> gradient(Tensor x, Labels t) {
            Map<String, Tensor> grads = super.gradient(x, t);
            if (corrupt >= 0) {
                Tensor dW2 = grads.get("W2").copy();
                dW2.set(corrupt, dW2.get(corrupt) + 1e-3);  // the bug: one element off, as a stray index would do
                grads.put("W2", dW2);
            }
            return grads;
        }
    }

    @Test
    void theFullSizeNetworkPassesFastMode() {
        Counted net = new Counted(-1);
        CheckResult r = GradientCheck.of(net, T).input(X).seed(2).fast(3).run();
        assertEquals(Status.PASSED, r.status(), r.table());
        assertEquals(7, r.params().size());
        r.params().forEach(p -> assertEquals(3, p.checked(), p.name()));
        assertTrue(net.forwards < 2 * 3 * 7 * 3 + 10, net.forwards + " forward passes, not 2 per element");
    }

    @Test
    void aSingleWrongElementAmong432000IsFoundByBisection() {
        int wrong = 123_457;  // W2[i=1234, j=57]
        Counted net = new Counted(wrong);
        CheckResult r = GradientCheck.of(net, T).input(X).seed(2).fast(3).run();
        ParamResult w2 = r.param("W2");
        assertEquals(Status.FAILED, w2.status(), r.table());
        assertEquals("W2[i=1234,j=57]", w2.worstIndex());
        assertEquals(1e-3, w2.worstAnalytic() - w2.worstNumeric(), 1e-8, "the element-wise values at the element found");
        for (String p : new String[] {"W1", "b1", "b2", "W3", "b3", "x"}) {
            assertEquals(Status.PASSED, r.param(p).status(), p);
        }
        assertTrue(net.forwards < 300, net.forwards + " forward passes for 432,000 elements of W2");
    }
}

package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An outside oracle: scores, loss, the six gradients and dx computed by the book's own numpy code
 * (see reference/README.md) must match ours to a relative error of 1e-9.
 */
class ReferenceVectorsTest {
    private static final double TOLERANCE = 1e-9;

    /** One reference case: the header's settings and the named arrays. */
    private record Case(Map<String, String> config, Map<String, Tensor> arrays) {
        Tensor get(String name) {
            return arrays.get(name);
        }
    }

    private static Case load(String name) throws IOException {
        Map<String, String> config = new HashMap<>();
        Map<String, Tensor> arrays = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ReferenceVectorsTest.class.getResourceAsStream("reference/" + name + ".txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    String[] kv = line.substring(1).split("=", 2);
                    config.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
                    continue;
                }
                String[] head = line.trim().split("\\s+");
                int[] shape = head.length == 1 ? new int[] {1} : Arrays.stream(head, 1, head.length).mapToInt(Integer::parseInt).toArray();
                double[] values = Arrays.stream(r.readLine().trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
                arrays.put(head[0], Tensor.of(values, shape));
            }
        }
        return new Case(config, arrays);
    }

    private static int[] ints(String tuple) {
        return Arrays.stream(tuple.replaceAll("[()\\s]", "").split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static SimpleConvNet netFor(Case c) {
        Map<String, String> k = c.config();
        SimpleConvNet net = new SimpleConvNet(ints(k.get("input_dim")),
                new ConvConfig(Integer.parseInt(k.get("filter_num")), Integer.parseInt(k.get("filter_size")),
                        Integer.parseInt(k.get("pad")), Integer.parseInt(k.get("stride"))),
                Integer.parseInt(k.get("hidden_size")), Integer.parseInt(k.get("output_size")), 0.01, 1);
        for (Map.Entry<String, Tensor> p : net.params().entrySet()) {
            Tensor ref = c.get(p.getKey());
            assertArrayEquals(ref.shape(), p.getValue().shape(), p.getKey() + " shape");
            System.arraycopy(ref.data(), 0, p.getValue().data(), 0, ref.size());
        }
        return net;
    }

    private static Labels labels(Case c) {
        return Labels.indices(Arrays.stream(c.get("t").data()).mapToInt(v -> (int) v).toArray());
    }

    /** max |ours - ref| / max |ref|: the relative error of the whole array. */
    private static void assertClose(String what, Tensor ref, Tensor ours) {
        assertArrayEquals(ref.shape(), ours.shape(), what + " shape");
        double maxRef = 0, maxDiff = 0;
        for (int i = 0; i < ref.size(); i++) {
            maxRef = Math.max(maxRef, Math.abs(ref.get(i)));
            maxDiff = Math.max(maxDiff, Math.abs(ref.get(i) - ours.get(i)));
        }
        assertTrue(maxDiff <= TOLERANCE * maxRef, what + ": relative error " + maxDiff / maxRef + " > " + TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"book-gradient-check", "stride2", "batch3-pad1"})
    void scoresLossGradientsAndDxMatchTheBooksNumpyCode(String name) throws IOException {
        Case c = load(name);
        SimpleConvNet net = netFor(c);
        Tensor x = c.get("x");
        Tensor xBefore = x.copy();
        assertClose("scores", c.get("scores"), net.predict(x));
        double loss = net.loss(x, labels(c));
        assertEquals(c.get("loss").get(0), loss, TOLERANCE * Math.abs(loss), "loss");
        Map<String, Tensor> grads = net.gradient(x, labels(c));
        for (String p : new String[] {"W1", "b1", "W2", "b2", "W3", "b3"}) {
            assertClose("d" + p, c.get("d" + p), grads.get(p));
        }
        assertClose("dx", c.get("dx"), net.backprop(x, labels(c)));
        assertArrayEquals(xBefore.data(), x.data(), 0.0, "x is not modified");
    }

    @ParameterizedTest
    @ValueSource(strings = {"book-gradient-check", "stride2", "batch3-pad1"})
    void theBooksEpsilonInsideTheLogChangesTheLossButOurLossIsTheExactOne(String name) throws IOException {
        Case c = load(name);
        double loss = netFor(c).loss(c.get("x"), labels(c));
        double gap = Math.abs(c.get("loss_book").get(0) - c.get("loss").get(0));
        assertTrue(gap > 1e3 * Math.abs(loss - c.get("loss").get(0)),
                "the book's 1e-7 moves its loss by " + gap + "; ours is " + Math.abs(loss - c.get("loss").get(0)) + " from the exact one");
    }
}

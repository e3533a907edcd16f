package io.gradcheck.net;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.Well19937c;

/**
 * The book's network as a named list, in one place: the layer names of its {@code OrderedDict}
 * in order, the kind of each, where W1..b3 live, and their shapes for a {@link NetConfig}.
 * Everything else (params, gradient, lossOf, branches, the messages, Trainer, the checkpoint
 * parser) reads these tables instead of spelling the layers out again.
 */
final class Layout {
    /** A parameter's place: the layer that holds it, and its key in that layer's params() and grads(). */
    record Slot(String layer, String key) {
    }

    /** The book's layer names, in forward order, with the kind of layer each must be. */
    static final Map<String, String> ROLES = ordered(
            "Conv1", "Convolution", "Relu1", "Relu", "Pool1", "Pooling",
            "Affine1", "Affine", "Relu2", "Relu", "Affine2", "Affine");
    /** W1..b3 in the order of params(): the one name -> (layer, key) map. */
    static final Map<String, Slot> SLOTS = slots(
            "W1", "Conv1", "W", "b1", "Conv1", "b", "W2", "Affine1", "W",
            "b2", "Affine1", "b", "W3", "Affine2", "W", "b3", "Affine2", "b");
    /** The parameters in the order backprop fills their gradients, last layer first: W3, b3, W2, b2, W1, b1. */
    static final List<String> BACKWARD = backward();
    /** Our class for each role: a layer of another class is a user's, and messages name its class. */
    private static final Map<String, Class<? extends Layer>> OURS = Map.of(
            "Convolution", Convolution.class, "Relu", Relu.class, "Pooling", Pooling.class, "Affine", Affine.class);

    private Layout() {
    }

    /** The layer names in forward order. */
    static List<String> names() {
        return List.copyOf(ROLES.keySet());
    }

    /** The parameters that layer {@code name} holds, in order: W1, b1 for Conv1; none for Relu1. */
    static List<String> paramsOf(String name) {
        return SLOTS.entrySet().stream().filter(e -> e.getValue().layer().equals(name)).map(Map.Entry::getKey).toList();
    }

    /**
     * The layer for messages: "Convolution (W1, b1)", "Relu", "Affine (W3, b3)" for ours, with the class
     * between kind and parameters for a user's: "Relu StudentRelu", "Convolution MyConv (W1, b1)".
     */
    static String describe(String name, Layer layer) {
        String role = ROLES.get(name);
        String cls = ours(name, layer) ? "" : " " + className(layer);
        List<String> ps = paramsOf(name);
        return role + cls + (ps.isEmpty() ? "" : " (" + String.join(", ", ps) + ")");
    }

    /** Whether the layer in place {@code name} is of our class for its role, not a user's. */
    static boolean ours(String name, Layer layer) {
        return layer.getClass() == OURS.get(ROLES.get(name));
    }

    /** "Conv1 (StudentConv)": the book's name and the class, for the errors about a layer that does not fit. */
    static String label(String name, Layer layer) {
        return name + " (" + className(layer) + ")";
    }

    private static String className(Layer layer) {
        String s = layer.getClass().getSimpleName();
        return s.isEmpty() ? layer.getClass().getName() : s;  // an anonymous class has no simple name
    }

    /**
     * The shapes of W1..b3 for config, in the order of params(), without building anything: the
     * one shape computation that the constructor and the checkpoint parser share. In long, since a
     * configuration read from a file may ask for more than an int holds; the constructor then
     * refuses it by its count of parameters.
     *
     * @throws IllegalArgumentException if a size is not positive, pad is negative, the conv output is not
     *                                  whole, or 2x2 pooling does not fit
     */
    static Map<String, long[]> shapes(NetConfig config) {
        int[] in = config.inputDim();
        ConvConfig cc = config.conv();
        if (in.length != 3) {
            throw new IllegalArgumentException("SimpleConvNet: inputDim must be (C, H, W), got " + Arrays.toString(in));
        }
        int fn = cc.filterNum(), fs = cc.filterSize();
        positive("channels", in[0]);
        positive("height", in[1]);
        positive("width", in[2]);
        positive("filterNum", fn);
        positive("filterSize", fs);
        positive("stride", cc.stride());
        positive("hiddenSize", config.hiddenSize());
        positive("outputSize", config.outputSize());
        if (cc.pad() < 0) {
            throw new IllegalArgumentException("SimpleConvNet: pad must not be negative, got " + cc.pad());
        }
        long outH = convOut("height", in[1], fs, cc.pad(), cc.stride());
        long outW = convOut("width", in[2], fs, cc.pad(), cc.stride());
        if (outH < 2 || outW < 2) {
            throw new IllegalArgumentException("SimpleConvNet: 2x2 pooling does not fit the conv output "
                    + outH + "x" + outW + "; it needs at least 2x2");
        }
        double approx = (double) fn * (outH / 2) * (outW / 2);  // in double, which cannot overflow
        if (approx > 0x1p62) {
            throw new IllegalArgumentException("SimpleConvNet: W2 would have " + String.format(Locale.ROOT, "%.0f", approx)
                    + " rows, more than the " + SimpleConvNet.MAX_PARAMS + " parameters a network may have");
        }
        long rows = fn * (outH / 2) * (outW / 2);  // exact: below 2^62
        long h = config.hiddenSize(), k = config.outputSize();
        List<long[]> s = List.of(new long[] {fn, in[0], fs, fs}, new long[] {fn}, new long[] {rows, h}, new long[] {h},
                new long[] {h, k}, new long[] {k});
        Map<String, long[]> out = new LinkedHashMap<>();
        int i = 0;
        for (String name : SLOTS.keySet()) {
            out.put(name, s.get(i++));
        }
        return out;
    }

    /** W1..b3 for config: the weights drawn from N(0, std²) in the order W1, W2, W3, as the book draws them. */
    static Map<String, Tensor> draw(NetConfig config) {
        Map<String, long[]> shapes = Layout.shapes(config);
        if (!(config.weightInitStd() >= 0 && config.weightInitStd() < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("SimpleConvNet: weightInitStd must be finite and not negative, got "
                    + config.weightInitStd());
        }
        double total = shapes.values().stream()  // in double, which cannot overflow
                .mapToDouble(s -> Arrays.stream(s).asDoubleStream().reduce(1, (a, b) -> a * b)).sum();
        if (total > SimpleConvNet.MAX_PARAMS) {  // a typo such as hidden 100000 must not end in an OutOfMemoryError
            throw new IllegalArgumentException("SimpleConvNet: W1 " + Arrays.toString(shapes.get("W1")) + ", W2 "
                    + Arrays.toString(shapes.get("W2")) + " and W3 " + Arrays.toString(shapes.get("W3")) + " make "
                    + String.format(Locale.ROOT, "%.0f", total) + " parameters, more than the " + SimpleConvNet.MAX_PARAMS
                    + " a network may have");
        }
        Well19937c rng = new Well19937c(config.seed());
        Map<String, Tensor> p = new LinkedHashMap<>();
        shapes.forEach((name, s) -> {
            int[] shape = Arrays.stream(s).mapToInt(Math::toIntExact).toArray();  // fits: the total does
            p.put(name, name.startsWith("W") ? Tensor.randn(rng, config.weightInitStd(), shape) : Tensor.zeros(shape));
        });
        return Collections.unmodifiableMap(p);
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("SimpleConvNet: " + what + " must be positive, got " + v);
        }
    }

    private static long convOut(String axis, int in, int f, int pad, int stride) {
        long span = (long) in + 2L * pad - f;  // long: a huge pad must not wrap around
        if (span < 0 || span % stride != 0) {
            throw new IllegalArgumentException("SimpleConvNet: conv output " + axis + " (" + in + " + 2*"
                    + pad + " - " + f + ") / " + stride + " + 1 = " + span + "/" + stride + " + 1 is "
                    + (span < 0 ? "negative: the filter is larger than the padded input" : "not whole"));
        }
        return span / stride + 1;
    }

    /**
     * Fails unless the layer made for {@code name} fits its place: exactly the parameters of its slots,
     * each the very tensor it was given (live: the net trains and checks them in place).
     *
     * @param given the tensors handed to the layer's factory, by parameter name (W1, b1)
     * @param used  the layers made so far for this net, and for a replica the shared net's: none may be reused
     */
    static void requireFits(String name, Layer layer, Map<String, Tensor> given, Map<String, Layer> used) {
        if (layer == null) {
            throw new IllegalArgumentException("SimpleConvNet: the factory for " + name + " returned null");
        }
        for (Map.Entry<String, Layer> e : used.entrySet()) {
            if (e.getValue() == layer) {
                throw new IllegalArgumentException("SimpleConvNet: the factory for " + name + " returned the layer "
                        + "already used as " + e.getKey() + "; a layer caches its last forward, so each call must "
                        + "make a new one");
            }
        }
        List<String> ps = paramsOf(name);
        Map<String, Tensor> p = layer.params() == null ? Map.of() : layer.params();
        List<String> keys = ps.stream().map(q -> SLOTS.get(q).key()).toList();
        if (!p.keySet().equals(Set.copyOf(keys))) {
            throw new IllegalArgumentException("SimpleConvNet: " + label(name, layer) + " has params " + p.keySet()
                    + ", but a " + ROLES.get(name) + " here has " + (keys.isEmpty() ? "none" : keys)
                    + (keys.isEmpty() ? " (the net would neither train nor check them)" : ""));
        }
        for (String q : ps) {
            Tensor mine = p.get(SLOTS.get(q).key()), want = given.get(q);
            if (mine == null || !mine.sameShape(want)) {
                throw new IllegalArgumentException("SimpleConvNet: " + label(name, layer) + " has "
                        + SLOTS.get(q).key() + " " + (mine == null ? "null" : mine.shapeString()) + ", but " + q + " must be " + want.shapeString());
            }
            if (mine != want) {
                throw new IllegalArgumentException("SimpleConvNet: " + label(name, layer) + "'s "
                        + SLOTS.get(q).key() + " is not the tensor " + q + " it was made with; a layer must keep "
                        + "and return the very tensors it is given, which the net trains and checks in place");
            }
        }
    }

    private static List<String> backward() {
        List<String> layers = new ArrayList<>(ROLES.keySet());
        Collections.reverse(layers);
        return layers.stream().flatMap(l -> paramsOf(l).stream()).toList();
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Slot> slots(String... t) {
        Map<String, Slot> m = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i += 3) {
            m.put(t[i], new Slot(t[i + 1], t[i + 2]));
        }
        return Collections.unmodifiableMap(m);
    }
}

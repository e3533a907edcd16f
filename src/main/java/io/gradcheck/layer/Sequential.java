package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied one after another, as one layer: forward runs them in order, backward in reverse.
 * Parameters and gradients are named "name.key" ("fc1.W"), with the names given, or the layer's
 * index ("0.W") when none is; branches are every layer's, in order, so the checker still skips kinks.
 *
 * <pre>{@code
 * Layer mlp = Sequential.of(new Affine(W1, b1), new Relu(), new Affine(W2, b2));
 * GradientCheck.of(mlp).input(x).seed(7).run().assertPassed();
 * }</pre>
 */
public final class Sequential implements Layer {
    private final Map<String, Layer> layers;

    private Sequential(Map<String, Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential: needs at least one layer");
        }
        this.layers = Collections.unmodifiableMap(layers);
    }

    /** The layers in order, named by their index: "0", "1", ... Not copied: the layers are live. */
    public static Sequential of(Layer... layers) {
        Map<String, Layer> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.length; i++) {
            m.put(String.valueOf(i), requireLayer(layers[i], i));
        }
        return new Sequential(m);
    }

    /** The layers in the map's order, under its names. Not copied: the layers are live. */
    public static Sequential of(Map<String, ? extends Layer> layers) {
        Map<String, Layer> m = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, ? extends Layer> e : layers.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().contains(".")) {
                throw new IllegalArgumentException("Sequential: a layer name must be nonempty and without '.', got '"
                        + e.getKey() + "'");
            }
            m.put(e.getKey(), requireLayer(e.getValue(), i++));
        }
        return new Sequential(m);
    }

    private static Layer requireLayer(Layer l, int i) {
        if (l == null) {
            throw new IllegalArgumentException("Sequential: layer " + i + " is null");
        }
        return l;
    }

    /** The layers by name, in order. */
    public Map<String, Layer> layers() {
        return layers;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = x;
        for (Layer l : layers.values()) {
            out = l.forward(out);
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        List<Layer> reversed = new ArrayList<>(layers.values());
        Collections.reverse(reversed);
        Tensor d = dout;
        for (Layer l : reversed) {
            d = l.backward(d);
        }
        return d;
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        layers.forEach((name, l) -> l.params().forEach((k, v) -> m.put(name + "." + k, v)));
        return m;
    }

    @Override
    public Map<String, Tensor> grads() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        layers.forEach((name, l) -> l.grads().forEach((k, v) -> m.put(name + "." + k, v)));
        return m;
    }

    @Override
    public int[] branches() {
        int[] all = new int[0];
        for (Layer l : layers.values()) {
            int[] b = l.branches();
            int[] next = Arrays.copyOf(all, all.length + b.length);
            System.arraycopy(b, 0, next, all.length, b.length);
            all = next;
        }
        return all;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Sequential[");
        layers.forEach((name, l) -> b.append(b.length() > 11 ? ", " : "").append(name).append('=')
                .append(l.getClass().getSimpleName()));
        return b.append(']').toString();
    }
}

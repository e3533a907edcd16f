package io.gradcheck.net;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A {@link SimpleConvNet} whose layers may be anyone's, from {@link SimpleConvNet#builder}: each role of
 * the book's named list, Conv1, Relu1, Pool1, Affine1, Relu2 and Affine2, takes a factory of any
 * {@link Layer}, and makes ours unless told otherwise.
 *
 * <pre>{@code
 * SimpleConvNet net = SimpleConvNet.builder(config)
 *         .conv1((W, b) -> new StudentConvolution(W, b, config.conv().stride(), config.conv().pad()))
 *         .relu1(StudentRelu::new)
 *         .build();
 * }</pre>
 *
 * <p>The net draws W1..b3 itself, from the config's seed as always, and hands each layer with
 * parameters its two live tensors: Conv1 gets (W1, b1), Affine1 (W2, b2), Affine2 (W3, b3). The
 * layer must keep those very tensors and return them from {@code params()} as "W" and "b" (the net
 * trains and checks them in place), and fill "W" and "b" in {@code grads()} on backward. A Relu or a
 * Pooling has no parameters. The net calls every factory again for each replica that trains a slice
 * of a batch on another thread ({@link BatchSplit}), so a factory must return a new layer on each call.
 * A layer that does not fit is refused when the net is built, with its name, its class and both shapes.
 *
 * <p>Never changes: each method returns a changed copy.
 */
public final class NetBuilder {
    private final NetConfig config;
    private final Map<String, BiFunction<Tensor, Tensor, ? extends Layer>> makers;  // in forward order

    NetBuilder(NetConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("SimpleConvNet.builder: config must be given, got null");
        }
        this.config = config;
        Map<String, BiFunction<Tensor, Tensor, ? extends Layer>> m = new LinkedHashMap<>();
        m.put("Conv1", (W, b) -> new Convolution(W, b, config.conv().stride(), config.conv().pad()));
        m.put("Relu1", (W, b) -> new Relu());
        m.put("Pool1", (W, b) -> new Pooling(2, 2, 2, 0));
        m.put("Affine1", Affine::new);
        m.put("Relu2", (W, b) -> new Relu());
        m.put("Affine2", Affine::new);
        makers = Collections.unmodifiableMap(m);
    }

    private NetBuilder(NetConfig config, Map<String, BiFunction<Tensor, Tensor, ? extends Layer>> makers) {
        this.config = config;
        this.makers = makers;
    }

    /** The configuration the net is built from. */
    public NetConfig config() {
        return config;
    }

    /** Conv1 from {@code make.apply(W1, b1)}: W1 (FN, C, FH, FW) and b1 (FN), live. */
    public NetBuilder conv1(BiFunction<Tensor, Tensor, ? extends Layer> make) {
        return with("Conv1", "conv1", make);
    }

    /** Relu1, after Conv1, from {@code make.get()}. */
    public NetBuilder relu1(Supplier<? extends Layer> make) {
        return with("Relu1", "relu1", make == null ? null : (W, b) -> make.get());
    }

    /** Pool1, 2x2 max pooling of stride 2 in ours, from {@code make.get()}. */
    public NetBuilder pool1(Supplier<? extends Layer> make) {
        return with("Pool1", "pool1", make == null ? null : (W, b) -> make.get());
    }

    /** Affine1 from {@code make.apply(W2, b2)}: W2 (FN * PH * PW, hidden) and b2 (hidden), live. */
    public NetBuilder affine1(BiFunction<Tensor, Tensor, ? extends Layer> make) {
        return with("Affine1", "affine1", make);
    }

    /** Relu2, after Affine1, from {@code make.get()}. */
    public NetBuilder relu2(Supplier<? extends Layer> make) {
        return with("Relu2", "relu2", make == null ? null : (W, b) -> make.get());
    }

    /** Affine2 from {@code make.apply(W3, b3)}: W3 (hidden, outputSize) and b3 (outputSize), live. */
    public NetBuilder affine2(BiFunction<Tensor, Tensor, ? extends Layer> make) {
        return with("Affine2", "affine2", make);
    }

    /**
     * The network, its weights drawn from the config's seed.
     *
     * @throws IllegalArgumentException if the config does not make a network (as {@link
     *                                  SimpleConvNet#SimpleConvNet(NetConfig)}), or a factory returns null,
     *                                  a layer it returned before, or a layer whose params() are not
     *                                  exactly the tensors it was given
     */
    public SimpleConvNet build() {
        return new SimpleConvNet(this);
    }

    private NetBuilder with(String name, String method, BiFunction<Tensor, Tensor, ? extends Layer> make) {
        if (make == null) {
            throw new IllegalArgumentException("NetBuilder." + method + ": the factory must be given, got null");
        }
        Map<String, BiFunction<Tensor, Tensor, ? extends Layer>> m = new LinkedHashMap<>(makers);
        m.put(name, make);
        return new NetBuilder(config, Collections.unmodifiableMap(m));
    }

    /**
     * Calls each factory with its layer's live parameters, in order, and checks what it made.
     *
     * @param shared for a replica, the layers of the net whose parameters it shares (none may come
     *               back); else empty
     */
    Map<String, Layer> make(Map<String, Tensor> params, Map<String, Layer> shared) {
        Map<String, Layer> out = new LinkedHashMap<>();
        makers.forEach((name, make) -> {
            Map<String, Tensor> given = new LinkedHashMap<>();
            Layout.paramsOf(name).forEach(q -> given.put(q, params.get(q)));
            List<Tensor> wb = List.copyOf(given.values());
            Layer layer = make.apply(wb.isEmpty() ? null : wb.get(0), wb.isEmpty() ? null : wb.get(1));
            Map<String, Layer> used = new LinkedHashMap<>(out);
            shared.forEach((k, v) -> used.put(k + " of the network whose parameters it shares", v));
            Layout.requireFits(name, layer, given, used);
            out.put(name, layer);
        });
        return Collections.unmodifiableMap(out);
    }
}

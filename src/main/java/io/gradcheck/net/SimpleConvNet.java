package io.gradcheck.net;

import io.gradcheck.layer.ConvReluPool;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The book's chapter 7 network: Convolution - ReLU - Pooling - Affine - ReLU - Affine - SoftmaxWithLoss,
 * with 2x2 max pooling of stride 2 and parameters W1, b1, W2, b2, W3, b3.
 *
 * <p>Like the book's {@code self.layers = OrderedDict()}, it holds its layers as one named list,
 * Conv1, Relu1, Pool1, Affine1, Relu2, Affine2 ({@link #layers()}), and W1..b3 are the "W" and "b"
 * of Conv1, Affine1 and Affine2. {@link #builder} puts any {@link Layer} in a role instead of ours:
 * a user's or a student's Convolution, Relu, Pooling or Affine, then checked and trained inside the
 * whole network.
 *
 * <p>Not final, and its layers are protected, so that a subclass can override {@link #gradient}
 * with a bug in it, the way exercises and the bug catalogue do.
 */
public class SimpleConvNet {
    /**
     * The most parameters a network may have: 23 times the book's 432,080, and with gradients and
     * Adam's two moments about 320 MB.
     */
    public static final long MAX_PARAMS = 10_000_000;
    /** The layers named Conv1 .. Affine2 in {@link #layers()}, for subclasses: views of that list. */
    protected final Layer conv1, relu1, pool1, affine1, relu2, affine2;
    /** The loss on top of the layers. */
    protected final SoftmaxWithLoss lastLayer = new SoftmaxWithLoss();
    private final Map<String, Layer> layers;  // the book's OrderedDict, in forward order
    private final List<Layer> order;          // its values, for going backward and lossOf's sublists
    private final NetBuilder made;            // how the layers were made: again for a replica
    private final Map<String, Tensor> params;
    private final NetConfig config;
    private final ConvReluPool fused;         // Conv1, Relu1 and Pool1 in one pass when all three are ours, else null
    private double lastLoss = Double.NaN;

    /** The book's constructor. See {@link NetConfig} for the meaning of each argument. */
    public SimpleConvNet(int[] inputDim, ConvConfig conv, int hiddenSize, int outputSize,
                         double weightInitStd, long seed) {
        this(new NetConfig(inputDim, conv, hiddenSize, outputSize, weightInitStd, seed));
    }

    /**
     * Builds the network from our layers and draws its weights from N(0, std²) with the config's seed.
     *
     * @throws IllegalArgumentException if a size is not positive, the convolution's output is not
     *                                  whole, pooling does not fit, or the network would have more
     *                                  than {@link #MAX_PARAMS} parameters
     */
    public SimpleConvNet(NetConfig config) {
        this(builder(config));
    }

    /**
     * Builds the network from the layers that {@code layers} makes, for a subclass; {@link NetBuilder#build}
     * is the usual way. The weights are drawn as {@link #SimpleConvNet(NetConfig)} draws them, then
     * handed to the layers' factories, so a network of equivalent layers computes the same numbers.
     *
     * @throws IllegalArgumentException as {@link #SimpleConvNet(NetConfig)}, or if a layer does not fit its
     *                                  place (see {@link NetBuilder})
     */
    protected SimpleConvNet(NetBuilder layers) {
        this(layers, Layout.draw(layers.config()), Map.of());
    }

    /**
     * A network with its own layers (and so its own caches) around this network's live parameter
     * tensors, for computing the gradients of a slice of a batch on another thread. A user's layers
     * are made again by their factories, which must return new layers.
     */
    SimpleConvNet(SimpleConvNet shared) {
        this(shared.made, shared.params, shared.layers);
    }

    private SimpleConvNet(NetBuilder made, Map<String, Tensor> params, Map<String, Layer> shared) {
        this.config = made.config();
        this.made = made;
        this.params = params;
        this.layers = made.make(params, shared);
        order = List.copyOf(layers.values());
        conv1 = order.get(0);
        relu1 = order.get(1);
        pool1 = order.get(2);
        affine1 = order.get(3);
        relu2 = order.get(4);
        affine2 = order.get(5);
        fused = ConvReluPool.fuses(conv1, relu1, pool1)
                ? new ConvReluPool((Convolution) conv1, (Relu) relu1, (Pooling) pool1) : null;
    }

    /**
     * A builder of this network that makes our layers until told otherwise: {@code
     * SimpleConvNet.builder(config).relu1(MyRelu::new).build()}. See {@link NetBuilder}.
     */
    public static NetBuilder builder(NetConfig config) {
        return new NetBuilder(config);
    }

    /**
     * The shapes of W1..b3 for config, in the order of {@link #params()}, without building the network:
     * the computation the constructor makes, for readers of saved parameters. In long, since a
     * configuration read from a file may ask for more than an int holds (the constructor then refuses
     * it for its count of parameters).
     *
     * @throws IllegalArgumentException if a size is not positive, pad is negative, the convolution's
     *                                  output is not whole, or pooling does not fit
     */
    public static Map<String, long[]> paramShapes(NetConfig config) {
        return Layout.shapes(config);
    }

    /** The configuration this network was built from. */
    public NetConfig config() {
        return config;
    }

    /** W1, b1, W2, b2, W3, b3 in that order. The tensors are live: writing them changes the net. */
    public Map<String, Tensor> params() {
        return params;
    }

    /**
     * The class scores (N, outputSize), before softmax: a new tensor, the caller's to keep. With our
     * Conv1, Relu1 and Pool1 the three run fused ({@link ConvReluPool}), with the same bits. x (N, C, H, W):
     * not modified.
     *
     * @throws IllegalArgumentException if x is not (N, C, H, W) with the config's C, H and W
     */
    public Tensor predict(Tensor x) {
        requireInput("SimpleConvNet.predict", x);
        Tensor out = input(x);
        int from = 0;
        if (fused != null) {
            out = fused.forward(out);
            from = 3;
        }
        for (Layer layer : order.subList(from, order.size())) {
            out = layer.forward(out);
        }
        return out.copy();  // the last layer's array is its own, reused by its next forward
    }

    /** x for our first layer, a copy for a user's: it might write into its input, and x is the caller's. */
    private Tensor input(Tensor x) {
        return Layout.ours("Conv1", order.get(0)) ? x : x.copy();
    }

    void requireInput(String op, Tensor x) {
        int[] in = config.inputDim();
        if (x.rank() != 4 || x.dim(1) != in[0] || x.dim(2) != in[1] || x.dim(3) != in[2]) {
            throw new IllegalArgumentException(op + ": expected [N, " + in[0] + ", " + in[1] + ", "
                    + in[2] + "], got " + x.shapeString());
        }
    }

    /** The mean cross-entropy loss on a batch. x: not modified. */
    public double loss(Tensor x, Labels t) {
        return lastLayer.forward(predict(x), t);
    }

    /**
     * The loss as a function of the parameter {@code name} alone, for finite differences: runs the
     * layers before the one that owns {@code name} once, now, and each call of the returned function
     * runs only the rest. While only {@code name} changes, each call returns exactly the double that
     * {@link #loss} would, and leaves the same {@link #branches()}; a W3 step costs one Affine.
     * Uses this class's forward pass, not an override of {@link #predict} or {@link #loss}. A user's
     * layer that owns {@code name} gets a new copy of its input on each call, in case it writes into it.
     * x, t: not modified.
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #params()}
     */
    public DoubleSupplier lossOf(String name, Tensor x, Labels t) {
        Layout.Slot slot = Layout.SLOTS.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("SimpleConvNet.lossOf: no parameter named '" + name
                    + "'; the parameters are " + params.keySet());
        }
        int first = Layout.names().indexOf(slot.layer());
        requireInput("SimpleConvNet.lossOf", x);
        Tensor prefix = input(x);
        for (Layer layer : order.subList(0, first)) {
            prefix = layer.forward(prefix);
        }
        Tensor in = prefix == x ? x : prefix.copy();  // our own copy: no later forward can overwrite it
        // our layers never write into their input; a user's might, and every call must start from the same in
        boolean fresh = !Layout.ours(slot.layer(), layers.get(slot.layer()));
        return () -> {
            Tensor out = fresh ? in.copy() : in;
            for (Layer layer : order.subList(first, order.size())) {
                out = layer.forward(out);
            }
            return lastLayer.forward(out, t);
        };
    }

    /** The fraction of examples whose highest score is their label. */
    public double accuracy(Tensor x, Labels t) {
        return (double) correct(x, t) / x.dim(0);
    }

    /** The number of examples whose highest score is their label (the first such score on ties). */
    int correct(Tensor x, Labels t) {
        Tensor y = predict(x);
        int n = y.dim(0), k = y.dim(1);
        if (t.size() != n) {
            throw new IllegalArgumentException("SimpleConvNet.accuracy: " + n + " examples but " + t.size() + " labels");
        }
        int right = 0;
        for (int i = 0; i < n; i++) {
            if (t.get(i) >= k) {
                throw new IllegalArgumentException("SimpleConvNet.accuracy: label " + i + " is " + t.get(i)
                        + ", outside [0, " + k + ")");
            }
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (y.get(i * k + j) > y.get(i * k + best)) {
                    best = j;
                }
            }
            right += best == t.get(i) ? 1 : 0;
        }
        return right;
    }

    /**
     * Forward and backward through every layer. Leaves each layer's parameter gradients filled
     * and returns dx, the gradient of the loss with respect to x: a new tensor, the caller's to keep.
     */
    public Tensor backprop(Tensor x, Labels t) {
        return backprop(x, t, true).copy();  // the first layer's array is its own, reused by its next backward
    }

    /** Backprop; without needDx the first layer fills its gradients but computes no dx (null). */
    private Tensor backprop(Tensor x, Labels t, boolean needDx) {
        lastLoss = loss(x, t);
        Tensor dout = lastLayer.backward(1.0);
        for (int i = order.size() - 1; i >= (fused != null ? 3 : 1); i--) {
            dout = order.get(i).backward(dout);
        }
        if (fused != null) {  // reads only what the three layers' own forward leaves, so after any forward
            return fused.backward(dout, needDx);
        }
        if (needDx) {
            return order.get(0).backward(dout);
        }
        if (order.get(0) instanceof Convolution c) {
            c.backwardParams(dout);
        } else {
            order.get(0).backward(dout);  // a user's first layer: its dx is dropped
        }
        return null;
    }

    /**
     * The loss that the last {@link #backprop} (or {@link #gradient}) computed on its way forward,
     * before any update; NaN before the first. Lets a trainer record the loss without a second forward.
     */
    public double lastLoss() {
        return lastLoss;
    }

    /**
     * The gradients of the loss by backpropagation, named like {@link #params()}: each the grads()
     * entry of the layer that holds the parameter, valid until the next {@code gradient} or {@link #backprop}
     * on this network (our layers write every step's gradients into the same arrays: copy them to keep
     * them). Skips dx, which training never uses; {@link #backprop} gives it.
     *
     * @throws IllegalStateException if a user's layer filled no gradient for one of its parameters
     */
    public Map<String, Tensor> gradient(Tensor x, Labels t) {
        backprop(x, t, false);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        Layout.SLOTS.forEach((name, slot) -> {
            Layer layer = layers.get(slot.layer());
            Map<String, Tensor> g = layer.grads();
            Tensor d = g == null ? null : g.get(slot.key());
            if (d == null) {
                throw new IllegalStateException("SimpleConvNet.gradient: " + Layout.label(slot.layer(), layer)
                        + " has no gradient \"" + slot.key() + "\" (for " + name + ") after backward; its grads() has "
                        + (g == null ? "null" : g.keySet()));
            }
            grads.put(name, d);
        });
        return grads;
    }

    /**
     * The gradients of the loss by central differences with step h, as the book's
     * {@code numerical_gradient}: two loss evaluations per parameter element. Every parameter is
     * restored exactly.
     */
    public Map<String, Tensor> numericalGradient(Tensor x, Labels t, double h) {
        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor p = e.getValue();
            Tensor g = Tensor.zeros(p.shape());
            for (int i = 0; i < p.size(); i++) {
                g.set(i, Ops.centralDifference(p, i, h, () -> loss(x, t)));
            }
            grads.put(e.getKey(), g);
        }
        return grads;
    }

    /**
     * Where a forward pass on x first meets a value that is not finite, for error messages: "parameter
     * W2 is NaN at [3, 5]", "the input is Infinity at [0, 0, 3, 4]" or "the output of Affine (W3, b3)
     * is NaN at [1, 7]"; null if every value on the way is finite. x: not modified. Replaces what
     * the layers kept from the last forward.
     */
    public String firstNonFinite(Tensor x) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            String at = nonFinite(e.getValue());
            if (at != null) {
                return "parameter " + e.getKey() + " is " + at;
            }
        }
        String at = nonFinite(x);
        if (at != null) {
            return "the input is " + at;
        }
        Tensor out = input(x);
        for (Map.Entry<String, Layer> e : layers.entrySet()) {
            out = e.getValue().forward(out);
            at = nonFinite(out);
            if (at != null) {
                return "the output of " + Layout.describe(e.getKey(), e.getValue()) + " is " + at;
            }
        }
        return null;
    }

    /** "NaN at [0, 3]" for the first element of t that is not finite, else null. */
    private static String nonFinite(Tensor t) {
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                return d[i] + " at " + Arrays.toString(t.unflatten(i));
            }
        }
        return null;
    }

    /**
     * The non-smooth branches of the last forward, every layer's in order: with our layers both ReLU
     * masks and the pooling argmax; a user's layer passes its own through.
     */
    public int[] branches() {
        int[][] each = new int[order.size()][];
        int n = 0;
        for (int i = 0; i < each.length; i++) {
            each[i] = order.get(i).branches();
            n += each[i].length;
        }
        int[] all = new int[n];  // called at every finite-difference step: plain copies, no stream
        for (int i = 0, at = 0; i < each.length; at += each[i].length, i++) {
            System.arraycopy(each[i], 0, all, at, each[i].length);
        }
        return all;
    }

    /**
     * The layers in forward order under the book's names, Conv1, Relu1, Pool1, Affine1, Relu2 and
     * Affine2, as its {@code OrderedDict}; unmodifiable, and the layers are live.
     */
    public Map<String, Layer> layers() {
        return layers;
    }

    /** The parameters in the order backprop fills their gradients, last layer first: W3, b3, W2, b2, W1, b1. */
    public List<String> backwardOrder() {
        return Layout.BACKWARD;
    }

    /**
     * The kind of layer that holds parameter {@code name}, for messages: "Convolution" for W1 and b1,
     * "Affine" for W2, b2, W3 and b3.
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #params()}
     */
    public String roleOf(String name) {
        Layout.Slot slot = Layout.SLOTS.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("SimpleConvNet.roleOf: no parameter named '" + name
                    + "'; the parameters are " + params.keySet());
        }
        return Layout.ROLES.get(slot.layer());
    }
}

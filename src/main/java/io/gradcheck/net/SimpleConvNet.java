package io.gradcheck.net;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.apache.commons.math3.random.Well19937c;

/**
 * The book's chapter 7 network: Convolution - ReLU - Pooling - Affine - ReLU - Affine - SoftmaxWithLoss,
 * with 2x2 max pooling of stride 2 and parameters W1, b1, W2, b2, W3, b3.
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
    private static final List<String> LAYER_NAMES =  // for messages, in the order of layers
            List.of("Convolution (W1, b1)", "Relu", "Pooling", "Affine (W2, b2)", "Relu", "Affine (W3, b3)");
    protected final Convolution conv1;
    protected final Relu relu1 = new Relu();
    protected final Pooling pool1 = new Pooling(2, 2, 2, 0);
    protected final Affine affine1;
    protected final Relu relu2 = new Relu();
    protected final Affine affine2;
    protected final SoftmaxWithLoss lastLayer = new SoftmaxWithLoss();
    private final List<Layer> layers;
    private final Map<String, Tensor> params;
    private final NetConfig config;
    private double lastLoss = Double.NaN;

    /** The book's constructor. See {@link NetConfig} for the meaning of each argument. */
    public SimpleConvNet(int[] inputDim, ConvConfig conv, int hiddenSize, int outputSize,
                         double weightInitStd, long seed) {
        this(new NetConfig(inputDim, conv, hiddenSize, outputSize, weightInitStd, seed));
    }

    /**
     * Builds the network and draws its weights from N(0, std²) with the config's seed.
     *
     * @throws IllegalArgumentException if a size is not positive, the convolution's output is not
     *                                  whole, pooling does not fit, or the network would have more
     *                                  than {@link #MAX_PARAMS} parameters
     */
    public SimpleConvNet(NetConfig config) {
        this.config = config;
        int[] in = config.inputDim();
        ConvConfig cc = config.conv();
        if (in.length != 3) {
            throw new IllegalArgumentException("SimpleConvNet: inputDim must be (C, H, W), got "
                    + Arrays.toString(in));
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
        if (!(config.weightInitStd() >= 0 && config.weightInitStd() < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("SimpleConvNet: weightInitStd must be finite and not negative, got "
                    + config.weightInitStd());
        }
        int outH = convOut("height", in[1], fs, cc.pad(), cc.stride());
        int outW = convOut("width", in[2], fs, cc.pad(), cc.stride());
        if (outH < 2 || outW < 2) {
            throw new IllegalArgumentException("SimpleConvNet: 2x2 pooling does not fit the conv output "
                    + outH + "x" + outW + "; it needs at least 2x2");
        }
        // in double, which cannot overflow; exact for every count up to 2^53, far beyond the bound
        double[][] shapes = {{fn, in[0], fs, fs}, {(double) fn * (outH / 2) * (outW / 2), config.hiddenSize()},
            {config.hiddenSize(), config.outputSize()}};
        double total = (double) fn + config.hiddenSize() + config.outputSize();  // the biases
        for (double[] w : shapes) {
            total += Arrays.stream(w).reduce(1, (p, q) -> p * q);
        }
        if (total > MAX_PARAMS) {  // a typo such as hidden 100000 must not end in an OutOfMemoryError
            throw new IllegalArgumentException("SimpleConvNet: W1 " + dims(shapes[0]) + ", W2 " + dims(shapes[1])
                    + " and W3 " + dims(shapes[2]) + " make " + String.format(Locale.ROOT, "%.0f", total)
                    + " parameters, more than the " + MAX_PARAMS + " a network may have");
        }
        int poolOut = (int) shapes[1][0];
        Well19937c rng = new Well19937c(config.seed());
        double std = config.weightInitStd();
        Tensor W1 = Tensor.randn(rng, std, fn, in[0], fs, fs);
        Tensor W2 = Tensor.randn(rng, std, poolOut, config.hiddenSize());
        Tensor W3 = Tensor.randn(rng, std, config.hiddenSize(), config.outputSize());
        Tensor b1 = Tensor.zeros(fn);
        Tensor b2 = Tensor.zeros(config.hiddenSize());
        Tensor b3 = Tensor.zeros(config.outputSize());
        conv1 = new Convolution(W1, b1, cc.stride(), cc.pad());
        affine1 = new Affine(W2, b2);
        affine2 = new Affine(W3, b3);
        layers = List.of(conv1, relu1, pool1, affine1, relu2, affine2);  // conv1 first: backprop relies on it
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W1", W1);
        p.put("b1", b1);
        p.put("W2", W2);
        p.put("b2", b2);
        p.put("W3", W3);
        p.put("b3", b3);
        params = Collections.unmodifiableMap(p);
    }

    /**
     * A network with its own layers (and so its own caches) around this network's live parameter
     * tensors, for computing the gradients of a slice of a batch on another thread.
     */
    SimpleConvNet(SimpleConvNet shared) {
        config = shared.config;
        params = shared.params;
        conv1 = new Convolution(params.get("W1"), params.get("b1"), config.conv().stride(), config.conv().pad());
        affine1 = new Affine(params.get("W2"), params.get("b2"));
        affine2 = new Affine(params.get("W3"), params.get("b3"));
        layers = List.of(conv1, relu1, pool1, affine1, relu2, affine2);
    }

    /** "[4320, 100000]". */
    private static String dims(double[] d) {
        return Arrays.toString(Arrays.stream(d).mapToLong(v -> (long) v).toArray());
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("SimpleConvNet: " + what + " must be positive, got " + v);
        }
    }

    private static int convOut(String axis, int in, int f, int pad, int stride) {
        int span = in + 2 * pad - f;
        if (span < 0 || span % stride != 0) {
            throw new IllegalArgumentException("SimpleConvNet: conv output " + axis + " (" + in + " + 2*"
                    + pad + " - " + f + ") / " + stride + " + 1 = " + span + "/" + stride + " + 1 is "
                    + (span < 0 ? "negative: the filter is larger than the padded input" : "not whole"));
        }
        return span / stride + 1;
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
     * The class scores (N, outputSize), before softmax. x (N, C, H, W): not modified.
     *
     * @throws IllegalArgumentException if x is not (N, C, H, W) with the config's C, H and W
     */
    public Tensor predict(Tensor x) {
        requireInput("SimpleConvNet.predict", x);
        Tensor out = x;
        for (Layer layer : layers) {
            out = layer.forward(out);
        }
        return out;
    }

    private void requireInput(String op, Tensor x) {
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
     * Uses this class's forward pass, not an override of {@link #predict} or {@link #loss}.
     * x, t: not modified.
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #params()}
     */
    public DoubleSupplier lossOf(String name, Tensor x, Labels t) {
        int first = switch (name) {
            case "W1", "b1" -> 0;
            case "W2", "b2" -> layers.indexOf(affine1);
            case "W3", "b3" -> layers.indexOf(affine2);
            default -> throw new IllegalArgumentException("SimpleConvNet.lossOf: no parameter named '" + name
                    + "'; the parameters are " + params.keySet());
        };
        requireInput("SimpleConvNet.lossOf", x);
        Tensor prefix = x;
        for (Layer layer : layers.subList(0, first)) {
            prefix = layer.forward(prefix);
        }
        Tensor in = prefix == x ? x : prefix.copy();  // our own copy: no later forward can overwrite it
        return () -> {
            Tensor out = in;
            for (Layer layer : layers.subList(first, layers.size())) {
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
     * and returns dx, the gradient of the loss with respect to x.
     */
    public Tensor backprop(Tensor x, Labels t) {
        return backprop(x, t, true);
    }

    /** Backprop; without needDx the first layer fills its gradients but computes no dx (null). */
    private Tensor backprop(Tensor x, Labels t, boolean needDx) {
        lastLoss = loss(x, t);
        Tensor dout = lastLayer.backward(1.0);
        for (int i = layers.size() - 1; i >= 1; i--) {
            dout = layers.get(i).backward(dout);
        }
        if (needDx) {
            return conv1.backward(dout);
        }
        conv1.backwardParams(dout);
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
     * The gradients of the loss by backpropagation, named like {@link #params()}. Skips dx, which
     * training never uses; {@link #backprop} gives it.
     */
    public Map<String, Tensor> gradient(Tensor x, Labels t) {
        backprop(x, t, false);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        grads.put("W1", conv1.grads().get("W"));
        grads.put("b1", conv1.grads().get("b"));
        grads.put("W2", affine1.grads().get("W"));
        grads.put("b2", affine1.grads().get("b"));
        grads.put("W3", affine2.grads().get("W"));
        grads.put("b3", affine2.grads().get("b"));
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
        Tensor out = x;
        for (int i = 0; i < layers.size(); i++) {
            out = layers.get(i).forward(out);
            at = nonFinite(out);
            if (at != null) {
                return "the output of " + LAYER_NAMES.get(i) + " is " + at;
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

    /** The non-smooth branches of the last forward: both ReLU masks and the pooling argmax. */
    public int[] branches() {
        int[] a = relu1.branches(), b = pool1.branches(), c = relu2.branches();
        int[] all = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        return all;
    }
}

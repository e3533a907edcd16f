package io.gradcheck.bench;

import io.gradcheck.data.Dataset;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.layer.ConvReluPool;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.Well19937c;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The book network's convolution (30 filters 5x5 on 1x28x28) and 2x2 max pooling, forward and
 * backward, at batch 100 of embedded digits. Each backward reuses the cache of one forward made in
 * setup. Time per call, ms. {@code convReluPool*} time the network's first three layers, fused
 * ({@link ConvReluPool}) and one by one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Layers {
    private Convolution conv;
    private Pooling pool;
    private Tensor x;         // (100, 1, 28, 28)
    private Tensor convDout;  // (100, 30, 24, 24)
    private Tensor poolIn;    // (100, 30, 24, 24): ReLU of the convolution, as in the net
    private Tensor poolDout;  // (100, 30, 12, 12)
    private Convolution conv3;  // the three layers, for the fused and the layer-by-layer pass
    private Relu relu3;
    private Pooling pool3;
    private ConvReluPool fused;

    @Setup
    public void setup() throws IOException {
        Dataset d = Mnist.embedded(new LoadOptions(true, false, false)).train();
        x = Tensor.wrap(Arrays.copyOfRange(d.images(), 0, 100 * 784), 100, 1, 28, 28);
        Well19937c rng = new Well19937c(1);
        conv = new Convolution(Tensor.randn(rng, 0.01, 30, 1, 5, 5), Tensor.zeros(30), 1, 0);
        poolIn = new Relu().forward(conv.forward(x));
        convDout = Tensor.randn(rng, 1, 100, 30, 24, 24);
        pool = new Pooling(2, 2, 2, 0);
        pool.forward(poolIn);
        poolDout = Tensor.randn(rng, 1, 100, 30, 12, 12);
        conv3 = new Convolution(Tensor.randn(new Well19937c(1), 0.01, 30, 1, 5, 5), Tensor.zeros(30), 1, 0);
        relu3 = new Relu();
        pool3 = new Pooling(2, 2, 2, 0);
        fused = new ConvReluPool(conv3, relu3, pool3);
        fused.forward(x);
    }

    @Benchmark
    public Tensor convReluPoolForwardFused() {
        return fused.forward(x);
    }

    @Benchmark
    public Tensor convReluPoolForwardLayers() {
        return pool3.forward(relu3.forward(conv3.forward(x)));
    }

    /** Without dx, as in training. After the forward in setup: the layers' state is the same either way. */
    @Benchmark
    public Object convReluPoolBackwardFused() {
        fused.backward(poolDout, false);
        return conv3.grads();
    }

    @Benchmark
    public Object convReluPoolBackwardLayers() {
        conv3.backwardParams(relu3.backward(pool3.backward(poolDout)));
        return conv3.grads();
    }

    @Benchmark
    public Tensor convForward() {
        return conv.forward(x);
    }

    @Benchmark
    public Tensor convBackward() {
        return conv.backward(convDout);
    }

    @Benchmark
    public Tensor poolForward() {
        return pool.forward(poolIn);
    }

    @Benchmark
    public Tensor poolBackward() {
        return pool.backward(poolDout);
    }
}

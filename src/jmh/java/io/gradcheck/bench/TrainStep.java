package io.gradcheck.bench;

import io.gradcheck.data.Dataset;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.BatchSplit;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import io.gradcheck.train.Adam;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step of the book's network (1x28x28, 30 filters 5x5, hidden 100, 10 classes):
 * forward, backward and an Adam update on a batch of 100 embedded digits, cycling through all 80
 * batches of the training set so that the ReLU and pooling patterns are those of real training.
 * The score is in images per second (100 operations per step). {@code slices} cuts each batch
 * into that many slices ({@link BatchSplit}), computed on min(cores, slices) threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainStep {
    static final int BATCH = 100;
    private SimpleConvNet net;
    private Adam adam;
    private Tensor[] x;
    private Labels[] t;
    private int next;
    private BatchSplit split;

    @Param({"1", "2", "4"})
    public int slices;

    @Setup
    public void setup() throws IOException {
        Dataset d = Mnist.embedded(new LoadOptions(true, false, false)).train();
        int batches = d.size() / BATCH;
        x = new Tensor[batches];
        t = new Labels[batches];
        for (int b = 0; b < batches; b++) {
            x[b] = Tensor.wrap(Arrays.copyOfRange(d.images(), b * BATCH * 784, (b + 1) * BATCH * 784), BATCH, 1, 28, 28);
            t[b] = Labels.indices(Arrays.copyOfRange(d.labels(), b * BATCH, (b + 1) * BATCH));
        }
        net = new SimpleConvNet(NetConfig.book(20261129L));
        adam = new Adam(net.params(), Adam.LR, Adam.BETA1, Adam.BETA2);
        split = new BatchSplit(net, slices, Math.min(Runtime.getRuntime().availableProcessors(), slices));
    }

    @TearDown
    public void tearDown() {
        split.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double step() {
        int b = next;
        next = (next + 1) % x.length;
        adam.update(net.params(), split.gradient(x[b], t[b]));
        return split.lastLoss();  // returned so that the JIT cannot drop the step
    }
}

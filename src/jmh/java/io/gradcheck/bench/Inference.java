package io.gradcheck.bench;

import io.gradcheck.data.Dataset;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.BatchSplit;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Inference on the 2,000 embedded test digits with the book's network: the count of right answers
 * in batches of {@code batch} (the trainer uses 100), each batch cut into {@code slices} slices on
 * min(cores, slices) threads ({@link BatchSplit#correct}). Time per pass over all 2,000, ms
 * (tools/BenchReport.java turns it into images/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Inference {
    @Param({"100", "500"})
    public int batch;
    @Param({"1", "2", "4"})
    public int slices;
    private BatchSplit split;
    private Tensor[] x;
    private Labels[] t;

    @Setup
    public void setup() throws IOException {
        Dataset test = Mnist.embedded(new LoadOptions(true, false, false)).test();
        int batches = 2000 / batch;
        x = new Tensor[batches];
        t = new Labels[batches];
        for (int b = 0; b < batches; b++) {
            x[b] = Tensor.wrap(Arrays.copyOfRange(test.images(), b * batch * 784, (b + 1) * batch * 784), batch, 1, 28, 28);
            t[b] = Labels.indices(Arrays.copyOfRange(test.labels(), b * batch, (b + 1) * batch));
        }
        split = new BatchSplit(new SimpleConvNet(NetConfig.book(20261129L)), slices,
                Math.min(Runtime.getRuntime().availableProcessors(), slices));
    }

    @TearDown
    public void tearDown() {
        split.close();
    }

    @Benchmark
    public int correctOn2000() {
        int right = 0;
        for (int b = 0; b < x.length; b++) {
            right += split.correct(x[b], t[b]);
        }
        return right;
    }
}

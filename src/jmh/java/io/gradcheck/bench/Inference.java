package io.gradcheck.bench;

import io.gradcheck.data.Dataset;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.train.Trainer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Inference on the 2,000 embedded test digits with the book's network, in the trainer's batches of
 * 500 ({@link Trainer#accuracy}). Time per pass over all 2,000, ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Inference {
    private SimpleConvNet net;
    private Dataset test;

    @Setup
    public void setup() throws IOException {
        test = Mnist.embedded(new LoadOptions(true, false, false)).test();
        net = new SimpleConvNet(NetConfig.book(20261129L));
    }

    @Benchmark
    public double accuracyOn2000() {
        return Trainer.accuracy(net, test, 2000);
    }
}

package io.gradcheck.bench;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.data.Dataset;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.layer.Labels;
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

/**
 * Fast mode on the book's full-size network (433,890 parameters): K random directions per tensor
 * for W1..b3 and x, on a batch of two embedded digits. Time per whole check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FastCheck {
    @Param({"3"})
    public int directions;
    private SimpleConvNet net;
    private Tensor x;
    private Labels t;

    @Setup
    public void setup() throws IOException {
        Dataset d = Mnist.embedded(new LoadOptions(true, false, false)).train();
        x = Tensor.wrap(Arrays.copyOfRange(d.images(), 0, 2 * 784), 2, 1, 28, 28);
        t = Labels.indices(d.labels()[0], d.labels()[1]);
        net = new SimpleConvNet(NetConfig.book(20261129L));
    }

    @Benchmark
    public CheckResult check() {
        return GradientCheck.of(net, t).input(x).seed(7).fast(directions).run();
    }
}

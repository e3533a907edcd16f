package io.gradcheck.bench;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
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
 * The element-wise check of the book's {@code ch07/gradient_check.py} network: input 1x10x10, 10
 * filters 3x3, hidden 10, output 10, weight std 0.01, one image of U(0, 1) with label 1. Every
 * parameter element and every input element. Time per whole check, ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SmallCheck {
    private SimpleConvNet net;
    private Tensor x;
    private Labels t;

    @Setup
    public void setup() {
        net = new SimpleConvNet(new NetConfig(new int[] {1, 10, 10}, new ConvConfig(10, 3, 0, 1), 10, 10, 0.01, 20261129L));
        x = Tensor.uniform(new Well19937c(1), 0, 1, 1, 1, 10, 10);
        t = Labels.indices(1);
    }

    @Benchmark
    public CheckResult check() {
        return GradientCheck.of(net, t).input(x).seed(7).run();
    }
}

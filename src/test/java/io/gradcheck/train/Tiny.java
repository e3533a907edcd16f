package io.gradcheck.train;

import io.gradcheck.data.Dataset;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;

/** A small net and random data, so that training tests take milliseconds. */
final class Tiny {
    private Tiny() {
    }

    /** 1x8x8 images, 3 filters of 3x3, hidden 10, 10 classes. */
    static NetConfig net(long seed) {
        return new NetConfig(new int[] {1, 8, 8}, new ConvConfig(3, 3, 0, 1), 10, 10, 0.1, seed);
    }

    /** n random 8x8 images whose label is the row (0..7) of their brightest pixel, so there is something to learn. */
    static Dataset data(int n, long seed) {
        Well19937c rng = new Well19937c(seed);
        double[] x = new double[n * 64];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 0; j < 64; j++) {
                x[i * 64 + j] = rng.nextDouble();
                best = x[i * 64 + j] > x[i * 64 + best] ? j : best;
            }
            t[i] = best / 8;
        }
        return new Dataset(x, new int[] {n, 1, 8, 8}, t, null, 8, 8);
    }

    static Trainer trainer(TrainConfig cfg, int n) {
        SimpleConvNet net = new SimpleConvNet(net(cfg.seed()));
        return new Trainer(net, cfg.optimizer().create(net.params(), cfg.lr()), cfg, data(n, 1), data(40, 2));
    }

    static TrainConfig config(int epochs) {
        return new TrainConfig(epochs, 16, OptimizerKind.ADAM, 0.01, 42, 0);
    }

    static boolean bitwiseEqual(Map<String, Tensor> a, Map<String, Tensor> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!a.get(k).sameShape(b.get(k))) {
                return false;
            }
            double[] x = a.get(k).data(), y = b.get(k).data();
            for (int i = 0; i < x.length; i++) {
                if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                    return false;
                }
            }
        }
        return true;
    }
}

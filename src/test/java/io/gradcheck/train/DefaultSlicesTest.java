package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.data.Dataset;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.data.TrainTest;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The default uses the machine and gives the same bits everywhere: a fixed number of slices whatever
 * the cores, run on min(cores, slices) threads, with the same weights on 1, 2 and 4 threads. The core
 * count is injected, so the test means the same on any machine. The book's network on real digits, on
 * the default matrix multiply (native OpenBLAS when the system has it).
 */
class DefaultSlicesTest {
    private static final long SEED = 20261129L;

    @Test
    void theDefaultIsFourSlicesWhateverTheCores() {
        assertEquals(4, TrainConfig.DEFAULT_SLICES);
        assertEquals(TrainConfig.DEFAULT_SLICES, TrainConfig.book(SEED).slices());
        assertEquals(TrainConfig.DEFAULT_SLICES, new TrainConfig(1, 10, OptimizerKind.SGD, 0.01, SEED, 0).slices());
        TrainConfig cfg = Tiny.config(1);
        int[] cores = {1, 2, 3, 4, 16, 64};
        int[] threads = {1, 2, 3, 4, 4, 4};
        for (int i = 0; i < cores.length; i++) {
            SimpleConvNet net = new SimpleConvNet(Tiny.net(cfg.seed()));
            Trainer t = new Trainer(net, cfg.optimizer().create(net.params(), cfg.lr()), cfg, Tiny.data(64, 1),
                    Tiny.data(40, 2), cores[i]);
            assertEquals(threads[i], t.threads(), "threads on " + cores[i] + " cores");
            assertEquals(4, t.config().slices(), "slices on " + cores[i] + " cores");
        }
    }

    @Test
    void oneTwoAndFourThreadsGiveTheSameWeightsAndHistoryBitForBit() throws IOException {
        TrainTest tt = Mnist.embedded(new LoadOptions(true, false, false));
        Dataset test = first(tt.test(), 300);
        TrainConfig cfg = TrainConfig.book(SEED).withLimit(300);  // 3 steps of 100 per epoch
        cfg = new TrainConfig(2, cfg.batchSize(), cfg.optimizer(), cfg.lr(), cfg.seed(), cfg.limit(), cfg.slices());
        Trainer[] runs = new Trainer[3];
        History[] h = new History[3];
        int[] cores = {1, 2, 4};
        for (int i = 0; i < 3; i++) {
            SimpleConvNet net = new SimpleConvNet(NetConfig.book(SEED));
            runs[i] = new Trainer(net, cfg.optimizer().create(net.params(), cfg.lr()), cfg, tt.train(), test, cores[i]);
            assertEquals(cores[i], runs[i].threads());
            h[i] = runs[i].run(p -> { });
        }
        for (int i = 1; i < 3; i++) {
            assertTrue(Tiny.bitwiseEqual(runs[0].net().params(), runs[i].net().params()),
                    "weights after 6 steps on 1 and " + cores[i] + " threads, seed " + SEED);
            assertArrayEquals(bits(h[0].losses()), bits(h[i].losses()), "losses, seed " + SEED);
            assertArrayEquals(bits(h[0].trainAcc()), bits(h[i].trainAcc()), "train accuracy, seed " + SEED);
            assertArrayEquals(bits(h[0].testAcc()), bits(h[i].testAcc()), "test accuracy, seed " + SEED);
        }
    }

    private static long[] bits(double[] a) {
        return Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** The first n images of d. */
    static Dataset first(Dataset d, int n) {
        int pixels = d.pixels();
        return new Dataset(Arrays.copyOf(d.images(), n * pixels), new int[] {n, 1, d.rows(), d.cols()},
                Arrays.copyOf(d.labels(), n), null, d.rows(), d.cols());
    }
}

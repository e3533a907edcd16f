package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.data.Dataset;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.data.TrainTest;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
    @Test
    void eachEpochIsASeededPermutation() {
        int[] p = Shuffle.permutation(1000, 7, 0);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i], "every index exactly once");
        }
        assertArrayEquals(p, Shuffle.permutation(1000, 7, 0), "same seed and epoch, same order");
        assertFalse(Arrays.equals(p, Shuffle.permutation(1000, 7, 1)), "another epoch, another order");
        assertFalse(Arrays.equals(p, Shuffle.permutation(1000, 8, 0)), "another seed, another order");
        int fixed = 0;
        for (int i = 0; i < p.length; i++) {
            fixed += p[i] == i ? 1 : 0;
        }
        assertTrue(fixed < 10, "a shuffle, not the identity: " + fixed + " fixed points");
    }

    @Test
    void sameSeedGivesTheSameWeightsBitForBit() {
        Trainer a = Tiny.trainer(Tiny.config(2), 100), b = Tiny.trainer(Tiny.config(2), 100);
        History ha = a.run(p -> { }), hb = b.run(p -> { });
        assertTrue(Tiny.bitwiseEqual(a.net().params(), b.net().params()));
        assertArrayEquals(ha.losses(), hb.losses());
        assertEquals(2 * 7, ha.losses().length, "100 images in batches of 16: 6 full steps and one of 4");
        assertEquals(2, ha.epochs());
    }

    @Test
    void theListenerSeesEveryStepThenTheEpoch() {
        List<Progress> seen = new ArrayList<>();
        Tiny.trainer(Tiny.config(1), 40).run(seen::add);
        assertEquals(4, seen.size());
        assertEquals(List.of(16, 16, 8), seen.subList(0, 3).stream().map(Progress::batch).toList());
        assertFalse(seen.get(2).epochEnd());
        assertTrue(seen.get(3).epochEnd());
        assertEquals(1, seen.get(3).epoch());
    }

    @Test
    void refusesSettingsThatDoNotFitTheData() {
        SimpleConvNet net = new SimpleConvNet(Tiny.net(1));
        Optimizer opt = new Sgd(net.params(), 0.1);
        Dataset d = Tiny.data(20, 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(net, opt, Tiny.config(1).withLimit(21), d, d));
        assertEquals("Trainer: limit 21 exceeds the 20 training images", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(net, opt, Tiny.config(1).withLimit(10), d, d));
        assertEquals("Trainer: batch size 16 exceeds the 10 training images", e.getMessage());
        Dataset big = new Dataset(new double[2 * 100], new int[] {2, 1, 10, 10}, new int[2], null, 10, 10);
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(net, opt, Tiny.config(1), big, big));
        assertEquals("Trainer: the net expects images of [1, 8, 8] = 64 values, the data has 2 images of 10x10",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainConfig(0, 100, OptimizerKind.ADAM, 0.1, 1, 0));
        assertEquals("epochs must be in 1..10000, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainConfig(1, 100, OptimizerKind.ADAM, -1, 1, 0));
        assertEquals("learning rate must be in [2.2250738585072014E-308, 10.0], got -1.0", e.getMessage());
    }

    /** The bar: well above chance (10%) after one epoch on 2,000 images of the embedded set. */
    @Test
    void oneEpochOnTwoThousandDigitsBeatsChanceByAWideMargin() throws IOException {
        TrainTest tt = Mnist.embedded(new LoadOptions(true, false, false));
        // batch 10: 200 Adam steps at the book's lr; batch 100 would give only 20 steps (about 55%)
        TrainConfig cfg = new TrainConfig(1, 10, OptimizerKind.ADAM, Adam.LR, 20261129, 2000);
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(cfg.seed()));
        Trainer t = new Trainer(net, new Adam(net.params(), Adam.LR, Adam.BETA1, Adam.BETA2), cfg, tt.train(), tt.test());
        History h = t.run(p -> { });
        double acc = h.testAcc()[0];
        assertTrue(acc > 0.80, "test accuracy " + acc + " after one epoch on 2,000 images (seed 20261129)");
        assertEquals(acc, Trainer.accuracy(net, tt.test(), 2000), "the history holds the full test set's accuracy");
    }
}

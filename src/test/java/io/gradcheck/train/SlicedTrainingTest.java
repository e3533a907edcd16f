package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Training with each batch cut into slices: reproducible, and the same training up to rounding. */
class SlicedTrainingTest {
    @Test
    void twoSlicesGiveTheSameWeightsEveryTime() {
        Trainer a = Tiny.trainer(Tiny.config(2).withSlices(2), 100);
        Trainer b = Tiny.trainer(Tiny.config(2).withSlices(2), 100);
        a.run(p -> { });
        b.run(p -> { });
        assertTrue(Tiny.bitwiseEqual(a.net().params(), b.net().params()), "seed 42");
    }

    @Test
    void slicesChangeTheWeightsOnlyByRounding() {
        Trainer one = Tiny.trainer(Tiny.config(1).withSlices(1), 100);
        Trainer three = Tiny.trainer(Tiny.config(1).withSlices(3), 100);
        History h1 = one.run(p -> { });
        History h3 = three.run(p -> { });
        assertFalse(Tiny.bitwiseEqual(one.net().params(), three.net().params()),
                "3 slices sum in another order; bit-equal weights would mean the slices were not used");
        for (String k : one.net().params().keySet()) {
            Tensor w1 = one.net().params().get(k), w3 = three.net().params().get(k);
            for (int i = 0; i < w1.size(); i++) {
                assertEquals(w1.get(i), w3.get(i), 1e-9 * Math.max(1, Math.abs(w1.get(i))), k + "[" + i + "], seed 42");
            }
        }
        assertArrayEquals(h1.losses(), h3.losses(), 1e-9);
        assertArrayEquals(h1.testAcc(), h3.testAcc(), 0.0);
    }

    @Test
    void slicesOutOfRangeAreRefusedNamingTheRange() {
        assertEquals("slices must be in 1..64, got 0",
                assertThrows(IllegalArgumentException.class, () -> Tiny.config(1).withSlices(0)).getMessage());
        assertEquals("slices must be in 1..64, got 65",
                assertThrows(IllegalArgumentException.class, () -> Tiny.config(1).withSlices(65)).getMessage());
    }
}

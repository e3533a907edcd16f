package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drawn shapes derive the image size from the drawn output size, stride, filter and padding. */
class ShapesDrawTest {
    /** Numbers played back in order, each checked against the bounds of its draw. */
    private static Shapes.Ints script(Integer... values) {
        Deque<Integer> q = new ArrayDeque<>(List.of(values));
        return (lo, hi) -> {
            int v = q.removeFirst();
            if (v < lo || v > hi) {
                throw new AssertionError(v + " is outside [" + lo + ", " + hi + "]");
            }
            return v;
        };
    }

    @Test
    void aConvolutionsImageIsSizedSoThatItsOutputHasTheDrawnSize() {
        // n, c, fn, fh, fw, pad, stride, outH, outW, seed: h = (3 - 1) * 2 + 3 - 2 * 1 = 5, w = (2 - 1) * 2 + 4 - 2 = 4
        Shapes.ConvShape s = Shapes.ConvShape.draw(script(2, 1, 1, 3, 4, 1, 2, 3, 2, 7));
        assertEquals(new Shapes.ConvShape(2, 1, 5, 4, 1, 3, 4, 1, 2, 7), s);
    }

    @Test
    void aPoolingImageIsTheWindowLessPaddingPlusTheDrawnExtra() {
        // n, c, ph, pw, stride, pad, extra h, extra w, seed: h = 3 - 2 * 1 + 4 = 5, w = 3 - 2 + 5 = 6
        Shapes.PoolShape s = Shapes.PoolShape.draw(script(1, 2, 3, 3, 2, 1, 4, 5, 9));
        assertEquals(new Shapes.PoolShape(1, 2, 5, 6, 3, 3, 2, 1, 9), s);
    }

    @Test
    void aNetworksImageIsSizedSoThatItsConvolutionOutputHasTheDrawnSize() {
        // n, c, fn, fs, pad, stride, outH, outW, hidden, out, std index, config seed, data seed:
        // h = (3 - 1) * 2 + 3 - 2 * 1 = 5, w = (4 - 1) * 2 + 3 - 2 = 7
        Shapes.NetShape s = Shapes.NetShape.draw(script(2, 1, 2, 3, 1, 2, 3, 4, 5, 3, 1, 11, 12));
        assertEquals(new Shapes.NetShape(2, new NetConfig(new int[] {1, 5, 7}, new ConvConfig(2, 3, 1, 2), 5, 3, 0.01, 11),
                12), s);
    }
}

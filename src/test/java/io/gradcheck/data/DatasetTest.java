package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void lengthsThatDisagreeWithTheShapeAreRefusedWithTheNeededCount() {
        var images = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(new double[5], new int[] {2, 6}, new int[] {0, 1}, null, 2, 3));
        assertEquals("images has 5 values, shape [2, 6] needs 12", images.getMessage());
        var oneHot = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(new double[12], new int[] {2, 6}, new int[] {0, 1}, new double[3], 2, 3));
        assertEquals("oneHot has 3 values, needs 20", oneHot.getMessage());
    }

    @Test
    void pixelsAreRowsTimesColumns() {
        Dataset d = new Dataset(new double[12], new int[] {2, 1, 2, 3}, new int[] {0, 1}, null, 2, 3);
        assertEquals(6, d.pixels());
        assertEquals(2, d.size());
    }
}

package io.gradcheck.data;

import java.util.Arrays;

/**
 * The contents of an unsigned-byte IDX file: its dimension sizes and its data in row-major order.
 *
 * <p>Arrays are held by reference (not copied); the record's {@code equals} compares them by
 * identity.
 *
 * @param dims dimension sizes, outermost first, each {@code >= 0}
 * @param data {@code product(dims)} bytes; read them with {@link #at(int)} to get 0..255
 */
public record IdxArray(int[] dims, byte[] data) {
    /** Checks that {@code data.length} equals the product of {@code dims}. */
    public IdxArray {
        long n = 1;
        for (int d : dims) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            n = Math.multiplyExact(n, d);
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "dims " + Arrays.toString(dims) + " need " + n + " bytes, got " + data.length);
        }
    }

    /** Element {@code i} as an unsigned value in 0..255. */
    public int at(int i) {
        return data[i] & 0xFF;
    }
}

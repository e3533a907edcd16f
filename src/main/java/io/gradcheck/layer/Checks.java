package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;
import java.util.Arrays;

/** Shape checks shared by the layers, so that every message has the same form. */
final class Checks {
    private Checks() {
    }

    /** Fails with "op: expected [..], got [..]" unless t has exactly this shape. */
    static void requireShape(String op, Tensor t, int[] expected) {
        if (expected == null) {
            throw new IllegalStateException(op + ": backward called before forward");
        }
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(op + ": expected " + Arrays.toString(expected)
                    + ", got " + t.shapeString());
        }
    }

    /** Fails unless x is 4-D (N, C, H, W) with c channels. */
    static void requireImages(String op, Tensor x, int c) {
        if (x.rank() != 4 || x.dim(1) != c) {
            throw new IllegalArgumentException(op + ": expected [N, " + c + ", H, W], got "
                    + x.shapeString());
        }
    }

    /**
     * The output size (in + 2*pad - f) / stride + 1, failing with the arithmetic when the division
     * is not whole or the window does not fit.
     */
    static int outSize(String op, String axis, int in, int f, int pad, int stride, boolean whole) {
        int span = in + 2 * pad - f;
        if (span < 0) {
            throw new IllegalArgumentException(op + ": window " + f + " does not fit " + axis + ": "
                    + in + " + 2*" + pad + " = " + (in + 2 * pad) + " < " + f);
        }
        if (whole && span % stride != 0) {
            throw new IllegalArgumentException(op + ": output " + axis + " is not whole: ("
                    + in + " + 2*" + pad + " - " + f + ") / " + stride + " = " + span + "/" + stride);
        }
        return span / stride + 1;
    }

    static void requirePositive(String op, String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(op + ": " + what + " must be positive, got " + v);
        }
    }
}

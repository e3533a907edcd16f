package io.gradcheck.exercise;

import io.gradcheck.tensor.Tensor;
import java.util.Locale;

/**
 * Refuses a student's class whose forward pass no longer computes what the reference computes: the
 * check compares backward with the student's own forward, so a changed forward (all zeros, say)
 * could pass it while the layer is wrong.
 */
final class SameForward {
    private static final double TOL = 1e-9;

    private SameForward() {
    }

    /** Fails if forward returned null. */
    static Tensor requireOutput(Tensor mine) {
        if (mine == null) {
            throw new StudentCodeException("returned null from forward: forward must return its output, a new tensor");
        }
        return mine;
    }

    /**
     * Fails if forward wrote into its input: x no longer equals the copy taken before the call.
     * before, x: not modified.
     */
    static void requireInputUnchanged(Tensor before, Tensor x) {
        for (int i = 0; i < x.size(); i++) {
            if (Double.doubleToLongBits(x.get(i)) != Double.doubleToLongBits(before.get(i))) {
                throw new StudentCodeException(String.format(Locale.ROOT, "modified forward's argument x: element %d "
                        + "was %.6g and is now %.6g. Leave x as it was and write the output into a new tensor",
                        i, before.get(i), x.get(i)));
            }
        }
    }

    /** Fails unless the outputs agree element by element. mine, ref: not modified. */
    static void require(Tensor mine, Tensor ref, String input) {
        if (!mine.sameShape(ref)) {
            throw changed("its output has shape " + mine.shapeString() + " where the layer's has " + ref.shapeString(), input);
        }
        for (int i = 0; i < ref.size(); i++) {
            if (!close(mine.get(i), ref.get(i))) {
                throw changed(String.format(Locale.ROOT, "its output element %d is %.6g where the layer's is %.6g",
                        i, mine.get(i), ref.get(i)), input);
            }
        }
    }

    /** Fails unless two losses agree. */
    static void require(double mine, double ref, String input) {
        if (!close(mine, ref)) {
            throw changed(String.format(Locale.ROOT, "its loss is %.6g where the reference's is %.6g", mine, ref), input);
        }
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOL * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    private static StudentCodeException changed(String what, String input) {
        return new StudentCodeException("changed what forward computes: on " + input + ", " + what
                + ". The bug is in the gradient; put forward back as it was");
    }
}

package io.gradcheck.layer;

import io.gradcheck.tensor.Tensor;
import java.util.Arrays;

/** Class labels for a batch: one class index per example. Built from indices or from one-hot rows. */
public final class Labels {
    private final int[] classes;

    private Labels(int[] classes) {
        this.classes = classes;
    }

    /** Labels from class indices. t: not modified (copied). */
    public static Labels indices(int... t) {
        if (t.length == 0) {
            throw new IllegalArgumentException("Labels.indices: no labels");
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i] < 0) {
                throw new IllegalArgumentException("Labels.indices: label " + i + " is " + t[i]
                        + ", a class index must not be negative");
            }
        }
        return new Labels(t.clone());
    }

    /**
     * Labels from one-hot rows (N, classes): each row has exactly one 1 and zeros elsewhere.
     * t: not modified.
     */
    public static Labels oneHot(Tensor t) {
        if (t.rank() != 2) {
            throw new IllegalArgumentException("Labels.oneHot: expected [N, classes], got " + t.shapeString());
        }
        int n = t.dim(0), k = t.dim(1);
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            int hot = -1;
            for (int j = 0; j < k; j++) {
                double v = t.get(i * k + j);
                if (v == 1.0 && hot < 0) {
                    hot = j;
                } else if (v != 0.0) {  // a second 1, or anything but 0 and 1
                    throw new IllegalArgumentException("Labels.oneHot: row " + i + " is not one-hot: "
                            + Arrays.toString(Arrays.copyOfRange(t.data(), i * k, i * k + k)));
                }
            }
            if (hot < 0) {
                throw new IllegalArgumentException("Labels.oneHot: row " + i + " has no 1");
            }
            classes[i] = hot;
        }
        return new Labels(classes);
    }

    public int size() {
        return classes.length;
    }

    /** The class index of example i. */
    public int get(int i) {
        return classes[i];
    }

    /** The labels of examples from (inclusive) to to (exclusive), as new Labels. */
    public Labels slice(int from, int to) {
        if (from < 0 || to > classes.length || from >= to) {
            throw new IllegalArgumentException("Labels.slice: [" + from + ", " + to + ") is not a non-empty range of "
                    + classes.length + " labels");
        }
        return new Labels(Arrays.copyOfRange(classes, from, to));
    }

    /** Fails unless there are n labels, each in [0, k). */
    void requireFits(String op, int n, int k) {
        if (classes.length != n) {
            throw new IllegalArgumentException(op + ": " + n + " examples but " + classes.length + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (classes[i] >= k) {
                throw new IllegalArgumentException(op + ": label " + i + " is " + classes[i]
                        + ", outside [0, " + k + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "Labels" + Arrays.toString(classes);
    }
}

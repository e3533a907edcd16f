package io.gradcheck.data;

import java.util.Arrays;

/**
 * Labelled images in double precision.
 *
 * <p>Arrays are held by reference, not copied, and the record's {@code equals} compares them by
 * identity. Callers may read them freely; modifying them modifies the dataset.
 *
 * @param images pixel values, row-major in the order of {@code shape}
 * @param shape  {@code [N, rows*cols]} if flattened, else {@code [N, 1, rows, cols]}
 * @param labels N class labels in {@code 0..CLASSES-1}
 * @param oneHot row-major (N, {@link #CLASSES}) one-hot labels, or {@code null} if not requested
 * @param rows   image height in pixels
 * @param cols   image width in pixels
 */
public record Dataset(double[] images, int[] shape, int[] labels, double[] oneHot, int rows, int cols) {
    /** Number of classes (digits 0..9). */
    public static final int CLASSES = 10;

    /** Checks that all lengths agree with {@code shape}, {@code rows} and {@code cols}. */
    public Dataset {
        int n = labels.length;
        boolean flat = shape.length == 2 && shape[1] == rows * cols;
        boolean nchw = shape.length == 4 && shape[1] == 1 && shape[2] == rows && shape[3] == cols;
        if (shape.length == 0 || shape[0] != n || !(flat || nchw)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not fit "
                    + n + " labels of " + rows + "x" + cols + " images");
        }
        if (images.length != (long) n * rows * cols) {
            throw new IllegalArgumentException("images has " + images.length + " values, shape "
                    + Arrays.toString(shape) + " needs " + (long) n * rows * cols);
        }
        if (oneHot != null && oneHot.length != (long) n * CLASSES) {
            throw new IllegalArgumentException("oneHot has " + oneHot.length + " values, needs " + n * CLASSES);
        }
    }

    /** Number of images N. */
    public int size() {
        return labels.length;
    }

    /** Values per image, {@code rows * cols}. */
    public int pixels() {
        return rows * cols;
    }
}

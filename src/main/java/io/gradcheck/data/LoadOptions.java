package io.gradcheck.data;

/**
 * How to turn IDX bytes into a {@link Dataset}, like the book's
 * {@code load_mnist(normalize, flatten, one_hot_label)}.
 *
 * @param normalize  divide pixel values by 255.0 (into [0, 1]); otherwise keep 0..255 as doubles
 * @param flatten    shape images as (N, rows*cols); otherwise as (N, 1, rows, cols)
 * @param oneHotLabel also build {@link Dataset#oneHot()}, an (N, 10) matrix of 0s and 1s
 */
public record LoadOptions(boolean normalize, boolean flatten, boolean oneHotLabel) {
    /** The book's defaults: normalize, flatten, integer labels. */
    public static final LoadOptions DEFAULTS = new LoadOptions(true, true, false);
}

package io.gradcheck.net;

/**
 * The convolution layer's settings, the book's {@code conv_param}.
 *
 * @param filterNum  FN, the number of filters (book: 30)
 * @param filterSize FH = FW (book: 5)
 * @param pad        zero padding on every side (book: 0)
 * @param stride     (book: 1)
 */
public record ConvConfig(int filterNum, int filterSize, int pad, int stride) {
    /** The book's defaults: 30 filters of 5x5, pad 0, stride 1. */
    public static final ConvConfig BOOK = new ConvConfig(30, 5, 0, 1);
}

package io.gradcheck.net;

import java.util.Arrays;

/**
 * Everything that fixes a SimpleConvNet's shape and initial weights.
 *
 * @param inputDim       (C, H, W) of one image (book: 1, 28, 28)
 * @param conv           the convolution's settings
 * @param hiddenSize     width of the hidden Affine layer (book: 100)
 * @param outputSize     number of classes (book: 10)
 * @param weightInitStd  standard deviation of the initial weights; biases start at 0 (book: 0.01)
 * @param seed           seed of the weight initialisation
 */
public record NetConfig(int[] inputDim, ConvConfig conv, int hiddenSize, int outputSize,
                        double weightInitStd, long seed) {
    /** The book's network with the given seed. */
    public static NetConfig book(long seed) {
        return new NetConfig(new int[] {1, 28, 28}, ConvConfig.BOOK, 100, 10, 0.01, seed);
    }

    public NetConfig {
        if (inputDim == null || conv == null) {
            throw new IllegalArgumentException("NetConfig: inputDim and conv must be given, got "
                    + (inputDim == null ? "no inputDim" : "no conv"));
        }
        inputDim = inputDim.clone();
    }

    @Override
    public int[] inputDim() {
        return inputDim.clone();
    }

    /** A copy with another seed. */
    public NetConfig withSeed(long s) {
        return new NetConfig(inputDim, conv, hiddenSize, outputSize, weightInitStd, s);
    }

    /** A copy with another weight init std. */
    public NetConfig withWeightInitStd(double std) {
        return new NetConfig(inputDim, conv, hiddenSize, outputSize, std, seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetConfig c && Arrays.equals(inputDim, c.inputDim) && conv.equals(c.conv)
                && hiddenSize == c.hiddenSize && outputSize == c.outputSize
                && Double.compare(weightInitStd, c.weightInitStd) == 0 && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputDim) * 31 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "NetConfig[inputDim=" + Arrays.toString(inputDim) + ", conv=" + conv + ", hidden="
                + hiddenSize + ", output=" + outputSize + ", std=" + weightInitStd + ", seed=" + seed + "]";
    }
}

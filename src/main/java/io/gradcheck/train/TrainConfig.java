package io.gradcheck.train;

/**
 * How to train, the book's {@code Trainer} arguments.
 *
 * @param epochs    passes over the training set (book: 20); at most {@link #MAX_EPOCHS}
 * @param batchSize images per step (book: 100); at most {@link #MAX_BATCH}
 * @param optimizer the update rule (book: Adam)
 * @param lr        its learning rate (book: 0.001 for Adam), in [{@link Double#MIN_NORMAL}, {@link #MAX_LR}]
 * @param seed      seeds the weights and every epoch's shuffle
 * @param limit     train on the first {@code limit} training images only; 0 means all (default 0)
 * @param slices    cut each batch into this many slices, computed on up to as many threads
 *                  ({@link io.gradcheck.net.BatchSplit}); the weights depend on it (by rounding only),
 *                  never on the number of cores; 1 to {@link #MAX_SLICES} (default {@link #DEFAULT_SLICES},
 *                  whatever the machine: the trainer runs them on min(cores, slices) threads)
 */
public record TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, double lr, long seed, int limit,
                          int slices) {
    /** Far beyond any useful run; a guard against typos such as 1e9. */
    public static final int MAX_EPOCHS = 10_000, MAX_BATCH = 10_000;
    /** Learning rates above this diverge on every rule here. */
    public static final double MAX_LR = 10;
    /** More slices than this would only add threads that wait. */
    public static final int MAX_SLICES = 64;
    /**
     * The slices of a batch unless told otherwise: fixed, so that the same command gives the same weights
     * on 1, 2 or 4 cores, and enough to keep up to 4 cores busy.
     */
    public static final int DEFAULT_SLICES = 4;

    /**
     * The book's {@code train_convnet.py}: 20 epochs of Adam (lr 0.001) on batches of 100, all images,
     * each batch in {@link #DEFAULT_SLICES} slices.
     */
    public static TrainConfig book(long seed) {
        return new TrainConfig(20, 100, OptimizerKind.ADAM, Adam.LR, seed, 0);
    }

    /** @throws IllegalArgumentException naming the first value out of range */
    public TrainConfig {
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("epochs must be in 1.." + MAX_EPOCHS + ", got " + epochs);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be in 1.." + MAX_BATCH + ", got " + batchSize);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer is missing");
        }
        if (!isLearningRate(lr)) {
            throw new IllegalArgumentException("learning rate must be in [" + Double.MIN_NORMAL + ", " + MAX_LR + "], got "
                    + lr);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all images) or positive, got " + limit);
        }
        if (slices < 1 || slices > MAX_SLICES) {
            throw new IllegalArgumentException("slices must be in 1.." + MAX_SLICES + ", got " + slices);
        }
    }

    /**
     * Whether lr is a learning rate: finite, positive, at most {@link #MAX_LR} and normal. A subnormal
     * rate (below {@link Double#MIN_NORMAL}, such as 1e-320) loses precision in every update and moves
     * no weight.
     */
    public static boolean isLearningRate(double lr) {
        return lr >= Double.MIN_NORMAL && lr <= MAX_LR;
    }

    /** {@link #DEFAULT_SLICES} slices per batch; {@code withSlices(1)} gives the book's order of sums. */
    public TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, double lr, long seed, int limit) {
        this(epochs, batchSize, optimizer, lr, seed, limit, DEFAULT_SLICES);
    }

    /** A copy with another limit. */
    public TrainConfig withLimit(int l) {
        return new TrainConfig(epochs, batchSize, optimizer, lr, seed, l, slices);
    }

    /** A copy with another number of slices. */
    public TrainConfig withSlices(int k) {
        return new TrainConfig(epochs, batchSize, optimizer, lr, seed, limit, k);
    }
}

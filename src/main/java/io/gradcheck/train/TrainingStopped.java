package io.gradcheck.train;

/**
 * Training met a value that is not finite and stopped before it could spread: "training stopped at
 * iteration 37 (epoch 1, step 37 of 80): loss is NaN; first non-finite value: the output of
 * Affine (W2, b2) is NaN at [0, 4]". If the loss or a gradient was not finite, the
 * step was not applied; if the update itself made a weight non-finite, the weights in memory are
 * spoiled. Either way the listener never sees the step, so no checkpoint is written after it and
 * the last one saved stays as it was.
 */
public final class TrainingStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long iteration;
    private final int epoch;

    TrainingStopped(long iteration, int epoch, int step, int steps, String why) {
        super("training stopped at iteration " + iteration + " (epoch " + epoch + ", step " + step + " of " + steps
                + "): " + why);
        this.iteration = iteration;
        this.epoch = epoch;
    }

    /** The step of the whole run that failed, from 1. */
    public long iteration() {
        return iteration;
    }

    /** The epoch it was in, from 1. */
    public int epoch() {
        return epoch;
    }
}

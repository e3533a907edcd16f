package io.gradcheck.train;

/**
 * Where a run is, reported to the listener after every step and after every epoch's evaluation.
 *
 * @param epoch    the 1-based epoch this step belongs to, or that was just evaluated
 * @param epochs   the number of epochs of the run
 * @param step     steps done in this epoch, 1..steps
 * @param steps    steps per epoch
 * @param batch    images in this step
 * @param loss     this step's loss (the last step's at an epoch end)
 * @param trainAcc accuracy on the training set, at an epoch end; else NaN
 * @param testAcc  accuracy on the test set, at an epoch end; else NaN
 */
public record Progress(int epoch, int epochs, int step, int steps, int batch, double loss,
                       double trainAcc, double testAcc) {
    /** True if this reports an epoch's evaluation rather than a step. */
    public boolean epochEnd() {
        return !Double.isNaN(testAcc);
    }
}

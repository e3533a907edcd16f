package io.gradcheck.train;

/**
 * What a training run recorded, as the book's {@code Trainer} does.
 *
 * @param losses   the loss of every step, in order, computed on the step's batch before its update
 * @param trainAcc the accuracy on the (limited) training set after each epoch
 * @param testAcc  the accuracy on the test set after each epoch
 */
public record History(double[] losses, double[] trainAcc, double[] testAcc) {
    public History {
        losses = losses.clone();
        trainAcc = trainAcc.clone();
        testAcc = testAcc.clone();
        if (trainAcc.length != testAcc.length) {
            throw new IllegalArgumentException("History: " + trainAcc.length + " train accuracies but "
                    + testAcc.length + " test accuracies");
        }
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }

    @Override
    public double[] trainAcc() {
        return trainAcc.clone();
    }

    @Override
    public double[] testAcc() {
        return testAcc.clone();
    }

    /** The number of completed epochs. */
    public int epochs() {
        return testAcc.length;
    }
}

package io.gradcheck.report;

import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * One training run to report. Plain numbers, so that the report does not depend on how training
 * was done.
 *
 * @param title           shown as the page title; escaped
 * @param seed            the seed that reproduces the run
 * @param dataset         e.g. "embedded MNIST digits, 8000 train / 2000 test"
 * @param hyperparameters name to value, in order, e.g. optimizer, lr, batch, epochs
 * @param losses          the loss of every iteration
 * @param trainAcc        train accuracy after each epoch
 * @param testAcc         test accuracy after each epoch
 * @param epochSeconds    the wall time of each epoch
 * @param imagesPerEpoch  training images per epoch, for images/s
 * @param filtersBefore   W1 before training, (FN, C, FH, FW)
 * @param filtersAfter    W1 after training
 * @param confusion       confusion[true][predicted] counts on the test set
 * @param misclassified   some wrongly classified test digits
 * @param timestamp       when it ran, an ISO-8601 instant (the index sorts by it): what differs between equal runs
 */
public record TrainRun(String title, long seed, String dataset, Map<String, String> hyperparameters,
                       double[] losses, double[] trainAcc, double[] testAcc, double[] epochSeconds,
                       int imagesPerEpoch, Tensor filtersBefore, Tensor filtersAfter, int[][] confusion,
                       List<Digit> misclassified, String timestamp) {
    /**
     * A test image with its labels.
     *
     * @param pixels    rows x cols values in [0, 1]
     * @param rows      image height
     * @param cols      image width
     * @param truth     the true class
     * @param predicted the class the network chose
     */
    public record Digit(double[] pixels, int rows, int cols, int truth, int predicted) {
    }
}

package io.gradcheck.train;

import io.gradcheck.data.Dataset;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.BatchSplit;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Mini-batch training as in the book's {@code Trainer}, but every epoch visits each training image
 * once, in an order shuffled from the seed ({@link Shuffle}), and the last batch of an epoch may be
 * smaller. After each epoch it measures the accuracy on the whole training set and the test set.
 * The same seed, data and settings give the same weights bit for bit.
 */
public final class Trainer {
    /** Steps a run may take: the loss of every step is kept in memory (80 MB at this bound). */
    public static final long MAX_STEPS = 10_000_000;
    private final SimpleConvNet net;
    private final BatchSplit split;  // the batches' gradients and the accuracies, in cfg.slices() slices
    private final int threads;  // min(cores, slices): how many of the slices run at once
    private final Optimizer opt;
    private final TrainConfig cfg;
    private final Dataset train;
    private final Dataset test;
    private final int n;  // training images used: all, or the first cfg.limit()
    private final int[] dim;  // (C, H, W)
    private final long fingerprint;
    private int epoch;  // epochs completed
    private int step;   // steps completed in the current epoch
    private double[] losses = new double[0];
    private int nLosses;
    private double[] trainAcc = new double[0];
    private double[] testAcc = new double[0];

    /**
     * @param net   modified by {@link #run}: its parameters are trained in place
     * @param opt   modified by {@link #run}; must be built for {@code net.params()}
     * @param train not modified; images with C*H*W values each, as the net expects
     * @param test  not modified
     * @throws IllegalArgumentException if the data does not fit the net, has a pixel that is not
     *                                  finite or a label outside the net's classes, the limit or
     *                                  batch size exceeds the training set, or the run would take
     *                                  more than {@link #MAX_STEPS} steps
     */
    public Trainer(SimpleConvNet net, Optimizer opt, TrainConfig cfg, Dataset train, Dataset test) {
        this(net, opt, cfg, train, test, Runtime.getRuntime().availableProcessors());
    }

    /**
     * As {@link #Trainer(SimpleConvNet, Optimizer, TrainConfig, Dataset, Dataset)} on a machine of
     * {@code cores} cores: the slices run on min(cores, slices) threads, and the numbers do not change.
     */
    Trainer(SimpleConvNet net, Optimizer opt, TrainConfig cfg, Dataset train, Dataset test, int cores) {
        this.net = net;
        this.threads = Math.max(1, Math.min(cfg.slices(), cores));
        this.split = new BatchSplit(net, cfg.slices(), threads);
        this.opt = opt;
        this.cfg = cfg;
        this.train = train;
        this.test = test;
        this.dim = net.config().inputDim();
        int pixels = dim[0] * dim[1] * dim[2];
        for (Dataset d : new Dataset[] {train, test}) {
            if (d.images().length / Math.max(1, d.size()) != pixels || d.size() == 0) {
                throw new IllegalArgumentException("Trainer: the net expects images of " + Arrays.toString(dim)
                        + " = " + pixels + " values, the data has " + d.size() + " images of " + d.rows() + "x"
                        + d.cols());
            }
        }
        if (cfg.limit() > train.size()) {
            throw new IllegalArgumentException("Trainer: limit " + cfg.limit() + " exceeds the "
                    + train.size() + " training images");
        }
        this.n = cfg.limit() == 0 ? train.size() : cfg.limit();
        if (cfg.batchSize() > n) {
            throw new IllegalArgumentException("Trainer: batch size " + cfg.batchSize() + " exceeds the "
                    + n + " training images");
        }
        long total = (long) cfg.epochs() * stepsPerEpoch();
        if (total > MAX_STEPS) {
            throw new IllegalArgumentException("Trainer: " + cfg.epochs() + " epochs of " + stepsPerEpoch() + " steps are "
                    + total + " steps, more than the " + MAX_STEPS + " a run may take (the loss of every step is kept)");
        }
        requireUsable("training", train, n, net.config().outputSize());
        requireUsable("test", test, test.size(), net.config().outputSize());
        this.fingerprint = fingerprint(train, n);
    }

    /** Fails naming the first of the first n images with a non-finite pixel or a label outside [0, classes). */
    private static void requireUsable(String which, Dataset d, int n, int classes) {
        int pixels = d.images().length / d.size();
        for (int i = 0; i < n; i++) {
            if (d.labels()[i] < 0 || d.labels()[i] >= classes) {
                throw new IllegalArgumentException("Trainer: " + which + " label " + i + " is " + d.labels()[i]
                        + ", outside [0, " + classes + ")");
            }
        }
        double[] x = d.images();
        for (int i = 0; i < n * pixels; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("Trainer: " + which + " image " + i / pixels + " has " + x[i]
                        + " at pixel " + i % pixels);
            }
        }
    }

    /** A 64-bit FNV-1a hash of the labels and pixel bits of the first n images. d: not modified. */
    static long fingerprint(Dataset d, int n) {
        long h = 0xcbf29ce484222325L;
        int pixels = d.images().length / d.size();
        for (int i = 0; i < n; i++) {
            h = (h ^ d.labels()[i]) * 0x100000001b3L;
        }
        for (int i = 0; i < n * pixels; i++) {
            h = (h ^ Double.doubleToLongBits(d.images()[i])) * 0x100000001b3L;
        }
        return h;
    }

    /** A hash of the training images and labels in use, so that a resume on other data is refused. */
    public long dataFingerprint() {
        return fingerprint;
    }

    /** Steps per epoch: every image once, the last batch possibly smaller. */
    public int stepsPerEpoch() {
        return (n + cfg.batchSize() - 1) / cfg.batchSize();
    }

    /** The threads the slices run on: min(cores, slices); the weights do not depend on it. */
    public int threads() {
        return threads;
    }

    /** The number of training images used. */
    public int trainSize() {
        return n;
    }

    /**
     * Trains from the current position (the start, or where a checkpoint left off) to the end of
     * {@code cfg.epochs()}. {@code listener} is called on this thread after every step and after
     * every epoch's evaluation, when the position and history already include it, so it may save a
     * checkpoint or throw to stop.
     *
     * @return the history of the whole run, including any part before a resume
     * @throws TrainingStopped at the first step whose loss, gradients or updated weights are not
     *                         finite; the listener is not called for that step
     */
    public History run(Consumer<Progress> listener) {
        int steps = stepsPerEpoch();
        while (epoch < cfg.epochs()) {
            int[] order = Shuffle.permutation(n, cfg.seed(), epoch);
            double loss = Double.NaN;
            while (step < steps) {
                int from = step * cfg.batchSize(), b = Math.min(cfg.batchSize(), n - from);
                loss = step(order, from, b);
                step++;
                listener.accept(new Progress(epoch + 1, cfg.epochs(), step, steps, b, loss, Double.NaN, Double.NaN));
            }
            double tr = accuracy(split, train, n), te = accuracy(split, test, test.size());
            trainAcc = append(trainAcc, epoch, tr);
            testAcc = append(testAcc, epoch, te);
            epoch++;
            step = 0;
            listener.accept(new Progress(epoch, cfg.epochs(), steps, steps, 0,
                    nLosses == 0 ? Double.NaN : losses[nLosses - 1], tr, te));
        }
        return history();
    }

    private double step(int[] order, int from, int b) {
        int pixels = dim[0] * dim[1] * dim[2];
        double[] x = new double[b * pixels];
        int[] t = new int[b];
        for (int r = 0; r < b; r++) {
            int i = order[from + r];
            System.arraycopy(train.images(), i * pixels, x, r * pixels, pixels);
            t[r] = train.labels()[i];
            for (int j = 0; j < pixels; j++) {  // the constructor checked them, but the arrays are the caller's
                if (!Double.isFinite(x[r * pixels + j])) {
                    throw stopped("training image " + i + " has " + x[r * pixels + j] + " at pixel " + j);
                }
            }
        }
        Tensor xb = Tensor.wrap(x, b, dim[0], dim[1], dim[2]);
        Map<String, Tensor> grads = split.gradient(xb, Labels.indices(t));
        double loss = split.lastLoss();
        if (!Double.isFinite(loss)) {  // the step is not applied: the weights stay as they were
            String where = net.firstNonFinite(xb);
            throw stopped("loss is " + loss + (where == null ? "" : "; first non-finite value: " + where));
        }
        String bad = firstNonFinite(grads, net.backwardOrder());  // where a value first goes wrong on the way back
        if (bad != null) {
            throw stopped("loss is " + String.format(Locale.ROOT, "%.4f", loss) + " but the gradient " + bad);
        }
        opt.update(net.params(), grads);
        bad = firstNonFinite(net.params(), net.params().keySet());
        if (bad != null) {
            throw stopped("after the update, parameter " + bad + "; is the learning rate " + opt.lr() + " too high?");
        }
        if (nLosses == losses.length) {
            losses = Arrays.copyOf(losses, Math.max(16, 2 * nLosses));
        }
        losses[nLosses++] = loss;
        return loss;
    }

    /** "W1 (Convolution) is NaN at [0, 0, 1, 2]" for the first tensor, in this order, with a non-finite value. */
    private String firstNonFinite(Map<String, Tensor> tensors, Iterable<String> order) {
        for (String k : order) {
            double[] d = tensors.get(k).data();
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    return k + " (" + net.roleOf(k) + ") is " + d[i] + " at "
                            + Arrays.toString(tensors.get(k).unflatten(i));
                }
            }
        }
        return null;
    }

    /** The exception that stops the run at the current step; the position does not advance. */
    private TrainingStopped stopped(String why) {
        int steps = stepsPerEpoch();
        return new TrainingStopped((long) epoch * steps + step + 1, epoch + 1, step + 1, steps, why);
    }

    private static double[] append(double[] a, int i, double v) {
        double[] c = Arrays.copyOf(a, i + 1);
        c[i] = v;
        return c;
    }

    /**
     * The fraction of the first {@code count} images of {@code d} that {@code net} classifies
     * right, computed in chunks of 100 images. d: not modified.
     */
    public static double accuracy(SimpleConvNet net, Dataset d, int count) {
        try (BatchSplit one = new BatchSplit(net, 1, 1)) {
            return accuracy(one, d, count);
        }
    }

    /**
     * As {@link #accuracy(SimpleConvNet, Dataset, int)}, in chunks of 100 images spread over the split's
     * threads, in buffers the split keeps ({@link BatchSplit#correct(double[], int[], int)}); the same
     * number whatever the slices and threads. d: not modified.
     */
    public static double accuracy(BatchSplit split, Dataset d, int count) {
        return (double) split.correct(d.images(), d.labels(), count) / count;
    }

    /** Everything recorded so far. */
    public History history() {
        return new History(Arrays.copyOf(losses, nLosses), trainAcc, testAcc);
    }

    /** Epochs completed. */
    public int epoch() {
        return epoch;
    }

    /** Steps completed in the current epoch. */
    public int step() {
        return step;
    }

    /** The net being trained, live. */
    public SimpleConvNet net() {
        return net;
    }

    /** The optimizer, live. */
    public Optimizer optimizer() {
        return opt;
    }

    /** The settings of this run. */
    public TrainConfig config() {
        return cfg;
    }

    /** Moves to a saved position with its history; the checkpoint has restored net and optimizer. */
    void resumeAt(int epoch, int step, History h) {
        if (epoch < 0 || step < 0 || step > stepsPerEpoch() || h.epochs() != epoch
                || h.losses().length != epoch * stepsPerEpoch() + step) {
            throw new IllegalArgumentException("Trainer: position epoch " + epoch + " step " + step
                    + " does not fit " + stepsPerEpoch() + " steps per epoch and a history of "
                    + h.epochs() + " epochs and " + h.losses().length + " steps");
        }
        this.epoch = epoch;
        this.step = step;
        this.losses = h.losses();
        this.nLosses = losses.length;
        this.trainAcc = h.trainAcc();
        this.testAcc = h.testAcc();
    }
}

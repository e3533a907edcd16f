package io.gradcheck.cli;

import io.gradcheck.train.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Shows training progress: on a terminal, one bar redrawn in place with a carriage return; in a
 * log (pipe, file, CI), plain lines about every tenth of an epoch, with no carriage returns or
 * ANSI codes. The ETA counts the remaining steps and evaluations at their average times so far.
 */
final class ProgressPrinter implements Consumer<Progress> {
    private static final int WIDTH = 24;
    private final PrintWriter out;
    private final boolean terminal;
    private long images;        // images trained on by this process
    private long stepsDone;     // steps taken by this process
    private long stepNanos;     // time spent in those steps
    private long evalNanos;     // time spent in evaluations
    private int evals;
    private long last = System.nanoTime();  // time of the previous event
    private long epochStart = last;
    private long stepsLeft;     // steps until the end of the run
    private boolean barShown;

    /** @param stepsLeft steps from the current position to the end of the run */
    ProgressPrinter(PrintWriter out, boolean terminal, long stepsLeft) {
        this.out = out;
        this.terminal = terminal;
        this.stepsLeft = stepsLeft;
    }

    @Override
    public void accept(Progress p) {
        long now = System.nanoTime();
        long since = now - last;
        last = now;
        if (p.epochEnd()) {
            evalNanos += since;  // the evaluation ran between the epoch's last step and now
            evals++;
            double secs = (now - epochStart) / 1e9;
            epochStart = now;
            clearBar();
            out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  train acc %.4f  test acc %.4f  (%.1f s)%n",
                    p.epoch(), p.epochs(), p.loss(), p.trainAcc(), p.testAcc(), secs);
            out.flush();
            return;
        }
        images += p.batch();
        stepsDone++;
        stepsLeft--;
        stepNanos += since;
        double rate = imagesPerSecond();
        int evalsLeft = p.epochs() - p.epoch() + 1;  // this epoch's evaluation is still to come
        double eta = (stepsLeft * (double) stepNanos / stepsDone + evalsLeft * (evals == 0 ? 0 : evalNanos / evals)) / 1e9;
        String stats = String.format(Locale.ROOT, "epoch %d/%d  step %d/%d  loss %.4f  %.0f images/s  ETA %s",
                p.epoch(), p.epochs(), p.step(), p.steps(), p.loss(), rate, duration(eta));
        if (terminal) {
            int filled = (int) ((long) WIDTH * p.step() / p.steps());
            out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + stats + "  ");
            barShown = true;
            out.flush();
        } else if (p.step() == p.steps() || p.step() % Math.max(1, p.steps() / 10) == 0) {
            out.println(stats);
            out.flush();
        }
    }

    /** Ends a bar line so that the next output starts on a fresh line. */
    void clearBar() {
        if (barShown) {
            out.println();
            barShown = false;
        }
    }

    /** Images per second over this process's training steps, evaluations excluded. */
    double imagesPerSecond() {
        return images / Math.max(stepNanos / 1e9, 1e-9);
    }

    static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}

package io.gradcheck.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a training run as one self-contained HTML file with its charts, and refreshes the index. */
public final class TrainingReport {
    private static final int MAX_DIGITS = 40;

    private TrainingReport() {
    }

    /**
     * Writes {@code <dir>/<title>-seed<seed>.html} and {@code <dir>/index.html}, atomically.
     *
     * @return the report file
     */
    public static Path write(Path dir, TrainRun run) throws IOException {
        Path file = Pages.page(dir, run.title(), run.seed());
        Pages.write(file, Pages.render("train.mustache", scope(run)));
        Index.write(dir);
        return file;
    }

    /**
     * The files {@link #write} writes for a run of this title and seed: its page, then the index. For
     * checking them before the run.
     */
    public static List<Path> files(Path dir, String title, long seed) {
        return List.of(Pages.page(dir, title, seed), dir.resolve(Index.NAME));
    }

    static Map<String, Object> scope(TrainRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] acc = run.testAcc();
        m.put("title", run.title());
        m.put("status", "TRAINED");
        m.put("seed", run.seed());
        m.put("dataset", run.dataset());
        m.put("timestamp", run.timestamp());
        m.put("version", Pages.version());
        m.put("finalTest", acc.length == 0 ? "—" : pct(acc[acc.length - 1]));
        m.put("verdict", acc.length == 0 ? "no epoch finished" : "test accuracy " + pct(acc[acc.length - 1])
                + " after " + acc.length + " epoch" + (acc.length == 1 ? "" : "s"));
        m.put("finalTrain", run.trainAcc().length == 0 ? "—" : pct(run.trainAcc()[run.trainAcc().length - 1]));
        int window = window(run.losses().length);
        m.put("window", window);
        m.put("smoothedName", Charts.smoothedName(window));
        m.put("lossChart", Charts.loss("loss", run.losses(), smooth(run.losses(), window), window));
        double lo = accuracyFloor(run.trainAcc(), acc);
        m.put("accFloor", pct0(lo));
        m.put("accChart", Charts.accuracy("acc", run.trainAcc(), acc, lo));
        m.put("confusion", confusion(run.confusion()));
        m.put("classes", classes(run.confusion().length));
        m.put("before", filters("before", run.filtersBefore()));
        m.put("after", filters("after", run.filtersAfter()));
        List<Map<String, Object>> digits = new ArrayList<>();
        for (TrainRun.Digit d : run.misclassified().subList(0, Math.min(MAX_DIGITS, run.misclassified().size()))) {
            digits.add(Map.of("png", Images.png(d.pixels(), 0, d.rows(), d.cols(), 0, 1, 2),
                    "truth", d.truth(), "predicted", d.predicted()));
        }
        m.put("digits", digits);
        m.put("misclassifiedCount", run.misclassified().size());
        List<Map<String, Object>> hp = new ArrayList<>();
        run.hyperparameters().forEach((k, v) -> hp.add(Map.of("key", k, "value", v)));
        m.put("hyperparameters", hp);
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (int e = 0; e < run.epochSeconds().length; e++) {
            epochs.add(Map.of("epoch", e + 1, "seconds", String.format(Locale.ROOT, "%.2f", run.epochSeconds()[e]),
                    "rate", String.format(Locale.ROOT, "%.0f", run.imagesPerEpoch() / run.epochSeconds()[e]),
                    "train", e < run.trainAcc().length ? pct(run.trainAcc()[e]) : "—",
                    "test", e < acc.length ? pct(acc[e]) : "—"));
        }
        m.put("epochs", epochs);
        return m;
    }

    /**
     * The smoothing window for a run of n steps: a twentieth of the run, but at least 10 steps (so
     * that one epoch of 80 steps is smoothed too) and at most half the run.
     */
    static int window(int n) {
        return Math.max(1, Math.min(n / 2, Math.max(10, n / 20)));
    }

    /** The mean of the last w values at each step (of fewer at the start). */
    static double[] smooth(double[] v, int w) {
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i] - (i >= w ? v[i - w] : 0);
            out[i] = sum / Math.min(i + 1, w);
        }
        return out;
    }

    /**
     * The bottom of the accuracy axis, whose top is 100%: 50%, or lower, in steps of 10%, when an
     * accuracy is within 5 points of it. At least half the scale is shown, so a gap of a point
     * takes at most a fiftieth of the chart's height.
     */
    static double accuracyFloor(double[]... accuracies) {
        double min = 1;
        for (double[] a : accuracies) {
            for (double v : a) {
                min = Double.isFinite(v) ? Math.min(min, v) : min;
            }
        }
        return Math.max(0, Math.min(0.5, Math.floor((min - 0.05) * 10) / 10));
    }

    private static List<Integer> classes(int k) {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            c.add(i);
        }
        return c;
    }

    private static List<Map<String, Object>> confusion(int[][] c) {
        int max = 1;
        for (int[] row : c) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int t = 0; t < c.length; t++) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int p = 0; p < c[t].length; p++) {
                int shade = 255 - (int) Math.round(180.0 * c[t][p] / max);
                String bg = t == p ? String.format("rgb(%d,255,%d)", shade, shade) : String.format("rgb(255,%d,%d)", shade, shade);
                cells.add(Map.of("count", c[t][p], "style", "background:" + bg, "diag", t == p));
            }
            rows.add(Map.of("truth", t, "cells", cells));
        }
        return rows;
    }

    /** The filters of W on one scale, symmetric about 0, with its colour bar and its ends in numbers. */
    private static Map<String, Object> filters(String when, io.gradcheck.tensor.Tensor W) {
        double m = Images.filterScale(W);
        List<Map<String, Object>> images = new ArrayList<>();
        for (int f = 0; f < W.dim(0); f++) {
            images.add(Map.of("png", Images.filter(W, f, m), "index", f));
        }
        String lo = String.format(Locale.ROOT, "%.3g", -m), hi = String.format(Locale.ROOT, "%.3g", m);
        return Map.of("when", when, "images", images, "bar", Images.bar(-m, m), "lo", lo, "hi", hi);
    }

    private static String pct0(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }
}

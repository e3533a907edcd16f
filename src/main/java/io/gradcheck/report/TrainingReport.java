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
        double[] it = range(run.losses().length, 1);
        m.put("lossChart", Charts.lines("loss", "iteration", "loss", new String[] {"raw", "smoothed"},
                new double[][] {it, it}, new double[][] {run.losses(), smooth(run.losses())}));
        double[] ep = range(acc.length, 1);
        m.put("accChart", Charts.lines("acc", "epoch", "accuracy", new String[] {"train", "test"},
                new double[][] {ep, ep}, new double[][] {run.trainAcc(), acc}));
        m.put("confusion", confusion(run.confusion()));
        m.put("classes", classes(run.confusion().length));
        m.put("before", filters(run.filtersBefore()));
        m.put("after", filters(run.filtersAfter()));
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

    /** A moving average over a window of about a fiftieth of the run, so the trend shows through the noise. */
    static double[] smooth(double[] v) {
        int w = Math.max(1, v.length / 50);
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i] - (i >= w ? v[i - w] : 0);
            out[i] = sum / Math.min(i + 1, w);
        }
        return out;
    }

    private static double[] range(int n, int from) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = i + from;
        }
        return r;
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

    private static List<Map<String, Object>> filters(io.gradcheck.tensor.Tensor W) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int f = 0; f < W.dim(0); f++) {
            out.add(Map.of("png", Images.filter(W, f), "index", f));
        }
        return out;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }
}

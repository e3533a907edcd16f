package io.gradcheck.cli;

import io.gradcheck.check.CheckResult;
import io.gradcheck.data.Dataset;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.report.CheckReport;
import io.gradcheck.report.CheckRun;
import io.gradcheck.report.Reproduction;
import io.gradcheck.report.TrainRun;
import io.gradcheck.report.TrainingReport;
import io.gradcheck.tensor.Tensor;
import io.gradcheck.train.History;
import io.gradcheck.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what the commands did into HTML reports. */
final class Reports {
    private static final int EVAL_BATCH = 100;
    private static final String CHECK = "gradcheck check", TRAIN = "gradcheck train";

    private Reports() {
    }

    /** The names of the files {@link #check} writes into its directory. */
    static List<String> checkFiles(Path dir, long seed) {
        return names(CheckReport.files(dir, CHECK, seed));
    }

    /** The names of the files {@link #train} writes into its directory. */
    static List<String> trainFiles(Path dir, long seed) {
        return names(TrainingReport.files(dir, TRAIN, seed));
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).toList();
    }

    /** The report of {@code gradcheck check}, with the command line that runs it again: --report only if not the default. */
    static Path check(Path dir, long seed, int tries, List<CheckResult> results) throws IOException {
        List<String> args = new ArrayList<>(List.of("check", "--seed", String.valueOf(seed), "--tries", String.valueOf(tries)));
        if (!dir.equals(CheckCommand.DEFAULT_REPORTS)) {
            args.addAll(List.of("--report", dir.toString()));
        }
        return CheckReport.write(dir, new CheckRun(CHECK, seed, results, null, Reproduction.cli(args), tries,
                Instant.now().toString()));
    }

    /** The report of {@code gradcheck train}: history, confusion, filters before and after, mistakes. */
    static Path train(Path dir, String dataset, TrainConfig cfg, SimpleConvNet net, History h, double[] epochSeconds,
                      int imagesPerEpoch, Dataset test) throws IOException {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("optimizer", cfg.optimizer().id());
        hp.put("learning rate", String.valueOf(cfg.lr()));
        hp.put("batch", String.valueOf(cfg.batchSize()));
        hp.put("epochs", String.valueOf(cfg.epochs()));
        hp.put("seed", String.valueOf(cfg.seed()));
        hp.put("training images", String.valueOf(imagesPerEpoch));
        hp.put("network", "conv 30 x 5x5, ReLU, 2x2 max pool, affine 100, ReLU, affine 10 (std 0.01)");
        Tensor before = new SimpleConvNet(NetConfig.book(cfg.seed())).params().get("W1");  // the same seed draws the same start
        int[][] confusion = new int[Dataset.CLASSES][Dataset.CLASSES];
        List<TrainRun.Digit> wrong = new ArrayList<>();
        int pixels = test.rows() * test.cols();
        for (int from = 0; from < test.size(); from += EVAL_BATCH) {
            int b = Math.min(EVAL_BATCH, test.size() - from);
            Tensor scores = net.predict(Tensor.wrap(Arrays.copyOfRange(test.images(), from * pixels, (from + b) * pixels),
                    b, 1, test.rows(), test.cols()));
            for (int i = 0; i < b; i++) {
                int best = 0;
                for (int j = 1; j < scores.dim(1); j++) {
                    best = scores.at(i, j) > scores.at(i, best) ? j : best;
                }
                int truth = test.labels()[from + i];
                confusion[truth][best]++;
                if (best != truth) {
                    int at = (from + i) * pixels;
                    wrong.add(new TrainRun.Digit(Arrays.copyOfRange(test.images(), at, at + pixels), test.rows(), test.cols(),
                            truth, best));
                }
            }
        }
        TrainRun run = new TrainRun(TRAIN, cfg.seed(), dataset, hp, h.losses(), h.trainAcc(), h.testAcc(),
                epochSeconds, imagesPerEpoch, before, net.params().get("W1"), confusion, wrong, Instant.now().toString());
        return TrainingReport.write(dir, run);
    }
}

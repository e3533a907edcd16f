package io.gradcheck.cli;

import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.OutputFile;
import io.gradcheck.data.SaveLock;
import io.gradcheck.data.Mnist;
import io.gradcheck.data.TrainTest;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.train.Checkpoint;
import io.gradcheck.train.History;
import io.gradcheck.train.OptimizerKind;
import io.gradcheck.train.TrainConfig;
import io.gradcheck.train.Trainer;
import io.gradcheck.train.TrainingStopped;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradcheck train}: trains the book's SimpleConvNet. Ctrl-C stops after the current step and
 * saves the last completed step to the {@code --save} file, or to {@value #INTERRUPTED_FILE} in the
 * working directory without one; {@code --resume} continues from it.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the book's SimpleConvNet (conv 30x5x5, hidden 100) and reports accuracy per epoch.",
                "Ctrl-C saves a checkpoint of the last completed step (to --save, else to " + TrainCommand.INTERRUPTED_FILE
                        + ") before exiting; --resume continues from it."})
final class TrainCommand implements Callable<Integer> {
    static final String INTERRUPTED_FILE = "gradcheck-interrupted.ckpt";
    static final long DEFAULT_SEED = 20261129L;

    @Spec
    CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set, 1..10000 (default: 20).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Images per step, 1..10000 (default: 100).")
    Integer batch;

    @Option(names = "--slices", paramLabel = "K",
            description = "Cut each batch into K slices computed on min(cores, K) threads, 1..64 (default: "
                    + TrainConfig.DEFAULT_SLICES + "). The weights depend on K (by rounding), not on the number of cores.")
    Integer slices;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd, momentum, nesterov, adagrad, rmsprop or adam (default: adam).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X",
            description = "Learning rate in [2.2e-308, 10], not subnormal (default: the book's for the optimizer: 0.001 for adam, 0.01 else).")
    Double lr;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights and the shuffles (default: "
            + DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with the four MNIST-format files (train-images-idx3-ubyte[.gz] ...); "
                    + "default: the embedded 8,000 + 2,000 digits.")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training images only (default: all).")
    Integer limit;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Write a checkpoint here after every epoch, at the end, and on Ctrl-C; FILE.lock is held "
                    + "meanwhile.")
    Path save;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue from this checkpoint; its optimizer, lr, batch, seed, limit and slices apply unless given.")
    Path resume;

    @Option(names = "--report", paramLabel = "DIR", description = "Where to write the HTML report (default: reports).")
    Path reportDir = Path.of("reports");

    @Override
    public Integer call() throws IOException {
        Limits.require(spec.commandLine(), "--epochs", epochs, 1, TrainConfig.MAX_EPOCHS);
        Limits.require(spec.commandLine(), "--batch", batch, 1, TrainConfig.MAX_BATCH);
        Limits.require(spec.commandLine(), "--limit", limit, 0, Integer.MAX_VALUE);
        Limits.require(spec.commandLine(), "--slices", slices, 1, TrainConfig.MAX_SLICES);
        if (lr != null && !TrainConfig.isLearningRate(lr)) {
            throw Limits.wrong(spec.commandLine(), "--lr", lr);
        }
        // every output is checked before any work; --resume F --save F is allowed: F is read whole before any write
        if (save != null) {
            OutputFile.check("--save", save, data == null ? Map.of() : Map.of("--data", Mnist.files(data)));
        }
        try (SaveLock lock = save == null ? null : SaveLock.take("--save", save)) {
            return run(lock);
        }
    }

    /** The run, once --save is checked and locked; releases the lock before a Ctrl-C lets the JVM exit. */
    private Integer run(SaveLock lock) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Checkpoint from = resume == null ? null : Checkpoint.read(resume);
        TrainConfig base = from != null ? from.train() : TrainConfig.book(DEFAULT_SEED);
        OptimizerKind kind = optimizer != null ? OptimizerKind.parse(optimizer) : base.optimizer();
        double rate = lr != null ? lr : kind == base.optimizer() ? base.lr() : kind.defaultLr();
        TrainConfig cfg = new TrainConfig(epochs != null ? epochs : base.epochs(), batch != null ? batch : base.batchSize(),
                kind, rate, seed != null ? seed : base.seed(), limit != null ? limit : base.limit(),
                slices != null ? slices : base.slices());
        OutputFile.checkDirectory("--report", reportDir, Reports.trainFiles(reportDir, cfg.seed()));
        TrainTest tt = data == null ? Mnist.embedded(new LoadOptions(true, false, false))
                : Mnist.fromDirectory(data, new LoadOptions(true, false, false));
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(cfg.seed()));
        Trainer trainer = new Trainer(net, cfg.optimizer().create(net.params(), cfg.lr()), cfg, tt.train(), tt.test());
        if (from != null) {
            from.restore(trainer, resume.toString());
        }
        out.printf(Locale.ROOT, "training on %s: %d images (test %d), %d epochs of %d steps, %s lr %s, batch %d%s, seed %d%s%n",
                data == null ? "embedded MNIST digits" : data, trainer.trainSize(), tt.test().size(), cfg.epochs(),
                trainer.stepsPerEpoch(), cfg.optimizer().id(), cfg.lr(), cfg.batchSize(),
                slicesNote(cfg), cfg.seed(),
                from == null ? "" : ", resumed at epoch " + (trainer.epoch() + 1) + " step " + trainer.step());
        out.flush();

        long stepsLeft = (long) (cfg.epochs() - trainer.epoch()) * trainer.stepsPerEpoch() - trainer.step();
        ProgressPrinter bar = new ProgressPrinter(out, System.console() != null, stepsLeft);
        Path onStop = save != null ? save : Path.of(INTERRUPTED_FILE);
        Interrupt stop = new Interrupt();
        Thread hook = new Thread(stop::awaitIdle, "gradcheck-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        long t0 = System.nanoTime();
        List<Double> epochSeconds = new ArrayList<>();
        long[] epochStart = {t0};
        boolean[] saved = {false};  // the save file holds the current position
        try {
            History h;
            try {
                h = trainer.run(p -> {
                    bar.accept(p);
                    saved[0] = false;
                    if (p.epochEnd()) {
                        long now = System.nanoTime();
                        epochSeconds.add((now - epochStart[0]) / 1e9);
                        epochStart[0] = now;
                        if (save != null) {
                            write(trainer, save);
                            saved[0] = true;
                        }
                    }
                    if (stop.requested) {  // Ctrl-C or SIGTERM: save this step, then the hook lets the JVM exit
                        bar.clearBar();
                        saveOrWarn(trainer, onStop, saved[0], out);
                        throw new Stopped();
                    }
                });
            } catch (Stopped e) {
                return Main.INTERRUPTED;
            } catch (TrainingStopped e) {  // a NaN: end the progress bar's line before the error's line
                bar.clearBar();
                out.flush();
                throw e;
            }
            if (save != null && !saved[0]) {  // a resumed run that had nothing left to do
                write(trainer, save);
            }
            if (stop.requested) {  // the signal came during the last save: it is complete, the report is not
                saveOrWarn(trainer, onStop, save != null, out);
                return Main.INTERRUPTED;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            int last = h.epochs() - 1;
            out.printf(Locale.ROOT, "done: %d epochs, train acc %.4f, test acc %.4f, %.1f s, %.0f images/s in steps, %s lr %s, "
                            + "batch %d%s, seed %d%s%n", h.epochs(), last < 0 ? Double.NaN : h.trainAcc()[last],
                    last < 0 ? Double.NaN : h.testAcc()[last], secs, bar.imagesPerSecond(), cfg.optimizer().id(), cfg.lr(),
                    cfg.batchSize(), slicesNote(cfg), cfg.seed(), save == null ? "" : ", saved to " + save);
            out.flush();
            Path report;
            try {
                report = Reports.train(reportDir, data == null ? "embedded MNIST digits" : data.toString(), cfg, net, h,
                        epochSeconds.stream().mapToDouble(Double::doubleValue).toArray(), trainer.trainSize(), tt.test());
            } catch (IOException | UncheckedIOException e) {  // the run is done: its weights must not be lost with the report
                throw new IOException(Main.describe(e) + "; the trained weights are saved in "
                        + (save != null ? save : rescue(trainer)), e);
            }
            out.println("report: " + report);
            out.flush();
            return Main.OK;
        } finally {
            if (lock != null) {
                lock.close();
            }
            stop.idle.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs regardless
            }
        }
    }

    /**
     * Saves a finished run whose report failed: to {@value #INTERRUPTED_FILE} in the working
     * directory, else in the temporary directory; returns where, or says that nothing could be saved.
     */
    private static String rescue(Trainer t) {
        for (Path p : List.of(Path.of(INTERRUPTED_FILE).toAbsolutePath(),
                Path.of(System.getProperty("java.io.tmpdir"), "gradcheck-" + ProcessHandle.current().pid() + ".ckpt"))) {
            try {
                OutputFile.check("rescue", p, Map.of());
                Checkpoint.of(t).write(p);
                return p.toString();
            } catch (IOException e) {
                // try the next place
            }
        }
        return "no file: neither the working directory nor the temporary directory took one";
    }

    private static void write(Trainer t, Path file) {
        try {
            Checkpoint.of(t).write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On Ctrl-C: saves (unless already saved) and says where, then that no report is written. */
    private static void saveOrWarn(Trainer t, Path file, boolean alreadySaved, PrintWriter out) {
        try {
            if (!alreadySaved) {
                Checkpoint.of(t).write(file);
            }
            out.println("interrupted: saved the last completed step to " + file);
        } catch (IOException e) {
            out.println("interrupted: could not save a checkpoint to " + file + ": " + Main.describe(e));
        }
        out.println("report: not written (interrupted)");
        out.flush();
    }

    /** Shared between the training thread and the Ctrl-C hook. */
    private static final class Interrupt {
        volatile boolean requested;
        /** Released when the training thread has finished with every file: its run, save and report. */
        final CountDownLatch idle = new CountDownLatch(1);

        /**
         * Runs in the shutdown hook: asks the training thread to save at its next step, and waits until
         * it is done with its files (a step, an epoch's evaluation, a save or a report in progress).
         */
        void awaitIdle() {
            requested = true;
            try {
                idle.await(5, TimeUnit.MINUTES);  // a bound, should a step never end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Unwinds the training loop after a Ctrl-C save. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    /** "" for one slice, else " in K slices", after the batch size. */
    private static String slicesNote(TrainConfig cfg) {
        return cfg.slices() == 1 ? "" : " in " + cfg.slices() + " slices";
    }
}

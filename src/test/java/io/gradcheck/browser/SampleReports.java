package io.gradcheck.browser;

import io.gradcheck.bugs.FailingReport;
import io.gradcheck.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports that docs/reports.md shows, written by the project's own code paths into one directory:
 * a passing {@code gradcheck check}, the failing check of a known-broken layer, a short
 * {@code gradcheck train} on the embedded digits, and the index of the three. Small enough to be
 * written in a test; {@code tools/render-reports} runs {@link #main}, with a longer training run, and
 * takes the screenshots.
 *
 * @param passing  {@code gradcheck check --tries 1}
 * @param failing  the catalogue's conv.col2im-overwrites ({@link FailingReport})
 * @param training {@code gradcheck train --epochs E --limit N --batch B}
 * @param index    the directory's index.html
 */
public record SampleReports(Path passing, Path failing, Path training, Path index) {
    /** The seed of every run (the CLI's default). */
    public static final long SEED = 20261129L;
    /** The training run of the tests: 10 steps of 10 images. */
    public static final List<String> QUICK = List.of("--epochs", "1", "--limit", "100", "--batch", "10");
    /** The training run of the screenshots: 2 epochs of 2,000 images, 200 steps each. */
    public static final List<String> DOCS = List.of("--epochs", "2", "--limit", "2000", "--batch", "10");

    /**
     * Writes the three reports into {@code dir}, which must hold no reports of these names.
     *
     * @param training the options of the training run, {@link #QUICK} or {@link #DOCS}
     */
    public static SampleReports write(Path dir, List<String> training) throws IOException {
        Path passing = cli(dir, "check", "--seed", "" + SEED, "--tries", "1", "--report", dir.toString());
        Path failing = FailingReport.write(dir);
        List<String> train = new ArrayList<>(List.of("train", "--seed", "" + SEED, "--report", dir.toString()));
        train.addAll(training);
        Path trained = cli(dir, train.toArray(String[]::new));
        return new SampleReports(passing, failing, trained, dir.resolve("index.html"));
    }

    /** Every page, in the order of docs/reports.md. */
    public List<Path> all() {
        return List.of(passing, failing, training, index);
    }

    /** Runs one command line in this JVM, which must succeed, and returns the report it names on its "report: " line. */
    private static Path cli(Path dir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IllegalStateException("gradcheck " + String.join(" ", args) + " exited with " + code + ":\n"
                    + printed + err.toString(StandardCharsets.UTF_8));
        }
        Path report = printed.lines().filter(l -> l.startsWith("report: ")).map(l -> Path.of(l.substring(8).trim()))
                .findFirst().orElseThrow(() -> new IllegalStateException("gradcheck " + args[0] + " named no report:\n" + printed));
        if (!Files.isRegularFile(report) || !report.toAbsolutePath().startsWith(dir.toAbsolutePath())) {
            throw new IllegalStateException("gradcheck " + args[0] + " named " + report + ", not a file in " + dir);
        }
        return report;
    }

    /** {@code SampleReports DIR}: writes the reports of the screenshots into DIR and prints their paths. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SampleReports DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        SampleReports r = write(dir, DOCS);
        System.out.println("passing: " + r.passing());
        System.out.println("failing: " + r.failing());
        System.out.println("training: " + r.training());
        System.out.println("index: " + r.index());
    }
}

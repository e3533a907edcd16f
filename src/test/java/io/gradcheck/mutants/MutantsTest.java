package io.gradcheck.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PIT's mutants of each layer, judged by the gradient checker alone: every mutant is caught (or hangs),
 * or is a reviewed survivor in src/test/resources/mutant-survivors.tsv whose category still holds.
 * {@code mvn verify} judges every {@value MutantsRun#SAMPLE}th mutant; {@code -Pmutants} judges all
 * of them and keeps the mutants' section of docs/bugs.md in step.
 */
class MutantsTest {
    private static final Path DOC = Path.of("docs", "bugs.md");

    @Test
    void affineMutantsAreCaught() throws IOException {
        requireCaughtOrReviewed(Subject.AFFINE);
    }

    @Test
    void reluMutantsAreCaught() throws IOException {
        requireCaughtOrReviewed(Subject.RELU);
    }

    @Test
    void poolingMutantsAreCaught() throws IOException {
        requireCaughtOrReviewed(Subject.POOLING);
    }

    @Test
    void convolutionMutantsAreCaught() throws IOException {
        requireCaughtOrReviewed(Subject.CONVOLUTION);
    }

    @Test
    void im2colAndCol2imMutantsAreCaughtThroughTheBooksConvolution() throws IOException {
        requireCaughtOrReviewed(Subject.BOOK_CONVOLUTION);
    }

    @Test
    void softmaxWithLossMutantsAreCaught() throws IOException {
        requireCaughtOrReviewed(Subject.SOFTMAX_WITH_LOSS);
    }

    /** Without this, a harness that broke every copy would "catch" every mutant. */
    @Test
    void unmutatedCopiesPassEveryShapeWellWithinTheLoopBudget() {
        for (Subject s : Subject.values()) {
            Class<?> copy = Copies.define(s.internalName(), null, null);
            long maxTicks = 0;
            for (Object shape : MutantsRun.shapes(s)) {
                Watchdog.reset();
                CheckResult r = s.check(copy, shape);
                maxTicks = Math.max(maxTicks, Watchdog.ticks());
                assertTrue(r.status() != Status.FAILED, () -> "the unmutated copy of " + s.simpleName() + " failed on " + shape
                        + ":\n" + r.failureMessage());
            }
            assertTrue(maxTicks * 10 <= Watchdog.BUDGET, s.simpleName() + " needs " + maxTicks + " loop iterations in one check; "
                    + "the budget is " + Watchdog.BUDGET);
        }
    }

    /** The layers' copies run through the watchdog: a loop that never ends is stopped. */
    @Test
    void theWatchdogStopsALoopThatNeverEnds() {
        Watchdog.reset();
        try {
            while (true) {
                Watchdog.tick();
            }
        } catch (Watchdog.Hang expected) {
            assertEquals(Watchdog.BUDGET + 1, Watchdog.ticks());
        }
    }

    @Test
    void docsBugsMdHasTheMutantsSectionOfThisRun() throws IOException {
        Assumptions.assumeTrue(MutantsRun.ALL, "the mutants' section records every mutant: run with -Pmutants");
        Map<Subject, List<Verdict>> runs = new EnumMap<>(Subject.class);
        for (Subject s : Subject.values()) {
            runs.put(s, MutantsRun.of(s));
            System.out.printf(Locale.ROOT, "mutants: %s, %d mutants judged in %.1f s%n", s.simpleName(), runs.get(s).size(),
                    MutantsRun.millis(s) / 1000.0);
        }
        String section = MutantsDoc.markdown(runs, Survivors.load());
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int cut = doc.indexOf(MutantsDoc.MARKER);
        String above = cut < 0 ? doc + "\n" : doc.substring(0, cut);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bugs-mutants.md"), section, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("gradcheck.writeDocs")) {
            Files.writeString(DOC, above + section, StandardCharsets.UTF_8);
            return;
        }
        Assumptions.assumeTrue(MutantsRun.SEED == 20261129L && MutantsRun.TRIES == 100,
                "docs/bugs.md records the default seed and tries; this run used others");
        assertEquals(section, cut < 0 ? "" : doc.substring(cut), "the mutants' section of docs/bugs.md is out of date: compare "
                + "with target/bugs-mutants.md, and regenerate with mvn -B test -Pmutants -Dgradcheck.writeDocs=true");
    }

    private static void requireCaughtOrReviewed(Subject s) throws IOException {
        List<Verdict> verdicts = MutantsRun.of(s);
        writeVerdicts(s, verdicts);
        Map<String, Survivors.Row> reviewed = Survivors.load();
        List<String> problems = new ArrayList<>();
        for (Verdict v : verdicts) {
            Survivors.Row row = reviewed.get(s.simpleName() + "\t" + v.mutant().key());
            switch (v.outcome()) {
                case CAUGHT, HUNG -> {
                    if (row != null) {
                        problems.add("caught now, but listed as a survivor (remove its row): " + v.mutant());
                    }
                }
                case CRASHED -> problems.add("crashed the checker, which should report it: " + v.mutant() + " on " + v.shape()
                        + ": " + v.detail());
                case SURVIVED -> {
                    if (row == null) {
                        problems.add("survived, not reviewed (" + v.survival() + "): " + v.mutant());
                    } else if (row.survival() != v.survival()) {
                        problems.add("survived as " + v.survival() + ", reviewed as " + row.survival() + ": " + v.mutant());
                    }
                }
                default -> throw new IllegalStateException(v.outcome().name());
            }
        }
        if (MutantsRun.ALL) {  // every row of this layer is still a survivor
            Set<String> survivors = verdicts.stream().filter(v -> v.outcome() == Verdict.Outcome.SURVIVED)
                    .map(v -> s.simpleName() + "\t" + v.mutant().key()).collect(Collectors.toSet());
            reviewed.keySet().stream().filter(k -> k.startsWith(s.simpleName() + "\t") && !survivors.contains(k))
                    .forEach(k -> problems.add("listed in " + Survivors.FILE + " but not a survivor any more: " + k.replace('\t', ' ')));
        }
        assertTrue(problems.isEmpty(), problems.size() + " of " + verdicts.size() + " mutants of " + s.simpleName()
                + " (search seed " + MutantsRun.SEED + ", " + MutantsRun.TRIES + " shapes):\n  " + String.join("\n  ", problems));
    }

    /** target/mutants/LAYER.tsv: every verdict, for review (the survivors' rows start as these). */
    private static void writeVerdicts(Subject s, List<Verdict> verdicts) throws IOException {
        StringBuilder b = new StringBuilder("# layer\tclass\tmethod\tline\tindex\toperator\toutcome\tkind or survival\tdescription"
                + "\tshape\tdetail\n");
        for (Verdict v : verdicts) {
            b.append(s.simpleName()).append('\t').append(v.mutant().key()).append('\t').append(v.outcome()).append('\t')
                    .append(v.outcome() == Verdict.Outcome.SURVIVED ? v.survival() : v.kind()).append('\t')
                    .append(v.mutant().description()).append('\t').append(v.shape()).append('\t').append(v.detail()).append('\n');
        }
        Path dir = Path.of("target", "mutants");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(s.simpleName() + ".tsv"), b.toString(), StandardCharsets.UTF_8);
    }
}

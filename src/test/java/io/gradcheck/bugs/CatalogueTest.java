package io.gradcheck.bugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every catalogue entry is caught, blamed on the right gradients, shrunk to the smallest batch
 * that shows it, and (mostly) given the right diagnosis; docs/bugs.md is the record of it.
 */
class CatalogueTest {
    private static final Path DOC = Path.of("docs", "bugs.md");
    private static final long DEFAULT_SEED = 20261129L;
    private static final int DEFAULT_TRIES = 200;

    private static Stream<DynamicTest> perEntry(Consumer<Outcome> assertion) {
        return Catalogue.all().stream().map(b -> DynamicTest.dynamicTest(b.id(), () -> assertion.accept(CatalogueRun.of(b))));
    }

    @Test
    void theCatalogueHasAtLeastThirtyEntriesWithDistinctIds() {
        List<Bug<?>> all = Catalogue.all();
        assertTrue(all.size() >= 30, all.size() + " entries");
        assertEquals(all.size(), new HashSet<>(all.stream().map(Bug::id).toList()).size(), "ids must be distinct");
    }

    @TestFactory
    Stream<DynamicTest> checkerCatchesEveryCatalogueEntryAndBlamesOnlyItsWrongGradients() {
        return perEntry(o -> {
            assertTrue(o.detected(), "not detected in " + CatalogueRun.TRIES + " shapes (seed " + CatalogueRun.SEED + "): "
                    + o.context());
            assertEquals(o.bug().wrongParams(), o.blamed(), o.context());
        });
    }

    @TestFactory
    Stream<DynamicTest> noEntryBreaksAGradientItDoesNotDeclareOnAnyRandomShape() {
        return perEntry(o -> assertNull(o.spread().overreach(), () -> o.bug().id() + " declares " + o.bug().wrongParams()
                + " but this check blamed more:\n" + o.spread().overreach()));
    }

    @TestFactory
    Stream<DynamicTest> everyEntryShrinksToTheSmallestBatchThatShowsIt() {
        return perEntry(o -> {
            assertTrue(o.detected(), o.context());
            assertEquals(o.bug().minBatch(), o.shrunkBatch(), o.context());
        });
    }

    @TestFactory
    Stream<DynamicTest> noEntryGetsAConfidentWrongDiagnosis() {
        return perEntry(o -> {
            assertTrue(o.detected(), o.context());
            String gap = EngineGaps.WRONG.get(o.bug().id());
            Assumptions.assumeTrue(gap == null, () -> "known engine gap, says " + o.engineKind() + " where "
                    + o.bug().expected() + " is right: " + gap);
            assertFalse(o.diagnosedWrong(), "diagnosed " + o.engineKind() + ", expected " + o.bug().expected()
                    + " (or UNKNOWN): " + (o.diagnosis() == null ? "" : o.diagnosis().evidence()) + "\n" + o.context());
        });
    }

    @Test
    void engineGapsAreStillGaps() {
        for (String id : EngineGaps.WRONG.keySet()) {
            Outcome o = CatalogueRun.of(Catalogue.all().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow());
            assertTrue(o.detected() && o.diagnosedWrong(), id + " is no longer diagnosed wrong (engine says "
                    + o.engineKind() + "): remove it from EngineGaps.WRONG");
        }
    }

    @Test
    void atLeastFourInFiveEntriesGetTheRightDiagnosis() {
        List<Outcome> all = CatalogueRun.all();
        long right = all.stream().filter(Outcome::diagnosedRight).count();
        double rate = (double) right / all.size();
        StringBuilder misses = new StringBuilder();
        all.stream().filter(o -> !o.diagnosedRight()).forEach(o -> misses.append("\n  ").append(o.bug().id()).append(": ")
                .append(o.engineKind()).append(" for ").append(o.bug().expected()));
        assertTrue(rate >= 0.8, String.format(Locale.ROOT, "%d of %d right (%.0f%%), seed %d:%s", right, all.size(),
                100 * rate, CatalogueRun.SEED, misses));
    }

    /**
     * docs/bugs.md, down to the mutants' section (MutantsTest's), equals the table of this run;
     * -Dgradcheck.writeDocs=true rewrites that part instead.
     */
    @Test
    void docsBugsMdIsTheTableOfTheseRuns() throws IOException {
        String md = BugsDoc.markdown(CatalogueRun.all(), CatalogueRun.SEED, CatalogueRun.TRIES);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bugs.md"), md, StandardCharsets.UTF_8);
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int cut = doc.indexOf("\n<!-- mutants -->\n");  // from there on, MutantsTest's section: not ours
        String mutants = cut < 0 ? "" : doc.substring(cut);
        if (Boolean.getBoolean("gradcheck.writeDocs")) {
            Files.writeString(DOC, md + mutants, StandardCharsets.UTF_8);
            return;
        }
        Assumptions.assumeTrue(CatalogueRun.SEED == DEFAULT_SEED && CatalogueRun.TRIES == DEFAULT_TRIES,
                "docs/bugs.md records the default seed and tries; this run used others");
        assertEquals(cut < 0 ? doc : doc.substring(0, cut), md,
                "docs/bugs.md is out of date: compare with target/bugs.md, and regenerate with "
                        + "mvn -B test -Dtest=CatalogueTest -Dgradcheck.writeDocs=true");
    }
}

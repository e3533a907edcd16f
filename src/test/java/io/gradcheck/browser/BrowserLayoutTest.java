package io.gradcheck.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gradcheck.browser.Layout.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports of docs/reports.md, laid out by headless Chromium at a desktop and a narrow width: no
 * element may overflow sideways or leave the window, no text may be drawn too small to read, no image
 * may fail to decode, and no number may be broken across two lines. Skipped when Chromium is not installed
 * ({@code apt-get install chromium}; .ci/run installs it).
 */
class BrowserLayoutTest {
    /** A desktop window and a narrow one (half a 1600 px screen, a tablet). */
    static final List<Integer> WIDTHS = List.of(1280, 800);
    /** One Chromium run lays out every page; it is killed after this. */
    static final Duration LIMIT = Duration.ofSeconds(60);
    static final String DEFECTS = "layout-defects.html";
    private static final int SHOWN = 12;

    @TempDir
    static Path dir;
    static SampleReports reports;
    static List<Finding> findings;

    @BeforeAll
    static void layOut() throws IOException {
        Optional<Chromium> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no chromium on the PATH (apt-get install chromium), or "
                + "-Dgradcheck.chromium=none: the browser tests are skipped");
        reports = SampleReports.write(Files.createDirectory(dir.resolve("reports")), SampleReports.QUICK);
        Map<String, String> pages = new LinkedHashMap<>();
        for (Path p : reports.all()) {
            pages.put(p.getFileName().toString(), Files.readString(p));
        }
        try (InputStream in = BrowserLayoutTest.class.getResourceAsStream(DEFECTS)) {
            pages.put(DEFECTS, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        findings = Layout.measure(chromium.get(), pages, WIDTHS, Files.createDirectory(dir.resolve("chromium")), LIMIT);
    }

    private static List<Finding> on(Path page) {
        return findings.stream().filter(f -> f.page().equals(page.getFileName().toString())).toList();
    }

    /** No finding on this page; else each, up to {@value #SHOWN}, on a line of its own. */
    private static void assertFits(Path page) {
        List<Finding> found = on(page);
        assertTrue(found.isEmpty(), () -> found.size() + " layout defects in " + page.getFileName() + " (seed "
                + SampleReports.SEED + "):\n" + found.stream().limit(SHOWN).map(Finding::toString).collect(Collectors.joining("\n"))
                + (found.size() > SHOWN ? "\n... and " + (found.size() - SHOWN) + " more" : ""));
    }

    @Test
    void aPassingCheckReportFitsTheWindowAndIsReadable() {
        assertFits(reports.passing());
    }

    @Test
    void aFailingCheckReportFitsTheWindowAndIsReadable() {
        assertFits(reports.failing());
    }

    @Test
    void aTrainingReportFitsTheWindowAndIsReadable() {
        assertFits(reports.training());
    }

    @Test
    void theIndexFitsTheWindowAndIsReadable() {
        assertFits(reports.index());
    }

    /** The pages are the ones docs/reports.md shows, and the index links each. */
    @Test
    void theSamplePagesAreThoseOfTheDocs() throws IOException {
        assertEquals("gradcheck check: PASSED", Jsoup.parse(reports.passing().toFile()).title());
        assertEquals("bug catalogue conv.col2im-overwrites: FAILED", Jsoup.parse(reports.failing().toFile()).title());
        assertTrue(Jsoup.parse(reports.training().toFile()).title().startsWith("gradcheck train"));
        Document index = Jsoup.parse(reports.index().toFile());
        for (Path page : List.of(reports.passing(), reports.failing(), reports.training())) {
            assertEquals(1, index.select("a[href=./" + page.getFileName() + "]").size(), () -> page + " in " + index);
        }
    }

    /** The probe itself: a page with one of each defect, and a look-alike of each that is fine. */
    @Test
    void theProbeFindsEachDefectOfABrokenPageAndNothingElse() {
        for (int w : WIDTHS) {
            List<String> found = findings.stream().filter(f -> f.page().equals(DEFECTS) && f.width() == w)
                    .map(f -> f.rule() + " " + f.element().split(" ")[0]).toList();
            assertEquals(List.of("overflow pre.cut", "beyond-viewport div.stray", "font-size p.tiny",
                    "svg-text-clipped text.cut-label", "svg-text-clipped text.clipped-label", "font-size text.quarter", "broken-image img.undecodable",
                    "overflow div.box", "number-wrapped div.narrow"), found,
                    "at " + w + " px");
        }
        List<String> overflows = findings.stream().filter(f -> f.page().equals(DEFECTS) && f.width() == 1280
                && f.rule().equals("overflow")).map(Finding::toString).toList();
        assertTrue(overflows.get(0).matches(DEFECTS + " at 1280 px: overflow: pre\\.cut \"Gradient check FAILED: .*\": "
                + "content \\d+ px wide in a box of \\d+ px \\(overflow-x: auto\\)"), overflows.get(0));
        assertTrue(overflows.get(1).matches(DEFECTS + " at 1280 px: overflow: div\\.box \"a table row .*\": content \\d+ px wide "
                + "in a box of 150 px \\(overflow-x: visible\\); widest inside: table\\.wide \"a table row .*\", right edge "
                + "[0-9.]+ px out"), overflows.get(1));
    }
}

package io.gradcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check page as a reader sees it: summary, badges, panels for what was not compared, wrapping. */
class CheckPageTest {
    @TempDir
    Path dir;

    static CheckResult passing() {
        return GradientCheck.of(new Affine(Tensor.randn(2L, 1, 3, 2), Tensor.randn(3L, 1, 2)))
                .input(Tensor.randn(4L, 1, 2, 3)).seed(5).run();
    }

    static CheckResult failing() {
        return GradientCheck.of("twice too steep", x -> Ops.dot(x, x), x -> Ops.scale(x, 4))
                .input(Tensor.randn(6L, 1, 2, 3)).seed(5).run();
    }

    static CheckResult vacuous() {
        return GradientCheck.of("flat", x -> 0.0, x -> Tensor.zeros(x.shape())).input(Tensor.randn(7L, 1, 3)).seed(5).run();
    }

    /** Passes x through, but hands back dx flattened to (N, D). */
    private static final class Flattening implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return x.copy();
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dout.copy().reshape(dout.dim(0), dout.size() / dout.dim(0));  // (N, C, H, W) -> (N, C*H*W)
        }
    }

    static CheckResult misshapen() {
        return GradientCheck.of(new Flattening()).input(Tensor.randn(8L, 1, 2, 1, 2, 2)).seed(5).run();
    }

    private Document page(CheckResult... results) throws IOException {
        return Jsoup.parse(Files.readString(CheckReport.write(dir, new CheckRun("page", 5, List.of(results), null, null, "t"))));
    }

    @Test
    void theSubjectsAreWhatTheyClaim() {
        assertEquals(Status.PASSED, passing().status());
        assertEquals(Status.FAILED, failing().status());
        assertEquals(Status.INCONCLUSIVE, vacuous().status());
        assertTrue(vacuous().param("x").note().startsWith("no signal"), vacuous().param("x").note());
        assertEquals(Status.FAILED, misshapen().status());
        assertNotNull(misshapen().param("x").problem());
    }

    /** The run's kind (for the index) is not a diagnosis: mustache looked a missing kind up in the page's scope. */
    @Test
    void aPassingGradientShowsNoDiagnosisWhateverTheRunsKind() throws IOException {
        Document doc = Jsoup.parse(Files.readString(CheckReport.write(dir, new CheckRun("page", 5, List.of(passing()), null,
                null, 0, "t", "bug catalogue"))));
        assertEquals("bug catalogue", doc.select("meta[name=gradcheck-run]").attr("data-kind"));
        assertEquals(List.of(), doc.select("td.diagnosis b.kind").eachText(), "a passing check has no bug kind");
    }

    @Test
    void everyBadgeHasTheColourOfItsOwnVerdictOnAFailingPage() throws IOException {
        Document doc = page(passing(), failing(), vacuous(), passing());
        Css css = new Css(doc);
        Map<String, String> colourOf = new HashMap<>();
        List<Element> badges = doc.select(".status");
        assertTrue(badges.size() >= 8, badges.toString());
        for (Element b : badges) {
            String verdict = b.text(), colour = css.value(b, "color") + " on " + css.value(b, "background");
            String before = colourOf.putIfAbsent(verdict, colour);
            assertTrue(before == null || before.equals(colour), verdict + " badges in two colours: " + before + " and " + colour
                    + ", e.g. " + b.outerHtml());
        }
        assertEquals(3, colourOf.keySet().stream().filter(v -> v.matches("PASSED|FAILED|INCONCLUSIVE")).count(), colourOf.toString());
        assertEquals(colourOf.size(), colourOf.values().stream().distinct().count(), "one colour per verdict: " + colourOf);
    }

    @Test
    void aSummaryAtTheTopHasARowPerCheckAndLinksToItsSection() throws IOException {
        List<CheckResult> results = List.of(passing(), failing(), vacuous(), misshapen());
        Document doc = page(results.toArray(CheckResult[]::new));
        Element summary = doc.getElementById("overview");
        assertNotNull(summary, "a summary");
        assertTrue(summary.elementSiblingIndex() < doc.getElementById("histogram").elementSiblingIndex(), "at the top");
        List<Element> rows = summary.select("tbody tr");
        assertEquals(results.size(), rows.size());
        for (int i = 0; i < results.size(); i++) {
            CheckResult r = results.get(i);
            Element row = rows.get(i);
            assertEquals(r.subject(), row.select("td.subject").text());
            String href = row.select("td.subject a").attr("href");
            assertEquals("#check-" + i, href);
            assertNotNull(doc.getElementById(href.substring(1)));
            assertEquals(Arrays.toString(r.inputShape()), row.select("td.input").text());
            assertEquals(r.status().toString(), row.select("td.verdict .status").text());
            ParamResult worst = r.params().stream().filter(p -> p.problem() != null).findFirst()
                    .orElse(r.params().stream().max(Comparator.comparingDouble(p -> Double.isNaN(p.maxRelError()) ? -1 : p.maxRelError())).get());
            String cell = row.select("td.worst").text();
            assertTrue(cell.startsWith(worst.name() + " "), cell);
            assertTrue(worst.problem() != null || cell.contains(CheckReport.fmt(worst.maxRelError())), cell);
        }
    }

    @Test
    void failingChecksAreOpenAndPassingOnesCollapsed() throws IOException {
        List<CheckResult> results = List.of(passing(), failing(), vacuous(), misshapen());
        Document doc = page(results.toArray(CheckResult[]::new));
        for (int i = 0; i < results.size(); i++) {
            Element details = doc.select("#check-" + i + " > details").first();
            assertNotNull(details, "section " + i + " collapsible");
            assertEquals(results.get(i).status() != Status.PASSED, details.hasAttr("open"), "section " + i);
            assertEquals(results.get(i).subject(), details.select("> summary .subject").text());
        }
        assertTrue(doc.select("script").isEmpty(), "no JavaScript");
    }

    @Test
    void longLinesWrapInsideTheirBox() throws IOException {
        Document doc = page(failing());
        Css css = new Css(doc);
        List<Element> pres = doc.select("pre");
        assertEquals(2, pres.size(), "message and reproduction");
        for (Element pre : pres) {
            assertTrue(List.of("pre-wrap", "break-spaces").contains(css.value(pre, "white-space")), pre.className());
            assertTrue(List.of("anywhere", "break-word").contains(css.value(pre, "overflow-wrap")), pre.className());
        }
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?");

    @Test
    void numbersNeverBreakInside() throws IOException {
        Document doc = page(passing(), failing(), vacuous(), misshapen());
        Css css = new Css(doc);
        int seen = 0;
        for (Element e : doc.body().select("*:not(svg, svg *)")) {
            for (TextNode t : e.textNodes()) {
                Matcher m = NUMBER.matcher(t.text());
                while (m.find()) {
                    if (m.group().contains("e") || m.group().contains(".") || m.group().startsWith("-")) {
                        seen++;
                        assertEquals("nowrap", css.value(e, "white-space"), "'" + m.group() + "' in <" + e.tagName()
                                + " class=" + e.className() + ">" + t.text());
                    }
                }
            }
        }
        assertTrue(seen > 20, "numbers seen: " + seen);
    }

    @Test
    void aGradientOfTheWrongShapeGetsAPanelAndTheHistogramSaysItIsMissing() throws IOException {
        CheckResult r = misshapen();
        Document doc = page(passing(), r);
        Element panel = doc.select("#check-1 .uncompared[data-param=x]").first();
        assertNotNull(panel, "a panel for x");
        String text = panel.text();
        assertTrue(text.contains("expected [2, 1, 2, 2]") && text.contains("got [2, 4]"), text);
        assertTrue(text.contains("0 of 8 elements compared"), text);
        Element note = doc.select("#histogram .uncompared-note").first();
        assertNotNull(note, "the histogram says what it leaves out");
        assertTrue(note.text().startsWith("1 gradient could not be compared"), note.text());
        assertEquals("#check-1", note.select("a").attr("href"));
        assertTrue(doc.select("#histogram .uncompared-note").isEmpty() == false);
        assertTrue(page(passing()).select("#histogram .uncompared-note").isEmpty(), "nothing to say when all were compared");
    }

    @Test
    void aVacuousCheckIsMarkedInTheSummaryAndItsSection() throws IOException {
        Document doc = page(passing(), vacuous());
        Element row = doc.select("#overview tbody tr").get(1);
        assertTrue(row.hasClass("vacuous"), row.outerHtml());
        assertTrue(row.select(".vacuous-note").text().contains("no signal"), row.text());
        Element section = doc.getElementById("check-1");
        assertTrue(section.hasClass("vacuous"));
        Element mark = section.select("summary .vacuous-note").first();
        assertNotNull(mark, "marked where the section is collapsed too");
        assertTrue(mark.text().contains("nothing was tested"), mark.text());
        assertFalse(doc.select("#check-0").hasClass("vacuous"));
        assertTrue(doc.select("#overview tbody tr").get(0).select(".vacuous-note").isEmpty());
    }

    @Test
    void theHistogramLabelsExactZerosAndItsRtolLabelFits() throws IOException {
        Document doc = page(passing(), failing());
        Element svg = doc.select("#histogram svg").first();
        assertTrue(svg.select("text").eachText().contains("exact 0"), svg.select("text").eachText().toString());
        Element rtol = svg.select("text").stream().filter(t -> t.text().equals("rtol")).findFirst().orElseThrow();
        double x = Double.parseDouble(rtol.attr("x")), width = Double.parseDouble(svg.attr("width"));
        assertTrue(x >= 0 && x + 30 <= width, "rtol at x=" + x + " in " + width);
        assertNotEquals("end", rtol.attr("text-anchor"));
    }
}

package io.gradcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.ScaleWithNoGradients;
import io.gradcheck.check.SelfCheck;
import io.gradcheck.check.ShapeSearch;
import io.gradcheck.check.Shapes;
import io.gradcheck.check.Status;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckReportTest {
    @TempDir
    Path dir;

    private Document write(CheckRun run) throws IOException {
        return Jsoup.parse(Files.readString(CheckReport.write(dir, run)));
    }

    @Test
    void theSummaryTableHasARowPerGradientWithTheResultsValues() throws IOException {
        List<CheckResult> results = SelfCheck.run(11, 1);
        Document doc = write(new CheckRun("gradcheck check", 11, results, null, null, "2026-11-29T04:00:00Z"));
        assertEquals("PASSED", doc.getElementById("status").text());
        assertEquals("11", doc.getElementById("seed").text());
        List<Element> sections = doc.select("section.check");
        assertEquals(results.size(), sections.size());
        for (int i = 0; i < results.size(); i++) {
            List<Element> rows = sections.get(i).select("table.summary tbody tr");
            assertEquals(results.get(i).params().size(), rows.size());
            for (int k = 0; k < rows.size(); k++) {
                ParamResult p = results.get(i).params().get(k);
                List<Element> cells = rows.get(k).select("td");
                assertEquals(p.name(), cells.get(0).text());
                assertEquals(String.valueOf(p.checked()), cells.get(2).text());
                assertEquals(String.valueOf(p.skipped()), cells.get(3).text());
                assertEquals(p.status().toString(), cells.get(6).text());
            }
        }
        assertTrue(doc.select("#histogram svg").size() == 1, "a histogram");
        assertTrue(doc.select("div.heatmap svg").size() > 0, "heat maps");
        assertTrue(doc.select("#settings").text().contains("step h 1.00e-05"), doc.select("#settings").text());
        assertTrue(doc.select("#failure").isEmpty(), "no failure section when all passed");
    }

    @Test
    void aReportIsSelfContained() throws IOException {
        Document doc = write(new CheckRun("self contained", 3, SelfCheck.run(3, 1), null, null, "t"));
        assertTrue(doc.select("script[src], link[href], img[src^=http], img[src^=/]").isEmpty());
        assertFalse(doc.html().contains("http://www.jfree") && doc.select("[href^=http]").size() > 0);
    }

    @Test
    void namesFromStudentCodeAreEscaped() throws IOException {
        CheckResult r = GradientCheck.of(new ScaleWithNoGradients("<script>alert(1)</script>", Tensor.of(new double[] {2}, 1))).input(Tensor.of(new double[] {1, 2}, 2)).seed(1).run();
        Document doc = write(new CheckRun("<b>run</b>", 1, List.of(r), "<i>x</i>", "<img src=x onerror=alert(1)>", "t"));
        assertTrue(doc.select("script, b:not(.kind), i, img").isEmpty(), "nothing injected: " + doc.select("script, b:not(.kind), i, img"));
        assertTrue(doc.text().contains("<script>alert(1)</script>"), "shown as text");
        assertTrue(doc.title().startsWith("<b>run</b>"));
        Document index = Jsoup.parse(Files.readString(dir.resolve("index.html")));
        assertEquals("<b>run</b>", index.select("#runs a").text());
        assertTrue(index.select("#runs b").isEmpty());
    }

    /** The bug catalogue's col2im that overwrites instead of adding, as a layer. */
    private static final class OverwritingConvolution implements Layer {
        private final Convolution conv;
        private final int[] xs;

        OverwritingConvolution(Convolution conv, int[] xShape) {
            this.conv = conv;
            this.xs = xShape;
        }

        @Override
        public Tensor forward(Tensor x) {
            return conv.forward(x);
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor dx = conv.backward(dout);
            Tensor W = conv.params().get("W");
            // a 2x2 filter, stride 1: keep only the last window's contribution to each pixel
            Tensor out = Tensor.zeros(xs);
            for (int n = 0; n < xs[0]; n++) {
                for (int c = 0; c < xs[1]; c++) {
                    for (int y = 0; y < xs[2]; y++) {
                        for (int x = 0; x < xs[3]; x++) {
                            int oy = Math.min(y, dout.dim(2) - 1), ox = Math.min(x, dout.dim(3) - 1);
                            double v = 0;
                            for (int f = 0; f < W.dim(0); f++) {
                                v += dout.at(n, f, oy, ox) * W.at(f, c, y - oy, x - ox);
                            }
                            out.set(out.flatIndex(n, c, y, x), v);
                        }
                    }
                }
            }
            return dx.sameShape(out) ? out : dx;
        }

        @Override
        public Map<String, Tensor> params() {
            return conv.params();
        }

        @Override
        public Map<String, Tensor> grads() {
            return conv.grads();
        }
    }

    @Test
    void aFailingReportShowsTheDiagnosisTheShrunkShapeTheSeedAndHighlightsTheWrongElements() throws IOException {
        ShapeSearch.Found<int[]> found = ShapeSearch.smallestFailing(in -> new int[] {in.between(1, 2), 1, in.between(3, 5), in.between(3, 5)},
                s -> {
                    Well19937c rng = new Well19937c(4);
                    Convolution conv = new Convolution(Tensor.randn(rng, 1, 2, 1, 2, 2), Tensor.randn(rng, 1, 2), 1, 0);
                    return GradientCheck.of(new OverwritingConvolution(conv, s)).input(Tensor.randn(rng, 1, s)).seed(9).run();
                }, 9, 20);
        CheckResult r = found.result();
        assertEquals(Status.FAILED, r.status());
        String shape = java.util.Arrays.toString(found.shape());
        Document doc = write(new CheckRun("broken col2im", 9, List.of(r), shape,
                Reproduction.java("GradientCheck.of(layer).input(x).seed(9).run().assertPassed();"), 20, "t"));
        assertEquals("FAILED", doc.getElementById("status").text());
        Element failure = doc.getElementById("failure");
        assertEquals(shape, failure.select("code.shrunk").text());
        assertEquals("9", failure.select("code.seed").text());
        assertTrue(failure.select("pre.snippet").text().contains("seed(9)"));
        Element xRow = doc.select("tr[data-param=x]").first();
        assertEquals("FAILED", xRow.select("td.st").text());
        assertEquals("MISSING_ACCUMULATION", xRow.select("b.kind").text(), xRow.text());
        int wrong = 0;
        ParamResult x = r.param("x");
        for (int i = 0; i < x.elements().numeric().size(); i++) {
            double a = x.elements().analytic().get(i), n = x.elements().numeric().get(i);
            wrong += Math.abs(a - n) > 1e-8 + 1e-5 * Math.max(Math.abs(a), Math.abs(n)) ? 1 : 0;
        }
        assertTrue(wrong > 0);
        assertEquals(wrong, doc.select("div.heatmap[data-param=x] rect.fail").size(), "every wrong element highlighted");
        assertEquals(0, doc.select("div.heatmap[data-param=W] rect.fail").size());
    }

    @Test
    void theSameSeedGivesTheSameReportButForTheTimestamp() throws IOException {
        Path a = CheckReport.write(dir.resolve("a"), new CheckRun("run", 5, SelfCheck.run(5, 1), null, null, "first"));
        Path b = CheckReport.write(dir.resolve("b"), new CheckRun("run", 5, SelfCheck.run(5, 1), null, null, "second"));
        List<String> la = Files.readAllLines(a), lb = Files.readAllLines(b);
        assertEquals(la.size(), lb.size());
        int differ = 0;
        for (int i = 0; i < la.size(); i++) {
            if (!la.get(i).equals(lb.get(i))) {
                differ++;
                assertTrue(la.get(i).contains("first") && lb.get(i).contains("second"), la.get(i));
            }
        }
        assertEquals(2, differ, "only the timestamp differs: in the index's meta tag and the Generated line");
    }
}

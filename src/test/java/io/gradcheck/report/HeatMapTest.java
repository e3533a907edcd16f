package io.gradcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.Status;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heat maps of a check report: coloured by error against the tolerance, with a colour bar and labelled axes. */
class HeatMapTest {
    @TempDir
    Path dir;

    private Document write(CheckResult r) throws IOException {
        return Jsoup.parse(Files.readString(CheckReport.write(dir, new CheckRun("heat", r.seed(), List.of(r), null, null, "t"))));
    }

    /** The red and green channels of a "#rrggbb" fill. */
    private static int[] rg(String fill) {
        return new int[] {Integer.parseInt(fill.substring(1, 3), 16), Integer.parseInt(fill.substring(3, 5), 16)};
    }

    @Test
    void aCellThatPassesOnlyThroughAtolIsColouredAsPassing() throws IOException {
        // gradients near 1e-6, off by 5e-9: a relative error of 5e-3, far above rtol, but within atol 1e-8
        CheckResult r = GradientCheck.of("tiny slope", x -> 1e-6 * Ops.dot(x, Ops.map(x, v -> 1)), x -> Ops.map(x, v -> 1e-6 + 5e-9))
                .input(Tensor.of(new double[] {1, 2, 3}, 3)).seed(4).run();
        assertEquals(Status.PASSED, r.param("x").status(), r.failureMessage());  // (an exact identity may catch the offset)
        Document doc = write(r);
        List<Element> cells = doc.select("div.heatmap[data-param=x] svg.heat > g > rect:not(.nc)");
        assertEquals(3, cells.size());
        String css = doc.select("style").html();
        for (Element c : cells) {
            assertFalse(c.hasClass("fail"), c.outerHtml());
            assertEquals("p5", c.className(), "half the tolerance: " + c.outerHtml());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("svg\\.heat rect\\.p5 \\{ fill: (#[0-9a-f]{6}); }").matcher(css);
            assertTrue(m.find(), css);
            int[] rg = rg(m.group(1));
            assertTrue(rg[1] > rg[0], "a passing cell is green, not orange: " + c.outerHtml());
            String title = c.select("title").text();
            assertTrue(title.endsWith("ratio 0.50"), title);
        }
    }

    @Test
    void aFailingCellIsRedAndOutlinedAndItsTooltipGivesIndexValuesAndRatio() throws IOException {
        CheckResult r = GradientCheck.of("off by one percent", x -> Ops.dot(x, x), x -> Ops.scale(x, 2.02))
                .input(Tensor.of(new double[] {1, -2}, 2)).seed(4).run();
        assertEquals(Status.FAILED, r.status());
        List<Element> cells = write(r).select("div.heatmap[data-param=x] svg.heat > g > rect:not(.nc)");
        assertEquals(2, cells.size());
        for (Element c : cells) {
            assertTrue(c.hasClass("fail"), c.outerHtml());
            int[] rg = rg(c.attr("fill"));
            assertTrue(rg[0] > rg[1], "a failing cell is orange to red: " + c.outerHtml());
            assertEquals("2", c.attr("stroke-width"));
        }
        String title = cells.get(1).select("title").text();
        assertTrue(title.startsWith("x[i=1]: analytic -4.040, numeric -4.000,") && title.endsWith("ratio 9.9e+02, FAILS"), title);
    }

    @Test
    void everyCheckHasAContinuousColourBarFromZeroThroughTheToleranceToFailing() throws IOException {
        CheckResult r = GradientCheck.of("square", x -> Ops.dot(x, x), x -> Ops.scale(x, 2))
                .input(Tensor.of(new double[] {1, -2}, 2)).seed(4).run();
        Element legend = write(r).select("section.check div.heat-legend").first();
        assertTrue(legend != null, "a legend");
        Element bar = legend.select("div.colorbar").first();
        assertEquals(1, bar.select("span.bar.pass").size());
        assertEquals(1, bar.select("span.bar.fail").size());
        List<String> ticks = bar.select("span.tick").eachText();
        assertEquals(List.of("0", "0.5", "1 = tolerance", "1e2", "1e4", "≥ 1e6"), ticks);
        String css = write(r).select("style").html();
        assertTrue(css.contains(".colorbar .pass { left: 0; width: 200px; background: linear-gradient(to right, #1a9850, #d9ef8b); }"),
                "a continuous gradient for the passing half");
        assertTrue(css.contains(".colorbar .fail { left: 200px; width: 300px; background: linear-gradient(to right, #fdae61, #a50026); }"),
                "and one for the failing half");
        assertTrue(css.contains(".colorbar .t2 { left: 200px; }"), "1 = tolerance where the two halves meet");
        assertTrue(legend.text().contains("atol 1.000e-08 and rtol 1.000e-05"), legend.text());
    }

    @Test
    void aFourDimensionalMapLabelsItsAxesAndASmallOneHasBigCells() throws IOException {
        Well19937c rng = new Well19937c(3);
        Convolution conv = new Convolution(Tensor.randn(rng, 1, 2, 3, 2, 2), Tensor.randn(rng, 1, 2), 1, 0);
        Document doc = write(GradientCheck.of(conv).input(Tensor.randn(rng, 1, 2, 3, 3, 3)).seed(3).run());
        Element w = doc.select("div.heatmap[data-param=W]").first();
        assertEquals("Tiles: rows f, columns c. In each tile: rows i, columns j.", w.select("p.axes").text());
        assertEquals(List.of("f=0", "f=1"), w.select("text.tile-row").eachText());
        assertEquals(List.of("c=0", "c=1", "c=2"), w.select("text.tile-col").eachText());
        assertEquals("i \\ j", w.select("text.axis-name").text());
        assertEquals(List.of("0", "1", "0", "1", "0", "1"), w.select("g.col text").eachText());
        assertTrue(w.select("svg.heat").hasClass("c24"), "24 px cells on a 24-element tensor");
        assertTrue(doc.select("style").html().contains("svg.c24 rect { width: 24px; height: 24px; }"), "sized by the page's style");
        Element x = doc.select("div.heatmap[data-param=x]").first();
        assertEquals(List.of("n=0", "n=1"), x.select("text.tile-row").eachText());
        assertEquals(54, x.select("svg.heat > g > rect, svg.heat g.kink").size());
    }

    @Test
    void aMatrixSaysRowsAndColumnsAndAVectorWrapsToThePageWidth() throws IOException {
        Well19937c rng = new Well19937c(5);
        Affine affine = new Affine(Tensor.randn(rng, 1, 4, 3), Tensor.randn(rng, 1, 3));
        Document doc = write(GradientCheck.of(affine).input(Tensor.randn(rng, 1, 2, 4)).seed(5).run());
        assertEquals("A matrix: rows i, columns j.", doc.select("div.heatmap[data-param=W] p.axes").text());
        assertEquals("A matrix: rows n, columns j.", doc.select("div.heatmap[data-param=x] p.axes").text());

        CheckResult long1 = GradientCheck.of("sum of squares", x -> Ops.dot(x, x), x -> Ops.scale(x, 2))
                .input(Tensor.randn(new Well19937c(6), 1, 500)).seed(6).run();
        Element v = write(long1).select("div.heatmap[data-param=x]").first();
        assertTrue(v.select("p.axes").text().startsWith("A vector, wrapped"), v.text());
        int width = Integer.parseInt(v.select("svg.heat").attr("width"));
        assertTrue(width <= HeatMap.MAX_WIDTH, "fits the page: " + width);
        assertEquals(500, v.select("svg.heat > g > rect").size());
    }
}

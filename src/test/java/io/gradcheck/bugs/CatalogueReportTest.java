package io.gradcheck.bugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.ShapeSearch;
import io.gradcheck.report.CheckReport;
import io.gradcheck.report.CheckRun;
import io.gradcheck.report.Reproduction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A report of a deliberately broken layer from the catalogue, written into reports/ where a student
 * would find it: the failing elements must be highlighted, and the diagnosis, shrunk shape and seed shown.
 */
class CatalogueReportTest {
    @Test
    void theReportOfABrokenCol2imHighlightsTheWrongElements() throws IOException {
        Bug<?> bug = Catalogue.all().stream().filter(b -> b.id().equals("conv.col2im-overwrites")).findFirst().orElseThrow();
        ShapeSearch.Found<?> found = bug.search(CatalogueRun.SEED, CatalogueRun.TRIES);
        CheckResult r = found.result();
        String snippet = "Bug<?> bug = Catalogue.all().stream().filter(b -> b.id().equals(\"" + bug.id() + "\")).findFirst().orElseThrow();\n"
                + "bug.search(" + CatalogueRun.SEED + "L, " + CatalogueRun.TRIES + ").result().assertPassed();";
        Path file = CheckReport.write(Path.of("reports"), new CheckRun("bug catalogue " + bug.id(), CatalogueRun.SEED,
                List.of(r), found.shape().toString(), Reproduction.java(snippet), found.tries(), Instant.now().toString(), "bug catalogue"));
        Document doc = Jsoup.parse(Files.readString(file));
        assertEquals("FAILED", doc.getElementById("status").text());
        assertEquals(found.shape().toString(), doc.select("#failure code.shrunk").text());
        assertEquals(String.valueOf(CatalogueRun.SEED), doc.select("#failure code.seed").text());
        Element row = doc.select("tr[data-param=x]").first();
        assertEquals("MISSING_ACCUMULATION", row.select("b.kind").text(), row.text());
        ParamResult x = r.param("x");
        int wrong = 0;
        for (int i = 0; i < x.elements().numeric().size(); i++) {
            double a = x.elements().analytic().get(i), n = x.elements().numeric().get(i);
            wrong += !Double.isNaN(n) && Math.abs(a - n) > 1e-8 + 1e-5 * Math.max(Math.abs(a), Math.abs(n)) ? 1 : 0;
        }
        assertTrue(wrong > 0);
        assertEquals(wrong, doc.select("div.heatmap[data-param=x] rect.fail").size());
        Element panel = doc.select("section.case").first();
        assertEquals(List.of("Inputs", "Gradients", "Jacobians"), panel.select("h4").eachText(), "the case in numbers");
        assertEquals(wrong, panel.select("div.gradient[data-param=x] div.numeric td.fail").size());
        assertEquals(1, panel.select("div.jacobian[data-param=x]").size());
    }
}

package io.gradcheck.bugs;

import io.gradcheck.check.ShapeSearch;
import io.gradcheck.report.CheckReport;
import io.gradcheck.report.CheckRun;
import io.gradcheck.report.Reproduction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The report of a known-broken layer, the catalogue's {@code conv.col2im-overwrites}, as
 * {@link CatalogueReportTest} writes it and docs/reports.md shows it: the failing page of the browser
 * tests and of tools/render-reports.
 */
public final class FailingReport {
    /** The catalogue entry shown. */
    public static final String BUG = "conv.col2im-overwrites";

    private FailingReport() {
    }

    /**
     * Searches the smallest failing shape of {@link #BUG} from {@link CatalogueRun#SEED} and writes its
     * report into {@code dir} (and refreshes {@code dir}/index.html).
     *
     * @return the report file
     */
    public static Path write(Path dir) throws IOException {
        Bug<?> bug = ConvolutionBugs.all().stream().filter(b -> b.id().equals(BUG)).findFirst().orElseThrow();
        ShapeSearch.Found<?> found = bug.search(CatalogueRun.SEED, CatalogueRun.TRIES);
        String snippet = "Bug<?> bug = Catalogue.all().stream().filter(b -> b.id().equals(\"" + BUG + "\")).findFirst().orElseThrow();\n"
                + "bug.search(" + CatalogueRun.SEED + "L, " + CatalogueRun.TRIES + ").result().assertPassed();";
        return CheckReport.write(dir, new CheckRun("bug catalogue " + BUG, CatalogueRun.SEED, List.of(found.result()),
                found.shape().toString(), Reproduction.java(snippet), found.tries(), Instant.now().toString(), "bug catalogue"));
    }
}

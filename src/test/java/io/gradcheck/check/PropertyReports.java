package io.gradcheck.check;

import io.gradcheck.report.CheckReport;
import io.gradcheck.report.CheckRun;
import io.gradcheck.report.Reproduction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps the first checks of a property run and writes them as an HTML report into reports/, so
 * that {@code mvn verify} leaves something to look at.
 */
final class PropertyReports {
    private static final int KEEP = 12;  // enough to look at; the heat maps of 200 checks would make a heavy page
    private final String title;
    private final List<CheckResult> kept = Collections.synchronizedList(new ArrayList<>());

    PropertyReports(String title) {
        this.title = title;
    }

    /** Returns r, keeping it for the report if there is room. */
    CheckResult keep(CheckResult r) {
        if (kept.size() < KEEP) {
            kept.add(r);
        }
        return r;
    }

    void write() {
        String reproduce = "mvn -B verify -Dgradcheck.seed=" + Generators.SEED + " -Dgradcheck.tries=" + Generators.TRIES;
        try {
            CheckReport.write(Path.of("reports"), new CheckRun(title, Generators.SEED, kept, null, Reproduction.command(reproduce),
                    Generators.TRIES, Instant.now().toString(), "property"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

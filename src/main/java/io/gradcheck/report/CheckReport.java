package io.gradcheck.report;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.CheckSettings;
import io.gradcheck.check.DetectorResult;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a gradient-check run as one self-contained HTML file (no external assets; it opens from
 * {@code file://}) and refreshes the index page of the reports folder.
 */
public final class CheckReport {
    private CheckReport() {
    }

    /**
     * Writes {@code <dir>/<title>-seed<seed>.html} and {@code <dir>/index.html}, atomically.
     *
     * @return the report file
     */
    public static Path write(Path dir, CheckRun run) throws IOException {
        Path file = Pages.page(dir, run.title(), run.seed());
        Pages.write(file, Pages.render("check.mustache", scope(run)));
        Index.write(dir);
        return file;
    }

    /**
     * The files {@link #write} writes for a run of this title and seed: its page, then the index. For
     * checking them before the run.
     */
    public static List<Path> files(Path dir, String title, long seed) {
        return List.of(Pages.page(dir, title, seed), dir.resolve(Index.NAME));
    }

    static Map<String, Object> scope(CheckRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<CheckResult> results = run.results();
        long failed = results.stream().filter(r -> r.status() == Status.FAILED).count();
        Status status = failed > 0 ? Status.FAILED
                : results.stream().anyMatch(r -> r.status() == Status.INCONCLUSIVE) ? Status.INCONCLUSIVE : Status.PASSED;
        m.put("title", run.title());
        m.put("status", status.toString());
        m.put("statusClass", status.toString().toLowerCase(Locale.ROOT));
        m.put("seed", run.seed());
        m.put("count", results.size());
        m.put("failed", failed);
        m.put("timestamp", run.timestamp());
        m.put("version", Pages.version());
        m.put("java", System.getProperty("java.version"));
        if (failed > 0 || run.shrunkShape() != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("shape", run.shrunkShape() == null ? "not shrunk: " + Arrays.toString(firstFailed(results).inputShape())
                    : run.shrunkShape());
            f.put("seed", run.seed());
            f.put("snippet", run.reproduction() == null ? "" : run.reproduction());
            f.put("message", firstFailed(results) == null ? "" : firstFailed(results).failureMessage());
            m.put("failure", f);
        }
        double rtol = results.isEmpty() ? CheckSettings.DEFAULT.rtol() : results.get(0).settings().rtol();
        m.put("histogram", Charts.histogram("hist", logRelErrors(results), -17, 1, 36,
                "log10 relative error |analytic − numeric| / max(|analytic|, |numeric|)", Math.log10(rtol), "rtol"));
        List<Map<String, Object>> checks = new ArrayList<>();
        CasePanel cases = new CasePanel(results);
        for (int i = 0; i < results.size(); i++) {
            checks.add(check(i, results.get(i)));
            checks.get(i).put("case", cases.html(i, results.get(i)));
        }
        m.put("checks", checks);
        m.put("heatCss", HeatMap.css());
        CheckSettings st = results.isEmpty() ? CheckSettings.DEFAULT : results.get(0).settings();
        m.put("settings", List.of(
                row("step h", fmt(st.h())), row("rtol", fmt(st.rtol())), row("atol", fmt(st.atol())),
                row("max skipped fraction", fmt(st.maxSkipFraction())),
                row("elements per tensor", st.maxElements() == Integer.MAX_VALUE ? "all" : "" + st.maxElements()),
                row("mode", st.directions() == 0 ? "element-wise" : "fast, " + st.directions() + " directions per tensor"),
                row("checks (tries)", "" + results.size()), row("gradcheck", Pages.version()),
                row("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))));
        return m;
    }

    private static CheckResult firstFailed(List<CheckResult> results) {
        return results.stream().filter(r -> r.status() == Status.FAILED).findFirst().orElse(null);
    }

    private static Map<String, Object> check(int i, CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", i);
        m.put("subject", r.subject());
        m.put("status", r.status().toString());
        m.put("statusClass", r.status().toString().toLowerCase(Locale.ROOT));
        m.put("input", Arrays.toString(r.inputShape()));
        m.put("seed", r.seed());
        List<Map<String, Object>> params = new ArrayList<>();
        for (ParamResult p : r.params()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("shape", Arrays.toString(p.shape()));
            pm.put("checked", p.checked());
            pm.put("skipped", p.skipped());
            pm.put("maxAbs", fmt(p.maxAbsError()));
            pm.put("maxRel", fmt(p.maxRelError()));
            pm.put("status", p.status().toString());
            pm.put("statusClass", p.status().toString().toLowerCase(Locale.ROOT));
            pm.put("problem", p.problem());
            if (p.diagnosis() != null) {
                pm.put("kind", p.diagnosis().kind().toString());
                pm.put("confidence", String.format(Locale.ROOT, "%.2f", p.diagnosis().confidence()));
                pm.put("evidence", p.diagnosis().evidence());
            }
            pm.put("worst", p.worstIndex() == null ? null
                    : p.worstIndex() + ": analytic " + fmt(p.worstAnalytic()) + ", numeric " + fmt(p.worstNumeric()));
            pm.put("heat", HeatMap.svg(p, r.settings()));
            params.add(pm);
        }
        m.put("params", params);
        m.put("heatLegend", HeatMap.legend(r.settings()));
        List<Map<String, Object>> detectors = new ArrayList<>();
        for (DetectorResult d : r.detectors()) {
            detectors.add(Map.of("name", d.detector().toString(),
                    "result", !d.applicable() ? "n/a" : d.caught() ? "CAUGHT" : "ok", "evidence", d.evidence()));
        }
        m.put("detectors", detectors);
        return m;
    }

    /** log10 of every compared element's relative error, over all checks; exact agreement counts as 1e-17. */
    static double[] logRelErrors(List<CheckResult> results) {
        List<Double> out = new ArrayList<>();
        for (CheckResult r : results) {
            for (ParamResult p : r.params()) {
                if (p.elements() == null || p.elements().analytic() == null
                        || !p.elements().analytic().sameShape(p.elements().numeric())) {
                    continue;
                }
                for (int i = 0; i < p.elements().numeric().size(); i++) {
                    double a = p.elements().analytic().get(i), n = p.elements().numeric().get(i);
                    if (!Double.isNaN(n)) {
                        double scale = Math.max(Math.abs(a), Math.abs(n));
                        double rel = scale == 0 ? 0 : Math.abs(a - n) / scale;
                        out.add(Math.max(-17, Math.log10(Math.max(rel, 1e-17))));
                    }
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Map<String, Object> row(String k, String v) {
        return Map.of("key", k, "value", v);
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3g", v);
    }
}

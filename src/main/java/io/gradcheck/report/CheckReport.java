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

    /** Heat maps beyond this many characters are left out of passing checks: a page of 20 tries stays under 2 MB. */
    static final int HEAT_BUDGET = 1_000_000;

    static Map<String, Object> scope(CheckRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<CheckResult> results = run.results();
        long failed = results.stream().filter(r -> r.status() == Status.FAILED).count();
        Status status = failed > 0 ? Status.FAILED
                : results.stream().anyMatch(r -> r.status() == Status.INCONCLUSIVE) ? Status.INCONCLUSIVE : Status.PASSED;
        m.put("title", run.title());
        m.put("status", status.toString());
        m.put("statusClass", cssClass(status));
        m.put("seed", run.seed());
        m.put("count", results.size());
        m.put("failed", failed);
        m.put("timestamp", run.timestamp());
        m.put("runKind", run.kind());  // for the index, as the verdict below
        m.put("verdict", failed + " of " + results.size() + " checks failed");
        m.put("version", Pages.version());
        m.put("java", System.getProperty("java.version"));
        if (run.reproduction() != null) {
            m.put("reproduce", Map.of("heading", run.reproduction().heading(), "text", Html.pathBreaks(Html.numbers(run.reproduction().text()))));
        }
        if (failed > 0 || run.shrunkShape() != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("shape", run.shrunkShape() == null ? "not shrunk: " + Arrays.toString(firstFailed(results).inputShape())
                    : run.shrunkShape());
            f.put("seed", run.seed());
            f.put("message", firstFailed(results) == null ? "" : Html.numbers(firstFailed(results).failureMessage()));
            m.put("failure", f);
        }
        double rtol = results.isEmpty() ? CheckSettings.DEFAULT.rtol() : results.get(0).settings().rtol();
        m.put("histogram", Charts.histogram("hist", logRelErrors(results), -17, 1, 36,
                "log10 relative error |analytic − numeric| / max(|analytic|, |numeric|)", Math.log10(rtol), "rtol", "exact 0"));
        m.put("uncompared", uncomparedNote(results));
        List<Map<String, Object>> checks = new ArrayList<>();
        CasePanel cases = new CasePanel(results);
        for (int i = 0; i < results.size(); i++) {
            checks.add(check(i, results.get(i)));
            checks.get(i).put("case", cases.html(i, results.get(i)));
        }
        keepHeatMapsWithin(HEAT_BUDGET, checks);
        m.put("checks", checks);
        m.put("heatCss", HeatMap.css());
        CheckSettings st = results.isEmpty() ? CheckSettings.DEFAULT : results.get(0).settings();
        List<Map<String, Object>> settings = new ArrayList<>(List.of(
                row("step h", fmt(st.h())), row("rtol", fmt(st.rtol())), row("atol", fmt(st.atol())),
                row("max skipped fraction", fmt(st.maxSkipFraction())),
                row("elements per tensor", st.maxElements() == Integer.MAX_VALUE ? "all" : "" + st.maxElements()),
                row("mode", st.directions() == 0 ? "element-wise" : "fast, " + st.directions() + " directions per tensor")));
        if (run.tries() > 0) {
            settings.add(row("tries (rounds of random shapes)", "" + run.tries()));
        }
        settings.addAll(List.of(row("checks", "" + results.size()), row("gradcheck", Pages.version()),
                row("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))));
        m.put("settings", settings);
        return m;
    }

    private static CheckResult firstFailed(List<CheckResult> results) {
        return results.stream().filter(r -> r.status() == Status.FAILED).findFirst().orElse(null);
    }

    static String cssClass(Status s) {
        return s.toString().toLowerCase(Locale.ROOT);
    }

    /** The section of check i: its summary line, its table of gradients, heat maps or panels, detectors. */
    private static Map<String, Object> check(int i, CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", i);
        m.put("subject", r.subject());
        m.put("status", r.status().toString());
        m.put("statusClass", cssClass(r.status()));
        m.put("open", r.status() != Status.PASSED);
        String vacuous = Panels.vacuousNote(r, true);
        m.put("vacuous", vacuous == null ? null : Html.numbers(vacuous));
        m.put("vacuousShort", vacuous == null ? null : Html.escape(Panels.vacuousNote(r, false)));
        m.put("worst", Panels.worstCell(r));
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
            pm.put("statusClass", cssClass(p.status()));
            pm.put("problem", p.problem() == null ? null : Html.numbers(p.problem()));
            pm.put("note", p.note() == null ? null : Html.numbers(p.note()));
            if (p.diagnosis() != null) {
                pm.put("kind", p.diagnosis().kind().toString());
                pm.put("confidence", String.format(Locale.ROOT, "%.2f", p.diagnosis().confidence()));
                pm.put("evidence", Html.numbers(p.diagnosis().evidence()));
            }
            pm.put("worst", p.worstIndex() == null ? null : Html.escape(p.worstIndex()) + ": analytic <span class=\"num\">"
                    + fmt(p.worstAnalytic()) + "</span>, numeric <span class=\"num\">" + fmt(p.worstNumeric()) + "</span>");
            pm.put("heat", Panels.comparable(p) ? HeatMap.svg(p, r.settings()) : null);
            pm.put("uncompared", Panels.comparable(p) ? null : Panels.uncompared(p));
            params.add(pm);
        }
        m.put("params", params);
        m.put("heatLegend", HeatMap.legend(r.settings()));
        List<Map<String, Object>> detectors = new ArrayList<>();
        for (DetectorResult d : r.detectors()) {
            detectors.add(Map.of("name", d.detector().toString(),
                    "result", !d.applicable() ? "n/a" : d.caught() ? "CAUGHT" : "ok", "evidence", Html.numbers(d.evidence())));
        }
        m.put("detectors", detectors);
        return m;
    }

    /**
     * Drops the heat maps of passing checks, last first, until the heat maps of the page fit in
     * budget characters; a failing or inconclusive check keeps its own. Each check that lost them says so.
     */
    @SuppressWarnings("unchecked")
    private static void keepHeatMapsWithin(int budget, List<Map<String, Object>> checks) {
        long total = 0;
        for (Map<String, Object> c : checks) {
            for (Map<String, Object> p : (List<Map<String, Object>>) c.get("params")) {
                total += p.get("heat") == null ? 0 : ((String) p.get("heat")).length();
            }
        }
        for (int i = checks.size() - 1; i >= 0 && total > budget; i--) {
            Map<String, Object> c = checks.get(i);
            if (!"PASSED".equals(c.get("status"))) {
                continue;
            }
            int dropped = 0;
            for (Map<String, Object> p : (List<Map<String, Object>>) c.get("params")) {
                if (p.get("heat") != null) {
                    total -= ((String) p.get("heat")).length();
                    p.put("heat", null);
                    dropped++;
                }
            }
            if (dropped > 0) {
                c.put("heatOmitted", dropped);
            }
        }
    }

    /** What the histogram leaves out, as HTML with a link to each check, or null when it leaves out nothing. */
    private static String uncomparedNote(List<CheckResult> results) {
        List<String> where = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            for (ParamResult p : results.get(i).params()) {
                if (!Panels.comparable(p)) {
                    where.add("<a href=\"#check-" + i + "\">" + Html.escape(p.name()) + " of " + Html.escape(results.get(i).subject())
                            + " (check " + i + ")</a>");
                }
            }
        }
        if (where.isEmpty()) {
            return null;
        }
        return where.size() + (where.size() == 1 ? " gradient could not be compared" : " gradients could not be compared")
                + " element by element and " + (where.size() == 1 ? "is" : "are") + " not in this histogram: "
                + String.join(", ", where) + ".";
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

package io.gradcheck.report;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.CheckSettings;
import io.gradcheck.check.Elements;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a check's section says about what the check did not test: a gradient that could not be
 * compared element by element, and a vacuous check, whose gradients are all zero.
 */
final class Panels {
    private Panels() {
    }

    /** Whether p's analytic and numeric gradients were both there, in one shape, to compare element by element. */
    static boolean comparable(ParamResult p) {
        Elements e = p.elements();
        return e != null && e.analytic() != null && e.numeric() != null && e.analytic().sameShape(e.numeric());
    }

    /** The analytic gradient of p as it came from backward, or null if none came. */
    private static Tensor got(ParamResult p) {
        return p.elements() == null ? null : p.elements().analytic();
    }

    /**
     * The panel of a gradient that could not be compared element by element, as HTML: the shape
     * expected, what came instead, and what was compared.
     */
    static String uncompared(ParamResult p) {
        int size = Arrays.stream(p.shape()).reduce(1, (a, b) -> a * b);
        Tensor got = got(p);
        String name = Html.escape(p.name());
        StringBuilder b = new StringBuilder("<div class=\"uncompared\" data-param=\"").append(name).append("\">");
        b.append("<h3>").append(name).append(": not compared element by element</h3><ul>");
        b.append("<li>expected ").append(Arrays.toString(p.shape())).append(", the shape of ")
                .append(p.name().equals("x") ? "the input x" : "the parameter " + name).append("</li>");
        b.append("<li>").append(got == null ? "got no gradient from backward"
                : "got " + Arrays.toString(got.shape()) + (got.size() == size ? ": the same " + size + " elements in another shape"
                : ": " + got.size() + " elements where " + size + " were expected")).append("</li>");
        b.append("<li>").append(p.checked()).append(" of ").append(size).append(" elements compared: the heat map and the "
                + "histogram need the analytic gradient (backward) and the numeric one (finite differences) in one shape</li>");
        if (p.problem() != null) {
            b.append("<li class=\"problem\">").append(Html.numbers(p.problem())).append("</li>");
        }
        return b.append("</ul></div>").toString();
    }

    /** Whether p tested nothing: no element compared, or every compared pair within atol of 0 (no signal). */
    static boolean vacuous(ParamResult p, CheckSettings st) {
        if (p.problem() != null || p.status() == Status.FAILED) {
            return false;
        }
        if (p.checked() == 0) {
            return true;
        }
        if (!comparable(p)) {
            return false;
        }
        Tensor a = p.elements().analytic(), n = p.elements().numeric();
        for (int i = 0; i < n.size(); i++) {
            if (!Double.isNaN(n.get(i)) && Math.max(Math.abs(a.get(i)), Math.abs(n.get(i))) > st.atol()) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the vacuous gradients of r did not test, or null when each gradient had signal. Long:
     * "vacuous, nothing was tested: no signal in x (every compared element within atol 1.00e-08 of 0)";
     * short, for the summary: "vacuous: no signal in x".
     */
    static String vacuousNote(CheckResult r, boolean longForm) {
        List<String> why = new ArrayList<>();
        for (ParamResult p : r.params()) {
            if (vacuous(p, r.settings())) {
                why.add(p.checked() == 0 ? "no element of " + p.name() + " compared" + (longForm ? " (" + p.skipped() + " at kinks)" : "")
                        : "no signal in " + p.name() + (longForm ? " (every compared element within atol "
                        + CheckReport.fmt(r.settings().atol()) + " of 0)" : ""));
            }
        }
        if (why.isEmpty()) {
            return null;
        }
        boolean all = why.size() == r.params().size();
        return (all ? longForm ? "vacuous, nothing was tested: " : "vacuous: " : "partly vacuous: ") + String.join("; ", why);
    }

    /** The gradient a summary names: the first that broke the contract, else the one of largest relative error. */
    static ParamResult worst(CheckResult r) {
        ParamResult worst = null;
        for (ParamResult p : r.params()) {
            if (p.problem() != null) {
                return p;
            }
            if (worst == null || rank(p) > rank(worst)) {
                worst = p;
            }
        }
        return worst;
    }

    private static double rank(ParamResult p) {
        return Double.isNaN(p.maxRelError()) ? -1 : p.maxRelError();
    }

    /** The summary's cell for the worst gradient, as HTML: its name, then its error or why it has none. */
    static String worstCell(CheckResult r) {
        ParamResult p = worst(r);
        if (p == null) {
            return "—";
        }
        String name = Html.escape(p.name());
        if (!comparable(p)) {
            Tensor got = got(p);
            return name + " not compared: " + (got == null ? "missing" : "expected " + Arrays.toString(p.shape()) + ", got "
                    + Arrays.toString(got.shape()));
        }
        if (p.problem() != null) {
            String text = p.problem().startsWith(p.name() + ": ") ? p.problem().substring(p.name().length() + 2) : p.problem();
            return name + " " + Html.numbers(text);
        }
        return name + " max rel error <span class=\"num\">" + CheckReport.fmt(p.maxRelError()) + "</span>";
    }
}

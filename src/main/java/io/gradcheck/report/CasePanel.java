package io.gradcheck.report;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.CheckSettings;
import io.gradcheck.check.Elements;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The failing case in numbers, the panel a student reasons from by hand: x, the parameters, G when
 * a layer is checked through f = Σ forward(x)·G, the analytic and numeric gradients side by side,
 * and, where small enough to read, the two Jacobians. Shown for the {@link #MAX_PANELS} failing
 * checks with the fewest numbers (the smallest cases), so a run with many failures stays small;
 * every other failing check links to them.
 */
final class CasePanel {
    static final int MAX_PANELS = 3;
    static final int MAX_JACOBIAN = 400;  // entries of one Jacobian: more is not read by hand
    static final int MAX_BUILT = 20_000;  // check.Jacobians builds no larger one
    private final List<Integer> shown;

    /** Picks the failing checks to show in full: those with the fewest numbers, the first on a tie. */
    CasePanel(List<CheckResult> results) {
        shown = IntStream.range(0, results.size())
                .filter(i -> results.get(i).status() == Status.FAILED && results.get(i).inputs() != null).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> numbers(results.get(i).inputs())).thenComparing(i -> i))
                .limit(MAX_PANELS).sorted().toList();
    }

    /** How many numbers a case has: x, the parameters and G. */
    static long numbers(CheckResult.Inputs in) {
        Tensor g = in.upstream();
        return in.x().size() + in.params().values().stream().mapToLong(t -> t == null ? 0 : t.size()).sum()
                + (g == null ? 0 : g.size());
    }

    /** The panel of check number index, a note pointing at the panels shown for a failing check not shown, or null if it did not fail. */
    String html(int index, CheckResult r) {
        if (r.status() != Status.FAILED) {
            return null;
        }
        StringBuilder b = new StringBuilder("<section class=\"case\" id=\"case-" + index + "\"><h3>The failing case, in numbers</h3>");
        if (!shown.contains(index)) {
            String links = shown.stream().map(i -> "<a href=\"#case-" + i + "\">check " + (i + 1) + "</a>")
                    .collect(Collectors.joining(", "));
            return b.append("<p class=\"note omitted\">").append(r.inputs() == null ? "Not recorded: this result was not made by a check run."
                    : "Not shown, to keep the page small: the numbers are shown for the " + shown.size()
                    + " failing checks with the fewest numbers (" + links + ").").append("</p></section>").toString();
        }
        CheckResult.Inputs in = r.inputs();
        Tensor g = in.upstream();
        CheckSettings st = r.settings();
        if (g != null) {
            b.append("<p class=\"formula\">f(x, θ) = Σ forward(x) · G</p><p class=\"explain\">")
                    .append(Html.numbers("The layer is checked through this scalar: G is a fixed random upstream gradient "
                            + "of the output's shape " + g.shapeString() + ", drawn from seed " + r.seed() + ". Backprop must "
                            + "give ∂f/∂x = backward(G) and ∂f/∂θ for every parameter θ. By the chain rule, ∂f/∂v_i = "
                            + "Σ_k G_k · ∂y_k/∂v_i: the gradient is G times the Jacobian J of the output y = forward(x)."));
        } else {
            b.append("<p class=\"formula\">f(x, θ) = ").append(Html.escape(r.subject())).append("(x)</p><p class=\"explain\">")
                    .append(Html.numbers("The subject is a scalar of its own (a loss on its labels, a network's loss, or a "
                            + "function), so there is no G: backprop must give ∂f/∂x and ∂f/∂θ for every parameter θ. "
                            + "Labels are not shown."));
        }
        b.append(" Numbers are rounded to 6 significant digits.</p>");

        b.append("<h4>Inputs</h4><div class=\"tensors inputs\">");
        b.append(Numbers.tensor("input", "x", "the input", in.x(), axes(r, "x", in.x()), null));
        for (Map.Entry<String, Tensor> p : in.params().entrySet()) {
            if (p.getValue() != null) {
                b.append(Numbers.tensor("param", p.getKey(), "a parameter θ", p.getValue(), axes(r, p.getKey(), p.getValue()), null));
            }
        }
        if (g != null) {
            b.append(Numbers.tensor("upstream", "G", "the upstream gradient", g, Numbers.axes(g.rank()), null));
        }
        b.append("</div>");

        List<ParamResult> failing = r.params().stream().filter(p -> p.status() == Status.FAILED).toList();
        List<ParamResult> gradients = failing.isEmpty() ? r.params() : failing;
        b.append("<h4>Gradients</h4><p class=\"explain\">").append(Html.numbers("Analytic: what backprop returned. "
                + "Numeric: (f(v_i + h) − f(v_i − h)) / 2h for each element v_i, with h = " + HeatMap.num(st.h())
                + ". Red: |analytic − numeric| > atol + rtol·max(|analytic|, |numeric|), with atol = " + HeatMap.num(st.atol())
                + " and rtol = " + HeatMap.num(st.rtol()) + ". —: not compared (grey: skipped at a kink)."
                + (failing.isEmpty() ? " No gradient failed element by element: the detectors below caught this check." : "")))
                .append("</p>");
        for (ParamResult p : gradients) {
            b.append(gradient(p, st));
        }
        List<String> passed = r.params().stream().filter(p -> !gradients.contains(p)).map(ParamResult::name).toList();
        if (!passed.isEmpty()) {
            b.append("<p class=\"note passed-list\">").append(Html.escape("Not failing, so not shown in numbers: "
                    + String.join(", ", passed) + " (see their heat maps).")).append("</p>");
        }

        b.append("<h4>Jacobians</h4>");
        for (ParamResult p : failing) {
            b.append(jacobian(p, in, st));
        }
        if (failing.isEmpty()) {
            b.append("<p class=\"why\">None: Jacobians are built for the gradients that fail element by element.</p>");
        }
        return b.append("</section>").toString();
    }

    /** The axis names of an input or a parameter: its result's, as the messages write them. */
    private static List<String> axes(CheckResult r, String name, Tensor t) {
        return r.params().stream().filter(p -> p.name().equals(name) && Arrays.equals(p.shape(), t.shape()))
                .map(ParamResult::axes).findFirst().orElse(Numbers.axes(t.rank()));
    }

    private static String gradient(ParamResult p, CheckSettings st) {
        StringBuilder b = new StringBuilder("<div class=\"gradient\" data-param=\"").append(Html.escape(p.name())).append("\">")
                .append("<h5>").append(Html.escape("∂f/∂" + p.name() + ": " + p.status())).append("</h5>");
        if (p.problem() != null) {
            b.append("<p class=\"problem\">").append(Html.escape(p.problem())).append("</p>");
        }
        Elements e = p.elements();
        if (e == null || e.analytic() == null) {
            return b.append("<p class=\"why\">No element values to show: ").append(e == null
                    ? "none were kept (a failure found before any element was compared, or fast mode)." : "backprop returned none.")
                    .append("</p></div>").toString();
        }
        Tensor a = e.analytic(), n = e.numeric();
        boolean same = a.sameShape(n);
        Set<Integer> kinks = Arrays.stream(e.kinks()).boxed().collect(Collectors.toSet());
        IntFunction<String> marks = i -> kinks.contains(i) ? "kink"
                : Double.isNaN(n.get(i)) ? null : st.agree(a.get(i), n.get(i)) ? null : "fail";
        b.append("<div class=\"tensors\">");
        b.append(Numbers.tensor("analytic", "analytic ∂f/∂" + p.name(), same ? "backprop"
                : "backprop, of the wrong shape: " + p.name() + " is " + Arrays.toString(p.shape()),
                a, same ? p.axes() : Numbers.axes(a.rank()), same ? marks : null));
        b.append(Numbers.tensor("numeric", "numeric ∂f/∂" + p.name(), "central differences", n, p.axes(), marks));
        return b.append("</div></div>").toString();
    }

    private static String jacobian(ParamResult p, CheckResult.Inputs in, CheckSettings st) {
        StringBuilder b = new StringBuilder("<div class=\"jacobian\" data-param=\"").append(Html.escape(p.name())).append("\">")
                .append("<h5>").append(Html.escape("J of " + p.name() + ": ∂y_k/∂" + p.name() + "_i")).append("</h5>");
        Elements e = p.elements();
        Elements.Jacobian j = e == null ? null : e.jacobian();
        Tensor g = in.upstream();
        long size = p.shape().length == 0 ? 0 : Arrays.stream(p.shape()).asLongStream().reduce(1, (x, y) -> x * y);
        String why = null;
        if (g == null) {
            why = "Not built: the subject has no output tensor y, only the scalar f, so its Jacobian is the gradient above.";
        } else if (p.problem() != null) {
            why = "Not built: " + p.problem() + ".";
        } else if (j == null && g.size() * size > MAX_BUILT) {
            why = "Not built: y has " + g.size() + " elements and " + p.name() + " has " + size + ", so J has "
                    + g.size() * size + " entries, more than " + MAX_BUILT + ".";
        } else if (j == null) {
            why = "Not built: a backward from a unit upstream gradient e_k threw, or gave a gradient of another shape.";
        } else if (j.analytic().size() > MAX_JACOBIAN) {
            why = "Built (" + j.analytic().dim(0) + " × " + j.analytic().dim(1) + " = " + j.analytic().size()
                    + " entries, which the diagnosis used) but not shown: more than " + MAX_JACOBIAN + " entries are not read by hand.";
        }
        if (why != null) {
            return b.append("<p class=\"why\">").append(Html.escape(why)).append("</p></div>").toString();
        }
        Tensor a = j.analytic(), n = j.numeric();
        boolean transpose = a.dim(1) > Numbers.MAX_COLS && a.dim(0) <= Numbers.MAX_COLS;  // fewer, longer rows fit the page
        if (transpose) {
            a = Ops.transpose(a);
            n = Ops.transpose(n);
        }
        Tensor fa = a, fn = n;
        IntFunction<String> marks = i -> Double.isNaN(fn.get(i)) ? "kink" : st.agree(fa.get(i), fn.get(i)) ? null : "fail";
        List<String> axes = transpose ? List.of("i", "k") : List.of("k", "i");
        b.append("<p class=\"explain\">").append(Html.numbers((transpose ? "Transposed to fit: row i" : "Row k")
                + " is output element y_k, k the flat (row-major) index into y " + Arrays.toString(j.output())
                + (transpose ? ", which is column k" : "") + "; " + (transpose ? "row" : "column") + " i is element i of "
                + p.name() + ", flat. Analytic: " + (transpose ? "column" : "row") + " k is backward(e_k), the gradient with G = e_k. "
                + "Numeric: " + (transpose ? "row" : "column") + " i is (y(v_i + h) − y(v_i − h)) / 2h. Red where they disagree."))
                .append("</p><div class=\"tensors\">");
        b.append(Numbers.tensor("analytic", "analytic J", "backprop", a, axes, marks, MAX_JACOBIAN));
        b.append(Numbers.tensor("numeric", "numeric J", "central differences", n, axes, marks, MAX_JACOBIAN));
        return b.append("</div></div>").toString();
    }
}

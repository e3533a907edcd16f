package io.gradcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Elements;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.SelfCheck;
import io.gradcheck.check.Status;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panel of a failing check's numbers: x, the parameters, G, both gradients and both Jacobians. */
class CasePanelTest {
    @TempDir
    Path dir;

    /** An Affine layer whose dx is 1 % too large: the smallest bug that leaves W and b right. */
    private static final class SteepAffine implements Layer {
        private final Affine affine;

        SteepAffine(Affine affine) {
            this.affine = affine;
        }

        @Override
        public Tensor forward(Tensor x) {
            return affine.forward(x);
        }

        @Override
        public Tensor backward(Tensor dout) {
            return Ops.scale(affine.backward(dout), 1.01);
        }

        @Override
        public Map<String, Tensor> params() {
            return affine.params();
        }

        @Override
        public Map<String, Tensor> grads() {
            return affine.grads();
        }
    }

    private static CheckResult steep(long seed, int n, int d, int m) {
        Well19937c rng = new Well19937c(seed);
        Affine affine = new Affine(Tensor.randn(rng, 1, d, m), Tensor.randn(rng, 1, m));
        return GradientCheck.of(new SteepAffine(affine)).input(Tensor.randn(rng, 1, n, d)).seed(seed).run();
    }

    private Document write(List<CheckResult> results) throws IOException {
        return Jsoup.parse(Files.readString(CheckReport.write(dir, new CheckRun("case", 1, results, null, null, "t"))));
    }

    /** The numbers of a tensor's tables, row by row, as printed. */
    private static List<String> cells(Element tensor) {
        return tensor.select("table.numbers td").eachText();
    }

    private static List<String> printed(Tensor t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(Numbers.num(t.get(i)));
        }
        return out;
    }

    @Test
    void aFailingLayerShowsTheFormulaXTheParametersGBothGradientsAndBothJacobians() throws IOException {
        CheckResult r = steep(7, 2, 3, 2);
        assertEquals(Status.FAILED, r.status());
        Element panel = write(List.of(r)).select("section.check section.case").first();
        assertNotNull(panel, "a failing check has the panel");
        assertEquals("The failing case, in numbers", panel.select("h3").text());
        assertEquals("f(x, θ) = Σ forward(x) · G", panel.select("p.formula").text());
        assertEquals(List.of("Inputs", "Gradients", "Jacobians"), panel.select("h4").eachText());

        CheckResult.Inputs in = r.inputs();
        Element inputs = panel.select("div.inputs").first();
        assertEquals(List.of("x", "W", "b", "G"), inputs.select("div.tensor").eachAttr("data-name"));
        assertEquals("x [2, 3] the input", inputs.select("div.tensor[data-name=x] h5").text());
        assertEquals(printed(in.x()), cells(inputs.select("div.tensor[data-name=x]").first()));
        assertEquals(printed(in.params().get("W")), cells(inputs.select("div.tensor[data-name=W]").first()));
        assertEquals(printed(in.upstream()), cells(inputs.select("div.tensor[data-name=G]").first()));
        assertEquals("n \\ j", inputs.select("div.tensor[data-name=x] th").first().text(), "axes named");

        Element dx = panel.select("div.gradient[data-param=x]").first();
        assertEquals("∂f/∂x: FAILED", dx.select("h5").first().text());
        assertEquals(printed(r.param("x").elements().analytic()), cells(dx.select("div.analytic").first()));
        assertEquals(printed(r.param("x").elements().numeric()), cells(dx.select("div.numeric").first()));
        assertEquals(6, dx.select("div.analytic td.fail").size(), "every element of dx is 1 % off");
        assertTrue(panel.select("div.gradient[data-param=W]").isEmpty(), "passing gradients are named, not printed");
        assertTrue(panel.select("p.passed-list").text().contains("W, b"), panel.select("p.passed-list").text());

        Element j = panel.select("div.jacobian[data-param=x]").first();
        Elements.Jacobian jac = r.param("x").elements().jacobian();
        assertNotNull(jac, "the checker keeps the Jacobian of a failing tensor");
        assertEquals(List.of(4, 6), List.of(jac.analytic().dim(0), jac.analytic().dim(1)), "y is 2 x 2, x is 2 x 3");
        assertEquals(printed(jac.analytic()), cells(j.select("div.analytic").first()));
        assertEquals(printed(jac.numeric()), cells(j.select("div.numeric").first()));
        assertEquals("k \\ i", j.select("div.analytic th").first().text());
        assertTrue(j.select("div.analytic td.fail").size() > 0, "the 1 % shows in J too");
    }

    @Test
    void aPassingCheckHasNoPanel() throws IOException {
        Document doc = write(SelfCheck.run(11, 1));
        assertTrue(doc.select("section.case").isEmpty());
    }

    @Test
    void aLossHasNoGAndSaysWhyItHasNoJacobian() throws IOException {
        // softmax-with-loss whose dx is twice too large
        SoftmaxWithLoss loss = new SoftmaxWithLoss() {
            @Override
            public Tensor backward(double dout) {
                return Ops.scale(super.backward(dout), 2);
            }
        };
        CheckResult r = GradientCheck.of(loss, Labels.indices(new int[] {1, 0})).input(Tensor.randn(new Well19937c(3), 1, 2, 3))
                .seed(3).run();
        assertEquals(Status.FAILED, r.status());
        Element panel = write(List.of(r)).select("section.case").first();
        assertTrue(panel.select("p.formula").text().startsWith("f(x, θ) = "), panel.select("p.formula").text());
        assertTrue(panel.select("p.explain").first().text().contains("there is no G"), panel.select("p.explain").first().text());
        assertTrue(panel.select("div.tensor[data-name=G]").isEmpty());
        assertTrue(panel.select("div.jacobian[data-param=x] p.why").text().contains("no output tensor"),
                panel.select("div.jacobian").text());
    }

    @Test
    void aJacobianTooLargeToReadIsNotShownAndTheReasonIsGiven() throws IOException {
        CheckResult r = steep(8, 4, 10, 12);  // y 4 x 12, x 4 x 10: 1,920 entries
        Element j = write(List.of(r)).select("div.jacobian[data-param=x]").first();
        assertTrue(j.select("table").isEmpty());
        assertEquals("Built (48 × 40 = 1920 entries, which the diagnosis used) but not shown: more than 400 entries "
                + "are not read by hand.", j.select("p.why").text());
    }

    @Test
    void onlyTheSmallestFailingCasesArePrintedAndTheOthersLinkToThem() throws IOException {
        List<CheckResult> results = List.of(steep(1, 3, 4, 3), steep(2, 1, 2, 2), steep(3, 2, 3, 2), steep(4, 4, 4, 4),
                steep(5, 1, 2, 3));
        Document doc = write(results);
        assertEquals(5, doc.select("section.case").size());
        List<String> full = doc.select("section.case:has(div.inputs)").eachAttr("id");
        assertEquals(List.of("case-1", "case-2", "case-4"), full, "the three with the fewest numbers");
        Element omitted = doc.select("#case-0 p.omitted").first();
        assertEquals(List.of("#case-1", "#case-2", "#case-4"), omitted.select("a").eachAttr("href"));
    }

    @Test
    void aLargeTensorIsExcerptedAndTheExcerptIsSaid() throws IOException {
        CheckResult r = steep(9, 30, 20, 2);  // x is 30 x 20: 600 values, 20 columns
        Element x = write(List.of(r)).select("div.inputs div.tensor[data-name=x]").first();
        assertEquals(Numbers.MAX_VALUES, x.select("td").size());
        assertEquals("Showing 300 of 600 values: the first 12 of 20 columns. The heat map shows every element.",
                x.select("p.cut").text());
    }

    @Test
    void hostileNamesInThePanelAreEscaped() throws IOException {
        CheckResult r = GradientCheck.of("<img src=x onerror=alert(1)>", x -> Ops.dot(x, x), x -> Ops.scale(x, 3))
                .input(Tensor.of(new double[] {1, 2}, 2)).seed(1).run();
        Document doc = write(List.of(r));
        assertTrue(doc.select("img").isEmpty());
        assertTrue(doc.select("section.case p.formula").text().contains("<img src=x onerror=alert(1)>"));
    }

    @Test
    void theReportOfTwentyTriesStaysUnderTwoMegabytes() throws IOException {
        List<CheckResult> results = SelfCheck.run(20261129L, 20);
        long size = Files.size(CheckReport.write(dir, new CheckRun("gradcheck check", 20261129L, results, null, null, "t")));
        assertTrue(size < 2_000_000, size + " bytes");
    }
}

package io.gradcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.Shapes;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The assertion over random shapes: silent on a right layer; shrunk, seeded, with a report on a wrong one. */
class GradientAssertionsTest {
    /** y = sigmoid(x), with a backward that forgets the factor (1 - y) if asked. */
    private static final class Sigmoid implements Layer {
        private final boolean broken;
        private Tensor y;

        Sigmoid(boolean broken) {
            this.broken = broken;
        }

        @Override
        public Tensor forward(Tensor x) {
            y = Ops.map(x, v -> 1 / (1 + Math.exp(-v)));
            return y;
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor local = Ops.map(y, v -> broken ? v : v * (1 - v));
            Tensor dx = dout.copy();
            for (int i = 0; i < dx.size(); i++) {
                dx.set(i, dx.get(i) * local.get(i));
            }
            return dx;
        }
    }

    @Test
    void aRightLayerPassesEveryShape() {
        // snippet:assertion:begin
        GradientAssertions.assertGradients(Shapes.DenseShape::draw,
                s -> GradientCheck.of(new Sigmoid(false)).input(Tensor.randn(s.dataSeed(), 1, s.n(), s.d())), 7, 50);
        // snippet:assertion:end
    }

    @Test
    void aWrongLayerFailsOnItsSmallestShapeWithTheSeedAndAReport() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> GradientAssertions.assertGradients(Shapes.DenseShape::draw,
                s -> GradientCheck.of(new Sigmoid(true)).input(Tensor.randn(s.dataSeed(), 1, s.n(), s.d())), 7, 50));
        String m = e.getMessage();
        assertTrue(m.startsWith("Gradient check of Sigmoid FAILED (seed 7, input [1, 1])"), m);
        assertTrue(m.contains("smallest failing shape: DenseShape[n=1, d=1, "), m);
        assertTrue(m.contains("search seed 7"), m);
        Path report = Path.of(m.substring(m.indexOf("report: ") + 8).strip());
        assertTrue(report.startsWith(GradientAssertions.REPORTS.toAbsolutePath()) && Files.isRegularFile(report), m);
        assertTrue(Files.readString(report).contains("Sigmoid"), "the report shows the check");
    }

    @Test
    void codeThatThrowsFailsWithTheExceptionAsTheCause() {
        AssertionError e = assertThrows(AssertionError.class, () -> GradientAssertions.assertGradients(
                GradientCheck.of("broken", x -> { throw new IllegalStateException("no value"); }, x -> x)
                        .input(Tensor.zeros(1, 2))));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("threw IllegalStateException: no value, at GradientAssertionsTest.java:"),
                e.getMessage());
    }

    /** The page of the report whose path ends the failure message. */
    static Document reportOf(AssertionError e) throws java.io.IOException {
        String m = e.getMessage();
        return Jsoup.parse(Files.readString(Path.of(m.substring(m.indexOf("report: ") + 8).strip())));
    }

    @Test
    void theReportOfAShapeSearchGivesTheJUnitLineThatChecksTheSmallestShapeAlone() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> GradientAssertions.assertGradients(Shapes.DenseShape::draw,
                s -> GradientCheck.of(new Sigmoid(true)).input(Tensor.randn(s.dataSeed(), 1, s.n(), s.d())), 7, 50));
        Document doc = reportOf(e);
        assertEquals("Paste into a JUnit test:", doc.select("#failure .reproduce-heading").text());
        String snippet = doc.select("#failure pre.snippet").text();
        assertTrue(snippet.contains("GradientAssertions.assertGradients(check.apply(new io.gradcheck.check.Shapes.DenseShape(1, 1, "),
                snippet);
        assertTrue(snippet.contains(".seed(7L));"), snippet);
    }

    @Test
    void theReportOfOneCheckGivesTheJUnitLineWithItsSeed() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> GradientAssertions.assertGradients(
                GradientCheck.of(new Sigmoid(true)).input(Tensor.randn(3L, 1, 2, 2)).seed(11)));
        Document doc = reportOf(e);
        assertEquals("Paste into a JUnit test:", doc.select("#failure .reproduce-heading").text());
        String snippet = doc.select("#failure pre.snippet").text();
        assertTrue(snippet.contains("GradientAssertions.assertGradients(check.seed(11L));"), snippet);
        assertTrue(snippet.contains("input [2, 2]"), snippet);
    }
}

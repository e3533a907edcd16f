package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Loss;
import io.gradcheck.layer.Relu;
import io.gradcheck.layer.Sequential;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Everything checkable through the one public extension point: functions, compositions, losses, subjects. */
class PublicSubjectsTest {
    private static final Tensor X = Tensor.randn(3, 1, 4, 5);

    @Test
    void theDocumentedExamplesRunAndPass() {
        // snippet:function:begin
        Tensor x = Tensor.randn(7, 1.0, 4, 5);
        GradientCheck.of("sum of squares", v -> Ops.dot(v, v), v -> Ops.scale(v, 2)).input(x).seed(7).run().assertPassed();
        // snippet:function:end
        // snippet:sequential:begin
        Layer mlp = Sequential.of(new Affine(Tensor.randn(1, 0.5, 5, 8), Tensor.randn(2, 0.5, 8)), new Relu(),
                new Affine(Tensor.randn(3, 0.5, 8, 3), Tensor.zeros(3)));
        Labels t = Labels.indices(0, 2, 1, 1);
        CheckResult r = GradientCheck.of(mlp, new SoftmaxWithLoss(), t).input(x).seed(7).run();
        System.out.println(r.table());  // rows 0.W, 0.b, 2.W, 2.b and x
        r.assertPassed();
        // snippet:sequential:end
        assertEquals(List.of("0.W", "0.b", "2.W", "2.b", "x"), r.params().stream().map(ParamResult::name).toList());
    }

    @Test
    void aPlainFunctionIsCheckedInOneLine() {
        assertEquals(Status.PASSED, GradientCheck.of("sum of squares", x -> Ops.dot(x, x), x -> Ops.scale(x, 2)).input(X).run().status());
        CheckResult wrong = GradientCheck.of("sum of squares", x -> Ops.dot(x, x), x -> x.copy()).input(X).seed(1).run();
        assertEquals(Status.FAILED, wrong.status());
        assertEquals(BugKind.CONSTANT_SCALE, wrong.param("x").diagnosis().kind(), wrong.failureMessage());
        assertTrue(wrong.failureMessage().startsWith("Gradient check of sum of squares FAILED (seed 1, input [4, 5])"),
                wrong.failureMessage());
    }

    private static Sequential mlp(Layer middle) {
        return Sequential.of(new Affine(Tensor.randn(5, 0.5, 5, 6), Tensor.randn(6, 0.5, 6)), middle,
                new Affine(Tensor.randn(7, 0.5, 6, 3), Tensor.randn(8, 0.5, 3)));
    }

    @Test
    void aSequentialPrefixesItsParametersAndPassesItsBranchesThrough() {
        Sequential m = mlp(new Relu());
        assertEquals(List.of("0.W", "0.b", "2.W", "2.b"), List.copyOf(m.params().keySet()));
        CheckResult r = GradientCheck.of(m).input(X).seed(2).run();
        assertEquals(Status.PASSED, r.status(), r.failureMessage());
        assertEquals(List.of("0.W", "0.b", "2.W", "2.b", "x"), r.params().stream().map(ParamResult::name).toList());
        m.forward(X);
        assertEquals(4 * 6, m.branches().length, "the ReLU's mask, so kinks are skipped");
    }

    @Test
    void namedLayersNameTheirParameters() {
        Sequential m = Sequential.of(Map.of("fc", new Affine(Tensor.randn(1, 1, 5, 2), Tensor.zeros(2))));
        assertEquals(List.of("fc.W", "fc.b"), List.copyOf(m.params().keySet()));
        assertThrows(IllegalArgumentException.class, () -> Sequential.of(Map.of("a.b", new Relu())));
        assertThrows(IllegalArgumentException.class, Sequential::of);
    }

    @Test
    void aModelOfYourOwnAndALossAreCheckedTogetherAndABrokenLayerIsBlamed() {
        Labels t = Labels.indices(0, 2, 1, 1);
        CheckResult ok = GradientCheck.of(mlp(new Relu()), new SoftmaxWithLoss(), t).input(X).seed(3).run();
        assertEquals(Status.PASSED, ok.status(), ok.failureMessage());
        Layer leaky = new Layer() {  // a ReLU whose backward forgets its mask
            private final Relu relu = new Relu();

            @Override
            public Tensor forward(Tensor x) {
                return relu.forward(x);
            }

            @Override
            public Tensor backward(Tensor dout) {
                return dout.copy();
            }

            @Override
            public int[] branches() {
                return relu.branches();
            }
        };
        CheckResult bad = GradientCheck.of(mlp(leaky), new SoftmaxWithLoss(), t).input(X).seed(3).run();
        assertEquals(Status.FAILED, bad.status());
        assertEquals(Status.FAILED, bad.param("0.W").status(), bad.failureMessage());
        assertEquals(Status.PASSED, bad.param("2.W").status(), "the last layer is right: " + bad.failureMessage());
    }

    /** Mean squared error, a loss of our own: ½ Σ (x − y)² / N. */
    private static final class Mse implements Loss {
        private final double scale;
        private Tensor diff;

        Mse(double scale) {
            this.scale = scale;
        }

        @Override
        public double forward(Tensor x, Labels t) {
            diff = x.copy();
            for (int i = 0; i < x.dim(0); i++) {
                diff.set(i * x.dim(1) + t.get(i), diff.get(i * x.dim(1) + t.get(i)) - 1);
            }
            return 0.5 * Ops.dot(diff, diff) / x.dim(0);
        }

        @Override
        public Tensor backward(double dout) {
            return Ops.scale(diff, scale * dout / diff.dim(0));
        }
    }

    @Test
    void aCustomLossIsCheckedAloneAndABrokenOneFails() {
        Labels t = Labels.indices(1, 0, 2, 2);
        Tensor scores = Tensor.randn(9, 1, 4, 3);
        assertEquals(Status.PASSED, GradientCheck.of(new Mse(1), t).input(scores).run().status());
        CheckResult r = GradientCheck.of(new Mse(2), t).input(scores).seed(4).run();
        assertEquals(BugKind.CONSTANT_SCALE, r.param("x").diagnosis().kind(), r.failureMessage());
    }

    @Test
    void aSubjectOfYourOwnIsChecked() {
        Tensor w = Tensor.of(new double[] {0.5, -1.5}, 2);
        Subject s = new Subject() {  // f(x) = Σ_i w_i x_i², with a gradient of w that forgets its square
            @Override
            public String name() {
                return "weighted squares";
            }

            @Override
            public Map<String, Tensor> params() {
                return Map.of("w", w);
            }

            @Override
            public double value(Tensor x) {
                return w.get(0) * x.get(0) * x.get(0) + w.get(1) * x.get(1) * x.get(1);
            }

            @Override
            public int[] branches() {
                return new int[0];
            }

            @Override
            public Analytic analytic(Tensor x) {
                Tensor dx = Tensor.of(new double[] {2 * w.get(0) * x.get(0), 2 * w.get(1) * x.get(1)}, 2);
                return new Analytic(Map.of("w", Tensor.of(new double[] {x.get(0), x.get(1)}, 2)), dx, null);
            }
        };
        CheckResult r = GradientCheck.of(s).input(Tensor.of(new double[] {2, 3}, 2)).seed(5).run();
        assertEquals(Status.FAILED, r.param("w").status(), r.failureMessage());
        assertEquals(Status.PASSED, r.param("x").status(), r.failureMessage());
    }
}

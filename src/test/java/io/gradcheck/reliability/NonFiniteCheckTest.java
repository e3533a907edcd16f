package io.gradcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.CheckSettings;
import io.gradcheck.check.Detector;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.Status;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** NaN and infinity in what a gradient check is given or computes: named, with the index, never passed. */
class NonFiniteCheckTest {
    private static final NetConfig TINY = new NetConfig(new int[] {1, 8, 8}, new ConvConfig(3, 3, 0, 1), 10, 10, 0.1, 42);

    private static Affine affine(double w0) {
        return new Affine(Tensor.of(new double[] {w0, 2, 3, 4, 5, 6}, 2, 3), Tensor.zeros(3));
    }

    @Test
    @Hostile(area = "Numbers", input = "NaN in the input of a gradient check",
            outcome = "FAILED, `x: input is NaN at x[n=0,j=1]; a gradient check needs finite values`, no gradient blamed")
    void aNaNInTheCheckedInputIsNamedInsteadOfBlamingTheGradients() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 0.5, 2}, 2, 2);
        CheckResult r = GradientCheck.of(affine(1)).input(x).seed(1).run();
        assertEquals(Status.FAILED, r.status());
        assertEquals(1, r.params().size(), "only the culprit, not W, b and x");
        assertEquals("x: input is NaN at x[n=0,j=1]; a gradient check needs finite values", r.param("x").problem());
        assertEquals(true, r.caughtBy(Detector.CONTRACT));
    }

    @Test
    @Hostile(area = "Numbers", input = "infinity in a parameter, in the element-wise and the fast check",
            outcome = "FAILED, `W: parameter is Infinity at W[i=0,j=0]; a gradient check needs finite values` (fast mode used to pass W)")
    void anInfiniteParameterFailsTheCheckInBothModes() {
        Tensor x = Tensor.of(new double[] {1, 3, 0.5, 2}, 2, 2);
        for (GradientCheck c : new GradientCheck[] {GradientCheck.of(affine(Double.POSITIVE_INFINITY)),
                GradientCheck.of(affine(Double.POSITIVE_INFINITY)).fast(2)}) {
            CheckResult r = c.input(x).seed(1).run();
            assertEquals(Status.FAILED, r.status());
            assertEquals("W: parameter is Infinity at W[i=0,j=0]; a gradient check needs finite values",
                    r.param("W").problem());
        }
    }

    @Test
    @Hostile(area = "Numbers", input = "NaN in a parameter of the network under check",
            outcome = "FAILED, `W2: parameter is NaN at W2[i=5,j=1]; a gradient check needs finite values`")
    void aNaNWeightOfTheNetworkIsNamedWithItsIndex() {
        SimpleConvNet net = new SimpleConvNet(TINY);
        net.params().get("W2").set(5 * 10 + 1, Double.NaN);
        CheckResult r = GradientCheck.of(net, Labels.indices(1, 2)).input(Tensor.zeros(2, 1, 8, 8)).seed(1).run();
        assertEquals(Status.FAILED, r.status());
        assertEquals("W2: parameter is NaN at W2[i=5,j=1]; a gradient check needs finite values", r.param("W2").problem());
    }

    @Test
    @Hostile(area = "Numbers", input = "an infinite or NaN tolerance or step in CheckSettings",
            outcome = "`CheckSettings: need finite h > 0, rtol >= 0 and atol >= 0, ... got h=1.0E-5, rtol=Infinity, ...` "
                    + "(an infinite rtol used to pass every gradient)")
    void anInfiniteToleranceIsRejectedInsteadOfPassingEverything() {
        String rest = ", maxSkipFraction=0.5, maxElements=2147483647, directions=0";
        String need = "CheckSettings: need finite h > 0, rtol >= 0 and atol >= 0, maxSkipFraction in [0, 1], maxElements > 0 "
                + "and directions >= 0, got ";
        assertEquals(need + "h=1.0E-5, rtol=Infinity, atol=1.0E-8" + rest, assertThrows(IllegalArgumentException.class,
                () -> CheckSettings.DEFAULT.withRtol(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals(need + "h=1.0E-5, rtol=1.0E-5, atol=Infinity" + rest, assertThrows(IllegalArgumentException.class,
                () -> CheckSettings.DEFAULT.withAtol(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals(need + "h=NaN, rtol=1.0E-5, atol=1.0E-8" + rest, assertThrows(IllegalArgumentException.class,
                () -> CheckSettings.DEFAULT.withH(Double.NaN)).getMessage());
    }

    /** The input is finite, but backprop (here a broken subclass) produces NaN for one gradient. */
    @Test
    @Hostile(area = "Numbers", input = "NaN in a gradient that backprop returns, in a check",
            outcome = "FAILED, `b1: analytic gradient is NaN at b1[i=2]`, diagnosed NOT_FINITE")
    void aNaNGradientFromBackpropIsNamedWithItsIndex() {
        SimpleConvNet net = new SimpleConvNet(TINY) {
            @Override
            public Map<String, Tensor> gradient(Tensor x, Labels t) {
                Map<String, Tensor> g = super.gradient(x, t);
                g.get("b1").set(2, Double.NaN);
                return g;
            }
        };
        Tensor x = Tensor.randn(new Well19937c(5), 1.0, 2, 1, 8, 8);
        CheckResult r = GradientCheck.of(net, Labels.indices(1, 2)).input(x).seed(1).run();
        assertEquals(Status.FAILED, r.status());
        assertEquals("b1: analytic gradient is NaN at b1[i=2]", r.param("b1").problem());
        assertEquals("NOT_FINITE", r.param("b1").diagnosis().kind().name());
    }
}

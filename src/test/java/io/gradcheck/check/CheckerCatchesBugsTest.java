package io.gradcheck.check;

import static io.gradcheck.check.Generators.affineShapes;
import static io.gradcheck.check.Generators.convShapes;
import static io.gradcheck.check.Generators.imageShapes;
import static io.gradcheck.check.Generators.netShapes;
import static io.gradcheck.check.Generators.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.layer.Labels;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The checker must FAIL on broken code, on every random shape where the bug can show, and name the
 * gradient that is wrong.
 */
class CheckerCatchesBugsTest {
    private static void requireFailedOn(CheckResult r, String param, Object shape) {
        String context = "\n  shape: " + shape + "\n" + r.table();
        assertEquals(Status.FAILED, r.status(), "the checker passed a broken " + r.subject() + context);
        assertEquals(Status.FAILED, r.param(param).status(), param + " should have failed" + context);
        for (ParamResult other : r.params()) {  // each broken variant has exactly one bug
            assertTrue(other.name().equals(param) || other.status() != Status.FAILED, other.name() + " failed too" + context);
        }
    }

    @Test
    void checkerFailsWhenB2GetsTheGradientOfW2() {
        theory().forAll(netShapes()).checkAssert(s -> {
            CheckResult r = Fixtures.check(Fixtures.net(s, Broken.B2GetsW2Grad::new), s);
            requireFailedOn(r, "b2", s);
            assertTrue(r.param("b2").problem().endsWith("; it has the shape of W2"), r.param("b2").problem());
        });
    }

    /** Nets whose W2 has one row (one filter, a 2x2 or 3x3 conv output), so dW2 has b2's size. */
    private static Gen<NetShape> oneRowW2NetShapes() {
        return Generators.from(in -> {
            int n = in.between(1, 3), outH = in.between(2, 3), outW = in.between(2, 3), fs = in.between(1, 3);
            int hidden = in.between(1, 6), out = in.between(2, 5);
            NetConfig c = new NetConfig(new int[] {1, outH - 1 + fs, outW - 1 + fs}, new ConvConfig(1, fs, 0, 1),
                    hidden, out, 0.1, in.between(0, Integer.MAX_VALUE));
            return new NetShape(n, c, in.between(0, Integer.MAX_VALUE));
        });
    }

    /**
     * Where every ReLU is dead, dW2 and db2 are both zero and the bug changes nothing: it can show
     * only where the correct gradients differ.
     */
    private static boolean dW2DiffersFromDb2(NetShape s) {
        var g = Fixtures.net(s, io.gradcheck.net.SimpleConvNet::new).gradient(Fixtures.input(s), Fixtures.labels(s));
        double[] dW2 = g.get("W2").data(), db2 = g.get("b2").data();
        for (int i = 0; i < db2.length; i++) {
            if (Math.abs(dW2[i] - db2[i]) > 1e-6 * Math.max(1e-3, Math.abs(db2[i]))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void checkerFailsWhenB2GetsTheGradientOfW2EvenWhenTheShapesAgree() {
        theory().forAll(oneRowW2NetShapes().assuming(CheckerCatchesBugsTest::dW2DiffersFromDb2)).checkAssert(s -> {
            CheckResult r = Fixtures.check(Fixtures.net(s, Broken.B2GetsW2GradSameShape::new), s);
            requireFailedOn(r, "b2", s);
            assertEquals(null, r.param("b2").problem(), "caught by value, not by shape");
        });
    }

    @Test
    void checkerFailsWhenReluBackwardInvertsTheMask() {
        theory().forAll(imageShapes()).checkAssert(s -> {
            Tensor x = Tensor.randn(new Well19937c(s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
            requireFailedOn(GradientCheck.of(new Broken.InvertedMaskRelu()).input(x).seed(Generators.SEED).run(), "x", s);
        });
    }

    @Test
    void checkerFailsWhenAffineBackwardMissesTheTranspose() {
        Gen<AffineShape> square = Generators.from(in -> {  // W is d x d with d >= 2: a 1x1 W is its own transpose
            int n = in.between(1, 4), c = in.between(1, 2), h = in.between(1, 3), w = in.between(2, 3);
            return new AffineShape(n, c, h, w, c * h * w, in.between(0, Integer.MAX_VALUE));
        });
        theory().forAll(square).checkAssert(s -> {
            Broken.BrokenAffine layer = new Broken.BrokenAffine(Fixtures.affine(s).params().get("W"),
                    Fixtures.affine(s).params().get("b"), Broken.BrokenAffine.Bug.DX_WITHOUT_TRANSPOSE);
            requireFailedOn(GradientCheck.of(layer).input(Fixtures.input(s)).seed(Generators.SEED).run(), "x", s);
        });
    }

    @Test
    void checkerFailsWhenTheBiasGradientIsNotSummedOverTheBatch() {
        theory().forAll(affineShapes().assuming(s -> s.n() >= 2)).checkAssert(s -> {
            Broken.BrokenAffine layer = new Broken.BrokenAffine(Fixtures.affine(s).params().get("W"),
                    Fixtures.affine(s).params().get("b"), Broken.BrokenAffine.Bug.DB_NOT_SUMMED);
            requireFailedOn(GradientCheck.of(layer).input(Fixtures.input(s)).seed(Generators.SEED).run(), "b", s);
        });
    }

    @Test
    void checkerFailsWhenCol2imOverwritesInsteadOfAccumulating() {
        theory().forAll(convShapes().assuming(s -> windowsOverlap(s))).checkAssert(s -> {
            Broken.OverwritingCol2imConvolution layer =
                    new Broken.OverwritingCol2imConvolution(Fixtures.conv(s), s.stride(), s.pad());
            requireFailedOn(GradientCheck.of(layer).input(Fixtures.input(s)).seed(Generators.SEED).run(), "x", s);
        });
    }

    /** Two neighbouring windows share an input pixel: the only place accumulation matters. */
    private static boolean windowsOverlap(Shapes.ConvShape s) {
        int outH = (s.h() + 2 * s.pad() - s.fh()) / s.stride() + 1;
        int outW = (s.w() + 2 * s.pad() - s.fw()) / s.stride() + 1;
        return s.stride() < s.fh() && outH >= 2 || s.stride() < s.fw() && outW >= 2;
    }

    @Test
    void checkerFailsWhenTheLossGradientIsNotDividedByN() {
        theory().forAll(imageShapes().assuming(s -> s.n() >= 2)).checkAssert(s -> {
            Well19937c rng = new Well19937c(s.dataSeed());
            int k = s.c() + 1;
            Tensor x = Tensor.randn(rng, 3, s.n(), k);
            int[] t = new int[s.n()];
            for (int i = 0; i < t.length; i++) {
                t[i] = rng.nextInt(k);
            }
            requireFailedOn(GradientCheck.of(new Broken.NotDividedByN(), Labels.indices(t)).input(x)
                    .seed(Generators.SEED).run(), "x", s);
        });
    }

    @Test
    void theFailureMessageNamesTheWrongGradientAndTheSeed() {
        NetShape s = new NetShape(2, new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 4, 3, 0.1, 5), 9);
        CheckResult r = Fixtures.check(Fixtures.net(s, Broken.B2GetsW2Grad::new), s);
        assertEquals("Gradient check of B2GetsW2Grad FAILED (seed " + Generators.SEED + ", input [2, 1, 6, 6]):"
                + " 1 of 7 gradients not passed\n"
                + "  b2: gradient has shape [8, 4] but the parameter has shape [4]; it has the shape of W2\n"
                + "    looks like SWAPPED (confidence 0.99): the analytic gradient of b2 matches the numeric gradient"
                + " of W2 on all 32 compared elements",
                r.failureMessage());
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3", "x"), r.params().stream().map(ParamResult::name).toList());
    }
}

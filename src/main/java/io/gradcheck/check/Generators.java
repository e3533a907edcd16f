package io.gradcheck.check;

import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.check.Shapes.NetShape;
import io.gradcheck.check.Shapes.PoolShape;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Shape generators for QuickTheories, the one place that knows it: plain {@link Shapes} records
 * become shrinking generators. Every drawn number shrinks toward its lower bound, so a failure
 * shrinks toward the smallest shape.
 *
 * <p>QuickTheories is an optional dependency of gradcheck: add {@code org.quicktheories:quicktheories:0.26}
 * to your test scope to use this class.
 *
 * <pre>{@code
 * Generators.theory().forAll(Generators.convShapes()).checkAssert(s -> ...);
 * }</pre>
 */
public final class Generators {
    /** The property seed: fixed in the build (pom.xml), overridable with -Dgradcheck.seed=N. */
    public static final long SEED = Long.getLong("gradcheck.seed", 20261129L);
    /** Random shapes per property: at least 200 in the default build, -Dgradcheck.tries=N. */
    public static final int TRIES = Integer.getInteger("gradcheck.tries", 200);

    private Generators() {
    }

    /** QuickTheories with the seed {@link #SEED} and {@link #TRIES} examples. */
    public static QuickTheory theory() {
        // QuickTheories 0.26 runs one example fewer than withExamples asks for (measured): ask for one more
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(TRIES + 1).withShrinkCycles(2000);
    }

    /** A shrinking generator from any draw function over {@link Shapes.Ints}. */
    public static <T> Gen<T> from(java.util.function.Function<Shapes.Ints, T> draw) {
        return in -> draw.apply((lo, hi) -> (int) in.next(Constraint.between(lo, hi).withShrinkPoint(lo)));
    }

    /** Convolutions: batch, channels, filters, filter size, pad, stride, output size. */
    public static Gen<ConvShape> convShapes() {
        return from(ConvShape::draw);
    }

    /** Max pooling: batch, channels, window, stride, pad, input size. */
    public static Gen<PoolShape> poolShapes() {
        return from(PoolShape::draw);
    }

    /** Affine layers on (N, C, H, W) inputs. */
    public static Gen<AffineShape> affineShapes() {
        return from(AffineShape::draw);
    }

    /** Plain (N, C, H, W) tensors, for element-wise layers and losses. */
    public static Gen<ImageShape> imageShapes() {
        return from(ImageShape::draw);
    }

    /** Batches of vectors (N, D), for dense layers and plain functions. */
    public static Gen<Shapes.DenseShape> denseShapes() {
        return from(Shapes.DenseShape::draw);
    }

    /** Whole SimpleConvNets: input, conv settings, hidden and output sizes, weight scale. */
    public static Gen<NetShape> netShapes() {
        return from(NetShape::draw);
    }
}

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
 * The one place that knows QuickTheories: plain {@link Shapes} records become shrinking generators.
 * Every drawn number shrinks toward its lower bound, so a failure shrinks toward the smallest shape.
 */
public final class Generators {
    /** The property seed: fixed in the build (pom.xml), overridable with -Dgradcheck.seed=N. */
    public static final long SEED = Long.getLong("gradcheck.seed", 20261129L);
    /** Random shapes per property: at least 200 in the default build, -Dgradcheck.tries=N. */
    public static final int TRIES = Integer.getInteger("gradcheck.tries", 200);

    private Generators() {
    }

    /** QuickTheories with our seed and number of tries. */
    public static QuickTheory theory() {
        // QuickTheories 0.26 runs one example fewer than withExamples asks for (measured): ask for one more
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(TRIES + 1).withShrinkCycles(2000);
    }

    static <T> Gen<T> from(java.util.function.Function<Shapes.Ints, T> draw) {
        return in -> draw.apply((lo, hi) -> (int) in.next(Constraint.between(lo, hi).withShrinkPoint(lo)));
    }

    public static Gen<ConvShape> convShapes() {
        return from(ConvShape::draw);
    }

    public static Gen<PoolShape> poolShapes() {
        return from(PoolShape::draw);
    }

    public static Gen<AffineShape> affineShapes() {
        return from(AffineShape::draw);
    }

    public static Gen<ImageShape> imageShapes() {
        return from(ImageShape::draw);
    }

    public static Gen<NetShape> netShapes() {
        return from(NetShape::draw);
    }
}

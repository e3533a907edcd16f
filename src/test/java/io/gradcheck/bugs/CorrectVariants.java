package io.gradcheck.bugs;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.bugs.CatalogueShapes.ScoresShape;
import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.check.Shapes.PoolShape;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.List;

/**
 * Correct variants: the four that differ from our layers only where it does not matter, and the
 * copies the catalogue breaks, which must be right so that each broken entry has exactly one bug.
 * Inputs are rounded to quarters, so exact zeros before ReLU and tied maxima in pooling windows
 * are common: the places where the variants differ from ours.
 */
final class CorrectVariants {
    private CorrectVariants() {
    }

    private static final ShapeFamily<ImageShape> IMAGES = new ShapeFamily<>(ImageShape.class, ImageShape::draw, ImageShape::n);
    private static final ShapeFamily<PoolShape> POOLS = new ShapeFamily<>(PoolShape.class, PoolShape::draw, PoolShape::n);
    private static final ShapeFamily<ConvShape> CONVS = new ShapeFamily<>(ConvShape.class, ConvShape::draw, ConvShape::n);
    private static final ShapeFamily<AffineShape> AFFINES = new ShapeFamily<>(AffineShape.class, AffineShape::draw, AffineShape::n);
    private static final ShapeFamily<ScoresShape> SCORES = new ShapeFamily<>(ScoresShape.class, in -> CatalogueShapes.scores(in, 1), ScoresShape::n);

    /** Rounded to multiples of 1/4: zeros and ties on purpose. */
    static Tensor quarters(Tensor x) {
        return Ops.map(x, v -> Math.rint(4 * v) / 4);
    }

    static List<Variant<?>> all() {
        return List.of(
                new Variant<>("relu.x-at-least-0", "ReLU that passes the gradient where x >= 0, not x > 0 (differs only at 0)", IMAGES,
                        s -> Fixture.check(new ReluCopy() {
                            @Override
                            protected boolean cuts(double v) {
                                return v < 0;
                            }
                        }, quarters(Fixture.input(s)))),
                new Variant<>("pool.last-of-ties", "max pooling that picks the last of tied maxima, not the first", POOLS,
                        s -> Fixture.check(new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()) {
                            @Override
                            protected boolean better(double v, double best) {
                                return v >= best;
                            }
                        }, quarters(Fixture.input(s)))),
                new Variant<>("conv.plain-loops", "convolution with plain loops over outputs and filter taps, no im2col", CONVS,
                        s -> Fixture.check(new LoopConvolution(Fixture.convParams(s), s.stride(), s.pad()), quarters(Fixture.input(s)))),
                new Variant<>("affine.flat-input-cached", "Affine that caches a flattened copy of x and its shape, not x", AFFINES,
                        s -> Fixture.check(new FlatInputAffine(Fixture.affineParams(s)), quarters(Fixture.input(s)))),
                new Variant<>("copy.relu", "ReluCopy, the base of the ReLU bugs", IMAGES,
                        s -> Fixture.check(new ReluCopy(), quarters(Fixture.input(s)))),
                new Variant<>("copy.pooling", "PoolingCopy, the base of the pooling bugs", POOLS,
                        s -> Fixture.check(new PoolingCopy(s.poolH(), s.poolW(), s.stride(), s.pad()), quarters(Fixture.input(s)))),
                new Variant<>("copy.convolution", "ConvolutionCopy (book-style col2im), the base of the convolution bugs", CONVS,
                        s -> Fixture.check(new ConvolutionCopy(Fixture.convParams(s), s.stride(), s.pad()), quarters(Fixture.input(s)))),
                new Variant<>("copy.affine", "AffineCopy (caches x itself), the base of the Affine bugs", AFFINES,
                        s -> Fixture.check(new AffineCopy(Fixture.affineParams(s)), quarters(Fixture.input(s)))),
                new Variant<>("copy.loss", "LossCopy (softmax recomputed in backward), the base of the loss bugs", SCORES,
                        s -> Fixture.check(new LossCopy(), s, 3)));
    }
}

package io.gradcheck.bugs;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.bugs.CatalogueShapes.ScoresShape;
import io.gradcheck.check.BugKind;
import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.check.Shapes.Ints;
import io.gradcheck.check.Shapes.PoolShape;
import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Catalogue entries of one layer from its broken copy: a fresh layer per drawn shape, checked on
 * that shape's data with the build's seed. The copy is never used before the check, so a bug that
 * lives in state across calls shows only if the checker itself calls the layer more than once.
 */
final class Entries {
    private Entries() {
    }

    static Bug<ConvShape> conv(String id, String what, List<String> params, BugKind kind, int minBatch,
                               Function<Ints, ConvShape> draw, BiFunction<Tensor[], ConvShape, Layer> layer) {
        return new Bug<>(id, what, params, kind, minBatch, new ShapeFamily<>(ConvShape.class, draw, ConvShape::n),
                s -> Fixture.check(layer.apply(Fixture.convParams(s), s), Fixture.input(s)));
    }

    static Bug<PoolShape> pool(String id, String what, BugKind kind, int minBatch, Function<Ints, PoolShape> draw,
                               Function<PoolShape, Layer> layer) {
        return new Bug<>(id, what, List.of("x"), kind, minBatch, new ShapeFamily<>(PoolShape.class, draw, PoolShape::n),
                s -> Fixture.check(layer.apply(s), Fixture.input(s)));
    }

    static Bug<ImageShape> relu(String id, String what, BugKind kind, int minBatch, Supplier<Layer> layer) {
        return new Bug<>(id, what, List.of("x"), kind, minBatch,
                new ShapeFamily<>(ImageShape.class, in -> CatalogueShapes.images(in, minBatch), ImageShape::n),
                s -> Fixture.check(layer.get(), Fixture.input(s)));
    }

    static Bug<AffineShape> affine(String id, String what, List<String> params, BugKind kind, Function<Tensor[], Layer> layer) {
        return new Bug<>(id, what, params, kind, 1,
                new ShapeFamily<>(AffineShape.class, in -> CatalogueShapes.affine(in, 1), AffineShape::n),
                s -> Fixture.check(layer.apply(Fixture.affineParams(s)), Fixture.input(s)));
    }

    static Bug<ScoresShape> loss(String id, String what, BugKind kind, int minBatch, Supplier<LossCopy> loss) {
        return new Bug<>(id, what, List.of("x"), kind, minBatch,
                new ShapeFamily<>(ScoresShape.class, in -> CatalogueShapes.scores(in, minBatch), ScoresShape::n),
                s -> Fixture.check(loss.get(), s, 1));
    }
}

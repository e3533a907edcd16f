package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.layer.Affine;
import org.junit.jupiter.api.Test;

class ShapeSearchTest {
    private static CheckResult brokenBias(AffineShape s) {
        Affine ref = Fixtures.affine(s);
        Broken.BrokenAffine layer = new Broken.BrokenAffine(ref.params().get("W"), ref.params().get("b"),
                Broken.BrokenAffine.Bug.DB_NOT_SUMMED);
        return GradientCheck.of(layer).input(Fixtures.input(s)).seed(1).run();
    }

    @Test
    void aFailureShrinksToTheSmallestShapeThatStillFails() {
        ShapeSearch.Found<AffineShape> found = ShapeSearch.smallestFailing(AffineShape::draw, ShapeSearchTest::brokenBias, 5, 50);
        AffineShape s = found.shape();
        // a bias taken from one row equals the sum on a batch of one, so two is the smallest batch that shows it
        assertEquals(2, s.n(), s.toString());
        assertEquals(1, s.c() * s.h() * s.w() * s.m(), s.toString());
        assertTrue(found.message().contains("smallest failing shape: AffineShape[n=2, c=1, h=1, w=1, m=1"), found.message());
        assertTrue(found.message().contains("search seed 5"), found.message());
    }

    @Test
    void correctCodeYieldsNoFailure() {
        assertNull(ShapeSearch.smallestFailing(AffineShape::draw,
                s -> GradientCheck.of(Fixtures.affine(s)).input(Fixtures.input(s)).seed(1).run(), 5, 20));
    }
}

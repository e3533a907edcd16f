package io.gradcheck.bugs;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.ShapeSearch;
import io.gradcheck.check.Status;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Correct code written differently from ours is never FAILED: not on ties, not at ReLU's kink. */
class CorrectVariantsTest {
    @TestFactory
    Stream<DynamicTest> everyCorrectVariantPassesOnEveryShape() {
        return CorrectVariants.all().stream().map(v -> DynamicTest.dynamicTest(v.id(), () -> neverFails(v)));
    }

    private static <S> void neverFails(Variant<S> v) {
        AtomicInteger inconclusive = new AtomicInteger();
        Function<S, CheckResult> counted = s -> {
            CheckResult r = v.check().apply(s);
            inconclusive.addAndGet(r.status() == Status.INCONCLUSIVE ? 1 : 0);
            return r;
        };
        ShapeSearch.Found<S> found = ShapeSearch.smallestFailing(v.shapes().draw(), counted, CatalogueRun.SEED, CatalogueRun.TRIES);
        assertNull(found, () -> v.id() + " (" + v.description() + ") failed:\n" + found.message());
        // rounded inputs put many elements at kinks; most checks must still compare enough to pass
        assertTrue(inconclusive.get() <= CatalogueRun.TRIES / 4, v.id() + ": " + inconclusive.get() + " of "
                + CatalogueRun.TRIES + " checks inconclusive (seed " + CatalogueRun.SEED + ")");
    }
}

package io.gradcheck.bugs;

import io.gradcheck.check.BugKind;
import io.gradcheck.check.CheckResult;
import io.gradcheck.check.ShapeSearch;
import io.gradcheck.check.Shapes;
import java.util.List;
import java.util.function.Function;

/**
 * One catalogue entry: code with exactly one backprop bug, the gradients it must break, and what a
 * good diagnosis calls it.
 *
 * @param id          short and stable, e.g. "affine.db-one-row"; the row key of docs/bugs.md
 * @param description the bug in one line, and why it is of the expected kind where that is not obvious
 * @param wrongParams the gradients that must fail ("x" for the input), and no others
 * @param expected    the kind a good diagnosis names, from the bug's nature, written before the engine
 *                    ran on it; never UNKNOWN, which names no kind
 * @param minBatch    the smallest batch on which the bug can show: 1, or 2 for bugs that a single
 *                    example hides (a sum over the batch of one row is that row)
 * @param shapes      draws only shapes on which the bug can show
 * @param check       the gradient check of the broken code on a shape
 */
public record Bug<S>(String id, String description, List<String> wrongParams, BugKind expected, int minBatch,
                     ShapeFamily<S> shapes, Function<S, CheckResult> check) {
    public Bug {
        if (expected == null || expected == BugKind.UNKNOWN) {
            throw new IllegalArgumentException("Bug " + id + ": the expected kind must name a kind, got " + expected);
        }
        if (wrongParams.isEmpty()) {
            throw new IllegalArgumentException("Bug " + id + ": declares no gradient that must fail");
        }
        wrongParams = List.copyOf(wrongParams);
    }

    /** The first failing shape among {@code tries} drawn from {@code seed}, shrunk; null if none failed. */
    public ShapeSearch.Found<S> search(long seed, int tries) {
        return ShapeSearch.smallestFailing(shapes.draw(), check, seed, tries);
    }

    /** The batch size of a shape of this entry. */
    public int batch(Object shape) {
        return shapes.batch().applyAsInt(shapes.type().cast(shape));
    }

    /** A family of shapes: how to draw one, and where its batch size is. */
    public record ShapeFamily<S>(Class<S> type, Function<Shapes.Ints, S> draw, java.util.function.ToIntFunction<S> batch) {
    }
}

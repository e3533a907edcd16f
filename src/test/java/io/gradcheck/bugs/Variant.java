package io.gradcheck.bugs;

import io.gradcheck.bugs.Bug.ShapeFamily;
import io.gradcheck.check.CheckResult;
import java.util.function.Function;

/**
 * Correct code written differently from ours, which the checker must never fail.
 *
 * @param id          short and stable, e.g. "relu.x-at-least-0"
 * @param description how it differs from our layer
 * @param shapes      the shapes to check it on
 * @param check       the gradient check of the variant on a shape
 */
record Variant<S>(String id, String description, ShapeFamily<S> shapes, Function<S, CheckResult> check) {
}

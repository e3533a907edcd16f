package io.gradcheck.junit;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.ShapeSearch;
import io.gradcheck.check.Shapes;
import io.gradcheck.report.CheckReport;
import io.gradcheck.report.CheckRun;
import io.gradcheck.report.Reproduction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Assertions for JUnit tests (or any test framework): a check of a layer or model over random
 * shapes, shrunk to the smallest failing one. A failure throws an AssertionError whose message has
 * the check's failure, the smallest shape, the seed, and the path of an HTML report written to
 * {@code target/gradcheck-reports/} (or {@link #REPORTS}, -Dgradcheck.reports=DIR).
 *
 * <pre>{@code
 * GradientAssertions.assertGradients(Shapes.DenseShape::draw,
 *         s -> GradientCheck.of(new Sigmoid()).input(Tensor.randn(s.dataSeed(), 1, s.n(), s.d())), 7, 50);
 * }</pre>
 */
public final class GradientAssertions {
    /** Where failed checks' reports go: {@code target/gradcheck-reports}, or -Dgradcheck.reports=DIR. */
    public static final Path REPORTS = Path.of(System.getProperty("gradcheck.reports", "target/gradcheck-reports"));

    private GradientAssertions() {
    }

    /**
     * Draws up to {@code tries} shapes from {@code seed}, checks each with the check that
     * {@code check} builds for it (seeded with {@code seed} unless it sets its own), and fails on
     * the first that fails, shrunk to the smallest failing shape.
     *
     * @param shapes draws a shape from a source of integers, e.g. {@code Shapes.ConvShape::draw}
     * @param check  the check of one shape: a GradientCheck with its input set
     * @throws AssertionError with the failure, the shape, the seed and the report's path
     */
    public static <S> void assertGradients(Function<Shapes.Ints, S> shapes, Function<S, GradientCheck> check, long seed,
                                           int tries) {
        ShapeSearch.Found<S> found = ShapeSearch.smallestFailing(shapes, s -> check.apply(s).seed(seed).run(), seed, tries);
        if (found != null) {
            throw failure(found.message(), found.result(), String.valueOf(found.shape()), again(found.shape(), seed, tries),
                    found.tries());
        }
    }

    /** Runs one check and fails unless it PASSED, with the report's path in the message. */
    public static void assertGradients(GradientCheck check) {
        CheckResult r = check.run();
        if (!r.passed()) {
            throw failure(r.failureMessage(), r, null, Reproduction.junit(r), 0);
        }
    }

    /**
     * The line to paste next to the test's own {@code shapes} and {@code check}: the smallest failing
     * shape alone when Java can build it again, else the whole search, which the seed repeats.
     */
    static Reproduction again(Object smallest, long seed, int tries) {
        String shape = ShapeLiteral.of(smallest);
        return Reproduction.java(shape == null
                ? "// shapes and check: the two functions your test passes; the seed makes the search fail the same way\n"
                + "GradientAssertions.assertGradients(shapes, check, " + seed + "L, " + tries + ");"
                : "// check: the function your test passes to assertGradients; this checks the smallest failing shape alone\n"
                + "GradientAssertions.assertGradients(check.apply(" + shape + ").seed(" + seed + "L));");
    }

    private static AssertionError failure(String message, CheckResult r, String shape, Reproduction again, int tries) {
        String where;
        try {
            Path report = CheckReport.write(REPORTS, new CheckRun("gradcheck " + r.subject(), r.seed(), List.of(r), shape,
                    again, tries, Instant.now().toString(), "assertion"));
            where = "\n  report: " + report.toAbsolutePath();
        } catch (IOException | RuntimeException e) {  // the failure matters more than its report
            where = "\n  report: not written (" + e.getMessage() + ")";
        }
        return new AssertionError(message + where, r.cause());
    }
}

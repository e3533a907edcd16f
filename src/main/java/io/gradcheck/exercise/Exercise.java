package io.gradcheck.exercise;

import io.gradcheck.check.BugKind;
import java.util.List;
import java.util.Set;

/**
 * One exercise: a copy of one of our layers (or a SimpleConvNet subclass) with one bug, and what the
 * harness needs to check it, diagnose it and hint at it.
 *
 * @param id        two digits, "01", "02", ...: the order of difficulty and the name on the command line
 * @param slug      a short name, e.g. "affine-bias"; the handout is {@code docs/exercises/<id>-<slug>.md}
 * @param title     one line for lists
 * @param className the simple name of the student's class in package {@code io.gradcheck.exercises}
 * @param target    how to build and check the class, and the reference solution
 * @param wrong     the gradient the pristine bug breaks ("x" for the input gradient)
 * @param expected  the diagnoses the engine may give the pristine bug on its smallest failing shape; empty if
 *                  no element is off and an identity of backprop (a detector) catches it
 * @param look      where to look, in student words; printed by every failing check
 * @param hints     three graded hints: which parameter, which region or kind, the concept and the region of code (never the line)
 * @param silent    true if the bug crashes nothing and a training run would not reveal it: only a
 *                  gradient check finds it (every bug leaves forward, and so the loss, untouched)
 */
public record Exercise(String id, String slug, String title, String className, Target target, String wrong,
                       Set<BugKind> expected, String look, List<String> hints, boolean silent) {
    /** The package of every exercise class. */
    public static final String PACKAGE = "io.gradcheck.exercises";

    public Exercise {
        expected = Set.copyOf(expected);
        hints = List.copyOf(hints);
        if (hints.size() != 3) {
            throw new IllegalArgumentException("Exercise " + id + ": expected 3 hints, got " + hints.size());
        }
    }

    /** The source file, relative to the exercise source root: {@code io/gradcheck/exercises/Ex01....java}. */
    public String file() {
        return PACKAGE.replace('.', '/') + "/" + className + ".java";
    }

    /** The fully qualified class name. */
    public String qualifiedName() {
        return PACKAGE + "." + className;
    }

    /** The handout, relative to the project directory. */
    public String handout() {
        return "docs/exercises/" + id + "-" + slug + ".md";
    }

    /** "exercise 04 (affine-bias)". */
    public String label() {
        return "exercise " + id + " (" + slug + ")";
    }

    /** The label: the target and hints are too long for test names and messages. */
    @Override
    public String toString() {
        return label();
    }
}

package io.gradcheck.exercise;

import io.gradcheck.layer.Layer;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.net.SimpleConvNet;

/**
 * The guard around a student's class ({@link ForwardGuard}, {@link LossGuard}), as a subclass that
 * bears the student's class name: compiled with the student's file, so that every message of the
 * check names the student's class. A class without one (the reference, in the build's proofs) gets
 * the guard itself.
 */
final class Guards {
    static final String PACKAGE = "io.gradcheck.exercise.guard";

    private Guards() {
    }

    /** The guard's file name and source for an exercise, or null if its target needs none (the net). */
    static String[] source(Exercise e) {
        Class<?> ref = e.target().reference();
        if (SimpleConvNet.class.isAssignableFrom(ref)) {
            return null;
        }
        boolean loss = SoftmaxWithLoss.class.isAssignableFrom(ref);
        String base = (loss ? LossGuard.class : ForwardGuard.class).getName();
        String params = loss ? "io.gradcheck.layer.SoftmaxWithLoss mine" : "io.gradcheck.layer.Layer mine, io.gradcheck.layer.Layer reference";
        return new String[] {PACKAGE.replace('.', '/') + "/" + e.className() + ".java", "package " + PACKAGE + ";\n\npublic final class " + e.className()
                + " extends " + base + " {\n    public " + e.className() + "(" + params + ") {\n        super("
                + (loss ? "mine" : "mine, reference") + ");\n    }\n}\n"};
    }

    /** The guard of a student's layer against the reference. */
    static ForwardGuard layer(Layer mine, Layer reference) {
        Class<?> g = named(mine.getClass(), ForwardGuard.class);
        return g == null ? new ForwardGuard(mine, reference)
                : (ForwardGuard) Build.construct(g, new Class<?>[] {Layer.class, Layer.class}, mine, reference);
    }

    /** The guard of a student's loss layer. */
    static LossGuard loss(SoftmaxWithLoss mine) {
        Class<?> g = named(mine.getClass(), LossGuard.class);
        return g == null ? new LossGuard(mine) : (LossGuard) Build.construct(g, new Class<?>[] {SoftmaxWithLoss.class}, mine);
    }

    /** The guard subclass compiled with the student's class, or null. */
    private static Class<?> named(Class<?> impl, Class<?> base) {
        try {
            Class<?> g = Class.forName(PACKAGE + "." + impl.getSimpleName(), false, impl.getClassLoader());
            return base.isAssignableFrom(g) && g.getClassLoader() == impl.getClassLoader() ? g : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}

package io.gradcheck.check;

import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** The one place that turns check results into text. Tests pin these formats word for word. */
final class Messages {
    private Messages() {
    }

    /** An element's index with its axes named: {@code W1[f=3,c=0,i=1,j=2]}, {@code x[n=0,c=0,i=2,j=1]}. */
    static String index(String name, int[] shape, int[] idx) {
        String[] axes = axes(name, shape.length);
        StringBuilder b = new StringBuilder(name).append('[');
        for (int a = 0; a < idx.length; a++) {
            b.append(a > 0 ? "," : "").append(axes[a]).append('=').append(idx[a]);
        }
        return b.append(']').toString();
    }

    /** The names of a tensor's axes: (n, c, i, j) for the input, (f, c, i, j) for a filter, d0, d1... otherwise. */
    static String[] axes(String name, int rank) {
        boolean input = name.equals("x");
        return switch (rank) {
            case 1 -> new String[] {"i"};
            case 2 -> input ? new String[] {"n", "j"} : new String[] {"i", "j"};
            case 4 -> input ? new String[] {"n", "c", "i", "j"} : new String[] {"f", "c", "i", "j"};
            default -> java.util.stream.IntStream.range(0, rank).mapToObj(a -> "d" + a).toArray(String[]::new);
        };
    }

    /** "b2: gradient has shape [4320, 100] but the parameter has shape [100]; it has the shape of W2". */
    static String shapeMismatch(String name, Tensor g, Tensor p, Map<String, Tensor> params, Tensor x) {
        String what = name.equals("x") ? "the input" : "the parameter";
        String msg = name + ": gradient has shape " + g.shapeString() + " but " + what + " has shape "
                + p.shapeString();
        if (name.equals("x") && p.rank() > 2 && g.rank() == 2 && g.dim(0) == p.dim(0) && g.size() == p.size()) {
            return msg + "; it is x flattened to (N, D): restore the input's shape in backward";
        }
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (!e.getKey().equals(name) && e.getValue().sameShape(g)) {
                return msg + "; it has the shape of " + e.getKey();
            }
        }
        return !name.equals("x") && x.sameShape(g) ? msg + "; it has the shape of x" : msg;
    }

    /** A class's name for messages; an anonymous class goes by what it extends or implements. */
    static String nameOf(Class<?> c) {
        if (!c.getSimpleName().isEmpty()) {
            return c.getSimpleName();
        }
        Class<?> parent = c.getInterfaces().length > 0 && c.getSuperclass() == Object.class ? c.getInterfaces()[0] : c.getSuperclass();
        return "anonymous " + nameOf(parent);
    }

    /**
     * Where code under check threw: ", at Sigmoid.java:42 in backward", the first frame that is
     * not the checker's own (this package, or the tensor operations it calls) nor the JDK's; empty if
     * there is none.
     */
    static String where(Throwable e) {
        java.security.CodeSource ours = GradientCheck.class.getProtectionDomain().getCodeSource();
        for (StackTraceElement f : e.getStackTrace()) {
            String c = f.getClassName();
            boolean library = c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")
                    || (c.startsWith("io.gradcheck.check.") || c.startsWith("io.gradcheck.tensor.")) && sameSource(c, ours);
            if (!library && f.getFileName() != null) {
                return ", at " + f.getFileName() + ":" + f.getLineNumber() + " in " + f.getMethodName();
            }
        }
        return "";
    }

    /** Whether class c was loaded from the checker's own jar or directory, not from a test or a user's code. */
    private static boolean sameSource(String c, java.security.CodeSource ours) {
        try {
            java.security.CodeSource cs = Class.forName(c, false, GradientCheck.class.getClassLoader())
                    .getProtectionDomain().getCodeSource();
            return ours == null ? cs == null : cs != null && ours.getLocation().equals(cs.getLocation());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** One line for one gradient: the problem, or its worst element and counts. */
    static String line(ParamResult r) {
        if (r.problem() != null) {
            return r.problem();
        }
        if (r.note() != null) {
            return String.format(Locale.ROOT, "%s: %s, %s; %d checked, %d skipped at kinks",
                    r.name(), r.status(), r.note(), r.checked(), r.skipped());
        }
        if (r.worstIndex() == null) {
            return String.format(Locale.ROOT, "%s: %s, no element compared (%d skipped at kinks)",
                    r.name(), r.status(), r.skipped());
        }
        return String.format(Locale.ROOT,
                "%s: %s, max rel error %.2e, max abs error %.2e; worst %s: analytic %.6e, numeric %.6e; "
                        + "%d checked, %d skipped at kinks",
                r.name(), r.status(), r.maxRelError(), r.maxAbsError(), r.worstIndex(), r.worstAnalytic(),
                r.worstNumeric(), r.checked(), r.skipped());
    }

    /** The header and one line per gradient that did not pass. */
    static String failure(CheckResult c) {
        long bad = c.params().stream().filter(r -> r.status() != Status.PASSED).count();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Gradient check of %s %s (seed %d, input %s): %d of %d gradients not passed",
                c.subject(), c.status(), c.seed(), Arrays.toString(c.inputShape()), bad, c.params().size()));
        for (ParamResult r : c.params()) {
            if (r.status() != Status.PASSED) {
                b.append("\n  ").append(line(r));
                if (r.diagnosis() != null) {
                    b.append("\n    ").append(diagnosis(r.diagnosis()));
                }
            }
        }
        for (DetectorResult d : c.detectors()) {
            boolean exact = d.detector() == Detector.HOMOGENEITY || d.detector() == Detector.DOUT_LINEARITY;
            if (exact && d.caught()) {
                b.append("\n  ").append(d.detector()).append(" identity broken: ").append(d.evidence());
            }
            if (d.detector() == Detector.STATE && d.caught()) {
                b.append("\n  STATE: ").append(d.evidence());
            }
        }
        return b.toString();
    }

    /** "looks like SWAPPED (confidence 0.99): the analytic gradient of b2 matches ..." */
    static String diagnosis(Diagnosis d) {
        return String.format(Locale.ROOT, "looks like %s (confidence %.2f): %s", d.kind(), d.confidence(), d.evidence());
    }

    /** A fixed-width table, one row per gradient. */
    static String table(CheckResult c) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Gradient check of %s (seed %d, input %s, h %.0e, rtol %.0e, atol %.0e): %s%n",
                c.subject(), c.seed(), Arrays.toString(c.inputShape()), c.settings().h(), c.settings().rtol(),
                c.settings().atol(), c.status()));
        b.append(String.format(Locale.ROOT, "%-6s %-18s %8s %8s %10s %10s %10s  %s%n",
                "param", "shape", "checked", "skipped", "max abs", "max rel", "median rel", "status"));
        for (ParamResult r : c.params()) {
            b.append(String.format(Locale.ROOT, "%-6s %-18s %8d %8d %10.2e %10.2e %10.2e  %s%n", r.name(),
                    Arrays.toString(r.shape()), r.checked(), r.skipped(), r.maxAbsError(), r.maxRelError(),
                    r.medianRelError(),
                    r.problem() == null ? r.status() : r.status() + ": " + r.problem()));
        }
        return b.toString();
    }
}

package io.gradcheck.exercise;

import io.gradcheck.check.Diagnosis;
import io.gradcheck.check.ParamResult;
import java.util.Locale;

/** The diagnosis of a failing gradient, said to a student: what it looks like and what to ask yourself. */
public final class Advice {
    private Advice() {
    }

    /**
     * One or two sentences for a failing gradient.
     *
     * @param r     the failing gradient
     * @param batch the batch size N of the failing shape
     */
    public static String of(ParamResult r, int batch) {
        Diagnosis d = r.diagnosis();
        String g = gradName(r.name());
        if (r.problem() != null && r.problem().contains(" threw ")) {
            return "your code threw an exception while computing " + g + ": " + r.problem();
        }
        if (r.problem() != null && r.problem().endsWith("backward returned null")) {
            return "your backward returned null: it must return " + g + ", a new tensor of the input's shape.";
        }
        if (r.problem() != null && r.problem().contains("modified its argument")) {
            return "your code changed a tensor it was handed (" + r.problem() + "): write " + g
                    + " into a new tensor and leave dout as it was; the layer above still needs it.";
        }
        if (d == null) {
            return g + " breaks a rule of backprop without a wrong element to show; see the detectors in the report.";
        }
        return switch (d.kind()) {
            case SWAPPED -> g + " is the gradient of another parameter (" + d.evidence()
                    + "): is the right layer's gradient handed over under this name?";
            case SHAPE_MISMATCH -> g + " does not even have the shape of its tensor (" + d.evidence()
                    + "): check the order of the factors, and which tensor is returned.";
            case TRANSPOSED -> g + " holds the right numbers in the wrong places, with two axes exchanged: "
                    + "is a transpose missing, or one too many?";
            case CONSTANT_SCALE -> scale(g, r, batch);
            case ZERO_OR_MISSING -> g + " is missing or all zeros, although the loss depends on it: is it computed at all, "
                    + "and stored under its name?";
            case MISSING_ACCUMULATION -> g + " is wrong only where windows overlap: contributions from several windows "
                    + "must add up, not overwrite each other.";
            case BORDER -> g + " is wrong only at the border of the image: look at how padding and the edges are handled.";
            case BIAS_WRONG_AXIS -> g + " is not dout summed over the right axes (" + d.evidence()
                    + "): which axes does a bias gradient sum over, and why?";
            case NOT_FINITE -> g + " contains NaN or infinity (" + d.evidence()
                    + "): look for a division by zero, an exp that overflows, or a value never set.";
            case MISROUTED, SHIFTED -> g + " holds right values in the wrong places (" + d.evidence()
                    + "): which element should each gradient go to?";
            case NOT_TRANSPOSED -> g + " uses the local Jacobian the wrong way round (" + d.evidence() + ").";
            case AXIS_SCALE -> g + " is scaled differently along one axis (" + d.evidence() + ").";
            case SIGN_FLIPPED -> g + " has the wrong sign (" + d.evidence() + ").";
            case WRONG_MASK -> g + " passes or blocks the gradient in the wrong places (" + d.evidence() + ").";
            case MISSING_TERM -> g + " misses a term of the chain rule (" + d.evidence() + ").";
            case STATE -> g + " depends on an earlier call, not only on this input (" + d.evidence() + ").";
            case THREW -> "your code threw an exception while computing " + g + ": " + d.evidence();
            case ARGUMENT_MODIFIED -> g + ": your code changed a tensor it was handed (" + d.evidence() + ").";
            case UNKNOWN -> g + " fits no simple pattern. Work out the worst element by hand on the smallest shape: "
                    + String.format(Locale.ROOT, "at %s your code gives %.4g where the numeric gradient is %.4g.",
                    r.worstIndex(), r.worstAnalytic(), r.worstNumeric());
        };
    }

    /** "db looks N times too large (N = 2 here): ..." from the ratio at the worst element. */
    private static String scale(String g, ParamResult r, int batch) {
        double c = r.worstAnalytic() / r.worstNumeric();
        String n = " (N = " + batch + " here)";
        if (batch > 1 && near(c, batch)) {
            return g + " looks N times too large" + n + ": is something summed where it should be averaged, or averaged twice?";
        }
        if (batch > 1 && near(c, 1.0 / batch)) {
            return g + " looks N times too small" + n + ": is something averaged where it should be summed, "
                    + "or divided by N twice?";
        }
        if (near(c, -1)) {
            return g + " has the wrong sign: look for a subtraction the wrong way round.";
        }
        if (near(c, 2) || near(c, 0.5)) {
            return g + (c > 1 ? " is twice" : " is half") + " what it should be: is a term added twice, or a stray 1/2 or 2 left in?";
        }
        return g + String.format(Locale.ROOT, " is %.4g times what it should be, on every element: which factor is extra or missing?", c);
    }

    private static boolean near(double c, double v) {
        return Math.abs(c - v) <= 1e-3 * Math.abs(v);
    }

    /** "db" for b, "dW" for W, "dx" for x. */
    static String gradName(String param) {
        return "d" + param;
    }
}

package io.gradcheck.check;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;

/** Hand-made failing results for the diagnosis tests: an analytic and a numeric gradient, nothing measured. */
final class HandMade {
    private HandMade() {
    }

    static Tensor t(int[] shape, double... values) {
        return Tensor.of(values, shape);
    }

    static int[] shape(int... dims) {
        return dims;
    }

    /** A FAILED result named name with these element data and no problem; its worst element is name[0]. */
    static ParamResult failed(String name, Tensor analytic, Tensor numeric, int[] fanOut) {
        return new ParamResult(name, numeric.shape(), numeric.size(), 0, 1, 1, 1, name + "[0]", 1.5, -2.25,
                Status.FAILED, null, null, new Elements(analytic, numeric, new int[0], fanOut), null);
    }

    static ParamResult failed(String name, Tensor analytic, Tensor numeric) {
        return failed(name, analytic, numeric, (int[]) null);
    }

    /** A FAILED result with a problem found before the elements were compared, and these element data. */
    static ParamResult failed(String name, Tensor analytic, Tensor numeric, String problem) {
        return new ParamResult(name, numeric.shape(), numeric.size(), 0, 1, 1, 1, name + "[0]", 1.5, -2.25,
                Status.FAILED, problem, null, new Elements(analytic, numeric, new int[0], null), null);
    }

    /** What detector d found in r. */
    static DetectorResult detector(CheckResult r, Detector d) {
        return r.detectors().stream().filter(t -> t.detector() == d).findFirst().orElseThrow();
    }

    /** y = x, whose backward returns null instead of dx. */
    static Layer nullDx() {
        return new Layer() {
            @Override
            public Tensor forward(Tensor in) {
                return in.copy();
            }

            @Override
            public Tensor backward(Tensor dout) {
                return null;
            }
        };
    }

    /** A Diagnose with no other results, batch N, no upstream gradient. */
    static Diagnose diagnose(int batch, CheckSettings st) {
        return new Diagnose(java.util.List.of(), batch, null, st);
    }

    /** Settings whose tolerance is |a - n| <= atol + rtol * max(|a|, |n|), step and the rest default. */
    static CheckSettings tol(double rtol, double atol) {
        return CheckSettings.DEFAULT.withRtol(rtol).withAtol(atol);
    }

    /** y = f(x) element by element, whose backward multiplies dout by df(x), except at element wrongAt by factor. */
    static Layer pointwise(DoubleUnaryOperator f, DoubleUnaryOperator df, int wrongAt, double factor) {
        return new Layer() {
            private Tensor x;

            @Override
            public Tensor forward(Tensor in) {
                x = in.copy();
                return Ops.map(in, f);
            }

            @Override
            public Tensor backward(Tensor dout) {
                Tensor dx = Ops.mul(dout, Ops.map(x, df));
                dx.set(wrongAt, dout.get(wrongAt) * factor);
                return dx;
            }
        };
    }
}

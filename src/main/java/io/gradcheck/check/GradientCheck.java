package io.gradcheck.check;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Loss;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Compares backprop with central differences, element by element, for every parameter and for
 * the input. The entry point for checking a layer of your own:
 *
 * <pre>{@code
 * CheckResult r = GradientCheck.of(new Affine(W, b)).input(x).seed(7).run();
 * r.assertPassed();
 * }</pre>
 *
 * <p>Every method returns a new, changed copy; a GradientCheck never changes.
 */
public final class GradientCheck {
    private final String what;
    private final BiFunction<Tensor, Long, Subject> subject;
    private final Tensor x;
    private final long seed;
    private final CheckSettings settings;

    private GradientCheck(String what, BiFunction<Tensor, Long, Subject> subject, Tensor x, long seed,
                          CheckSettings settings) {
        this.what = what;
        this.subject = subject;
        this.x = x;
        this.seed = seed;
        this.settings = settings;
    }

    /**
     * Checks one layer through f(x) = sum(forward(x) * G), with G a random upstream gradient drawn
     * from the check's seed. The layer's parameters are perturbed during the check and restored.
     */
    public static GradientCheck of(Layer layer) {
        return new GradientCheck(Messages.nameOf(layer.getClass()), (x, seed) -> {
            Tensor out = layer.forward(Decoys.first(x, seed));  // not x: a cache from the first call must be stale at x
            return new LayerSubject(layer, Tensor.randn(new Well19937c(seed), 1.0, out.shape()));
        }, null, 0, CheckSettings.DEFAULT);
    }

    /** Checks the network's loss on labels t: its six parameters through {@code gradient}, and dx. */
    public static GradientCheck of(SimpleConvNet net, Labels t) {
        return new GradientCheck(Messages.nameOf(net.getClass()), (x, seed) -> new NetSubject(net, t),
                null, 0, CheckSettings.DEFAULT);
    }

    /** Checks a loss layer's dx on labels t: {@code SoftmaxWithLoss}, or a loss of your own. */
    public static GradientCheck of(Loss loss, Labels t) {
        return new GradientCheck(Messages.nameOf(loss.getClass()), (x, seed) -> new LossSubject(loss, t), null, 0,
                CheckSettings.DEFAULT);
    }

    /**
     * Checks a model of your own (any {@link Layer}, for example a {@link io.gradcheck.layer.Sequential})
     * followed by a loss, on labels t: every parameter of the model, and dx, through
     * f(x) = loss(model.forward(x), t).
     */
    public static GradientCheck of(Layer model, Loss loss, Labels t) {
        return new GradientCheck(Messages.nameOf(model.getClass()), (x, seed) -> new ModelSubject(model, loss, t), null, 0,
                CheckSettings.DEFAULT);
    }

    /**
     * Checks a plain function f: Tensor → double against its gradient, in one line, like PyTorch's
     * {@code gradcheck}: {@code GradientCheck.of("sum of squares", x -> Ops.dot(x, x), x -> Ops.scale(x, 2)).input(x).run()}.
     * f and gradient must not modify their argument.
     */
    public static GradientCheck of(String name, ToDoubleFunction<Tensor> f, UnaryOperator<Tensor> gradient) {
        return new GradientCheck(name, (x, seed) -> new FunctionSubject(name, f, gradient), null, 0, CheckSettings.DEFAULT);
    }

    /** Checks anything checkable: a {@link Subject} of your own. */
    public static GradientCheck of(Subject subject) {
        return new GradientCheck(subject.name(), (x, seed) -> subject, null, 0, CheckSettings.DEFAULT);
    }

    /** The input to check at. x: not modified (the check perturbs its own copy). */
    public GradientCheck input(Tensor x) {
        return new GradientCheck(what, subject, x, seed, settings);
    }

    /** The seed of the random upstream gradient and of element sampling. Printed in every result. */
    public GradientCheck seed(long s) {
        return new GradientCheck(what, subject, x, s, settings);
    }

    /**
     * Fast mode: compare directional derivatives along k random directions per tensor instead of
     * every element. For full-size networks; a failing direction is bisected to one element.
     */
    public GradientCheck fast(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("GradientCheck.fast: need at least one direction, got " + k);
        }
        return settings(settings.withDirections(k));
    }

    public GradientCheck settings(CheckSettings s) {
        return new GradientCheck(what, subject, x, seed, s);
    }

    /**
     * Runs the check.
     *
     * @throws IllegalStateException if no input was given
     */
    public CheckResult run() {
        if (x == null) {
            throw new IllegalStateException("GradientCheck.run: no input for " + what + "; call input(x) first");
        }
        Subject s;
        List<ParamResult> params;
        DetectorResult state;
        CheckResult.Inputs inputs = null;
        try {
            s = subject.apply(x, seed);
            inputs = new CheckResult.Inputs(x, s.params(), s.upstream());  // before any step: the case's own numbers
            List<ParamResult> notFinite = notFinite(s, x);
            if (!notFinite.isEmpty()) {  // every difference would be NaN: say which value, not which gradient
                return new CheckResult(s.name(), seed, x.shape(), settings, notFinite, List.of(new DetectorResult(
                        Detector.CONTRACT, true, true, "an input or parameter is not finite, so nothing was compared",
                        notFinite.stream().map(ParamResult::name).toList())), null, inputs);
            }
            if (settings.directions() > 0) {
                FastChecker c = new FastChecker(s, x, settings, seed);
                params = c.run();
                state = c.state();
            } else {
                Checker c = new Checker(s, x, settings, seed);
                params = c.run();
                state = c.state();
            }
        } catch (RuntimeException e) {  // code under check that throws is a finding about it, not a crash
            boolean backprop = e instanceof Checker.BackpropThrew;
            Throwable cause = backprop ? e.getCause() : e;
            String text = "x: " + what + (backprop ? " backprop threw " : " threw ") + cause.getClass().getSimpleName()
                    + ": " + cause.getMessage() + Messages.where(cause);
            ParamResult thrown = ParamResult.problem("x", x.shape(), text).diagnosed(new Diagnosis(BugKind.THREW, 1, text));
            return new CheckResult(what, seed, x.shape(), settings, List.of(thrown), List.of(new DetectorResult(
                    Detector.CONTRACT, true, true, "the code under check threw instead of computing", List.of("x"))), cause,
                    inputs != null ? inputs : new CheckResult.Inputs(x, Map.of(), null));
        }
        if (s.lastOutput() == null && inputs.upstream() != null) {  // a loss's G is its scalar 1: f is the subject itself
            inputs = new CheckResult.Inputs(inputs.x(), inputs.params(), null);
        }
        List<DetectorResult> detectors = new ArrayList<>();
        List<String> broken = params.stream().filter(r -> r.problem() != null).map(ParamResult::name).toList();
        detectors.add(new DetectorResult(Detector.CONTRACT, true, !broken.isEmpty(), !broken.isEmpty()
                ? "a gradient is missing, misshapen or not finite, or backward broke its contract"
                : "every gradient is present, finite and of its parameter's shape", broken));
        List<String> wrong = params.stream().filter(r -> r.problem() == null && r.status() == Status.FAILED)
                .map(ParamResult::name).toList();
        detectors.add(new DetectorResult(Detector.FINITE_DIFFERENCES, true, !wrong.isEmpty(), !wrong.isEmpty()
                ? "an element disagrees with its central difference" : "no compared element disagrees", wrong));
        detectors.addAll(ExactDetectors.run(s, x, seed));
        detectors.add(state);
        params = diagnoseBlamed(s, x, params, detectors);
        if (state.caught()) {  // a gradient that only history makes wrong passes element-wise: name it anyway
            params = params.stream().map(r -> r.diagnosis() == null && state.blamed().contains(r.name())
                    ? r.diagnosed(new Diagnosis(BugKind.STATE, 0.9, state.evidence())) : r).toList();
        }
        return new CheckResult(s.name(), seed, x.shape(), settings, params, detectors, null, inputs);
    }

    /**
     * A gradient that passed element-wise but that the linearity detector blames (a backward that
     * depends on dout, not only linearly) gets the diagnosis of its Jacobians, where they fit one.
     */
    private List<ParamResult> diagnoseBlamed(Subject s, Tensor x, List<ParamResult> params, List<DetectorResult> detectors) {
        List<String> blamed = detectors.stream().filter(d -> d.detector() == Detector.DOUT_LINEARITY && d.caught())
                .flatMap(d -> d.blamed().stream()).toList();
        if (blamed.isEmpty()) {
            return params;
        }
        Diagnose frame = new Diagnose(params, x.dim(0), s.upstream(), settings);
        List<ParamResult> out = new ArrayList<>();
        for (ParamResult r : params) {
            Jacobians j = r.diagnosis() == null && blamed.contains(r.name()) ? Jacobians.of(s, x, r.name(), settings, seed) : null;
            Diagnosis d = j == null ? null : JacobianPatterns.of(r, j, frame);
            out.add(d == null ? r : r.diagnosed(d));
        }
        return out;
    }

    /**
     * A result for each parameter, then x, that holds a NaN or an infinity, naming the first such
     * element: "x: input is NaN at x[n=0,j=1]; a gradient check needs finite values".
     */
    private static List<ParamResult> notFinite(Subject s, Tensor x) {
        Map<String, Tensor> all = new LinkedHashMap<>(s.params());
        all.put("x", x);
        List<ParamResult> bad = new ArrayList<>();
        all.forEach((name, t) -> {
            for (int i = 0; i < t.size(); i++) {
                if (!Double.isFinite(t.get(i))) {
                    bad.add(ParamResult.problem(name, t.shape(), name + ": " + (name.equals("x") ? "input" : "parameter")
                            + " is " + t.get(i) + " at " + Messages.index(name, t.shape(), t.unflatten(i))
                            + "; a gradient check needs finite values"));
                    return;
                }
            }
        });
        return bad;
    }
}

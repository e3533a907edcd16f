package io.gradcheck.check;

import io.gradcheck.tensor.Tensor;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The result of one gradient check: one {@link ParamResult} per parameter, then one for the input "x".
 *
 * @param subject    what was checked, e.g. "SimpleConvNet" or "Affine"
 * @param seed       the seed that reproduces this check
 * @param inputShape the shape of the input x
 * @param settings   the step and tolerances used
 * @param params     the gradients, in the subject's parameter order, "x" last
 * @param detectors  what each detector found; an exact detector that caught a bug fails the check
 * @param cause      what the code under check threw, if it threw, else null; the cause of
 *                   {@link #assertPassed}'s AssertionError, so its stack trace shows the line
 * @param inputs     what the check ran at (x, the parameters, G), for redoing a failure by hand;
 *                   null in a result made without running a check
 */
public record CheckResult(String subject, long seed, int[] inputShape, CheckSettings settings,
                          List<ParamResult> params, List<DetectorResult> detectors, Throwable cause, Inputs inputs) {
    /** A result of code that did not throw, with no inputs recorded. */
    public CheckResult(String subject, long seed, int[] inputShape, CheckSettings settings, List<ParamResult> params,
                       List<DetectorResult> detectors) {
        this(subject, seed, inputShape, settings, params, detectors, null, null);
    }

    /**
     * What a check ran at, copied before it ran: the numbers of the case, to redo it by hand.
     * Copies in, copies out: nothing done to a check's tensors or to these changes them.
     *
     * @param x        the input
     * @param params   the parameters by name, in the subject's order
     * @param upstream G, the fixed upstream gradient of a single layer checked as f = Σ forward(x)·G;
     *                 null for a subject that is its own scalar (a loss, a network, a function)
     */
    public record Inputs(Tensor x, Map<String, Tensor> params, Tensor upstream) {
        public Inputs {
            x = x.copy();
            params = Collections.unmodifiableMap(Subject.snapshot(params));
            upstream = upstream == null ? null : upstream.copy();
        }

        @Override
        public Tensor x() {
            return x.copy();
        }

        @Override
        public Map<String, Tensor> params() {
            return Collections.unmodifiableMap(Subject.snapshot(params));
        }

        @Override
        public Tensor upstream() {
            return upstream == null ? null : upstream.copy();
        }

        /** "Inputs[x [2, 4], params {W=[4, 3], b=[3]}, G [2, 3]]": the shapes, not the numbers. */
        @Override
        public String toString() {
            Map<String, String> shapes = new java.util.LinkedHashMap<>();
            params.forEach((k, v) -> shapes.put(k, v.shapeString()));
            return "Inputs[x " + x.shapeString() + ", params " + shapes + (upstream == null ? "" : ", G " + upstream.shapeString()) + "]";
        }
    }

    public CheckResult {
        inputShape = inputShape.clone();
        params = List.copyOf(params);
        detectors = List.copyOf(detectors);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** "CheckResult[subject=Affine, seed=7, inputShape=[4, 3, 2, 2], status=PASSED, ...]": readable, with the shape. */
    @Override
    public String toString() {
        return "CheckResult[subject=" + subject + ", seed=" + seed + ", inputShape=" + java.util.Arrays.toString(inputShape)
                + ", status=" + status() + ", settings=" + settings + ", params=" + params.stream().map(ParamResult::name).toList()
                + (cause == null ? "" : ", cause=" + cause) + "]";
    }

    /** FAILED if any gradient or detector failed; else INCONCLUSIVE if any gradient was; else PASSED. */
    public Status status() {
        if (detectors.stream().anyMatch(DetectorResult::caught)) {
            return Status.FAILED;
        }
        Status s = Status.PASSED;
        for (ParamResult r : params) {
            if (r.status() == Status.FAILED) {
                return Status.FAILED;
            }
            if (r.status() == Status.INCONCLUSIVE) {
                s = Status.INCONCLUSIVE;
            }
        }
        return s;
    }

    public boolean passed() {
        return status() == Status.PASSED;
    }

    /** The result for one gradient by name ("W1", ..., or "x"). */
    public ParamResult param(String name) {
        return params.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("CheckResult: no gradient named " + name));
    }

    /** Whether this detector caught a bug here. */
    public boolean caughtBy(Detector d) {
        return detectors.stream().anyMatch(r -> r.detector() == d && r.caught());
    }

    /** Throws an {@link AssertionError} with {@link #failureMessage()} unless the check passed. */
    public void assertPassed() {
        if (!passed()) {
            throw new AssertionError(failureMessage(), cause);
        }
    }

    /** The header line (subject, status, seed, input shape) and a line for every gradient that did not pass. */
    public String failureMessage() {
        return Messages.failure(this);
    }

    /** A table with a row per gradient: shape, checked, skipped, max abs and rel error, status. */
    public String table() {
        return Messages.table(this);
    }
}

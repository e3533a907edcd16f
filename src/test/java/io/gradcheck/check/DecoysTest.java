package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoys around a check, on hand-made scalar subjects f(x) = c · Σ x² with state of their own. */
class DecoysTest {
    private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);

    /** f(x) = c Σ x², ∂f/∂x = 2 c x, where c is whatever state() says on each call. */
    private abstract static class Stateful implements Subject {
        abstract double c(Tensor x);

        double g(Tensor x) {
            return c(x);
        }

        @Override
        public String name() {
            return "stateful";
        }

        @Override
        public Map<String, Tensor> params() {
            return Map.of();
        }

        @Override
        public double value(Tensor x) {
            return c(x) * Ops.dot(x, x);
        }

        @Override
        public int[] branches() {
            return new int[0];
        }

        @Override
        public Analytic analytic(Tensor x) {
            return new Analytic(Map.of(), Ops.scale(x, 2 * g(x)), null);
        }
    }

    private static DetectorResult state(Subject s) {
        return HandMade.detector(GradientCheck.of(s).input(X).seed(1).run(), Detector.STATE);
    }

    @Test
    void aValueThatChangesFromCallToCallIsNotAFunctionOfItsInput() {
        DetectorResult d = state(new Stateful() {
            int calls;

            @Override
            double c(Tensor x) {
                return 1 + 1e-3 * calls++;
            }
        });
        assertTrue(d.caught());
        assertTrue(d.evidence().matches("forward is not a function of its input: two calls on the same x give \\S+ then \\S+"),
                d.evidence());
        assertEquals(java.util.List.of("x"), d.blamed());
    }

    @Test
    void aValueKeyedOnTheLastBatchSizeDependsOnAnEarlierCall() {
        DetectorResult d = state(new Stateful() {
            int lastRows = -1;
            double c = 1;

            @Override
            double c(Tensor x) {
                if (x.dim(0) != lastRows) {  // "recomputed" only when the batch changes
                    c = 1 + 0.01 * x.get(0);
                    lastRows = x.dim(0);
                }
                return c;
            }
        });
        assertTrue(d.caught(), d.evidence());
        assertTrue(d.evidence().startsWith("forward at x depends on an earlier call: it gives "), d.evidence());
    }

    @Test
    void aBackwardThatReadsThePreviousInputDependsOnAnEarlierCall() {
        DetectorResult d = state(new Stateful() {
            Tensor previous;

            @Override
            double c(Tensor x) {
                return 1;
            }

            @Override
            double g(Tensor x) {
                double v = previous == null ? 1 : 1 + 0.01 * previous.get(0);
                previous = x.copy();
                return v;
            }
        });
        assertTrue(d.caught(), d.evidence());
        assertTrue(d.evidence().matches("backward at x depends on an earlier call: dx\\[0, 0\\] is \\S+ after a call on one "
                + "other input, \\S+ after a call on another"), d.evidence());
    }

    @Test
    void aCallThatFailsOnceOnXsShapeAndThenWorksIsState() {
        DetectorResult d = state(new Stateful() {
            boolean failedOnce;
            boolean sawBigger;

            @Override
            double c(Tensor x) {
                return 1;
            }

            @Override
            public void decoy(Tensor x) {
                sawBigger |= x.dim(0) == 3;
                if (x.dim(0) == 2 && sawBigger && !failedOnce) {  // a stale buffer from the bigger batch
                    failedOnce = true;
                    throw new IllegalStateException("stale buffer");
                }
            }
        });
        assertTrue(d.caught());
        assertEquals("a call on an input of x's shape threw IllegalStateException: stale buffer, and the same call again "
                + "did not; it depends on an earlier call", d.evidence());
    }

    @Test
    void aSubjectThatTakesOneBatchSizeOnlyKeepsNoStateAndPasses() {
        CheckResult r = GradientCheck.of(new Stateful() {
            @Override
            double c(Tensor x) {
                if (x.dim(0) != 2) {
                    throw new IllegalArgumentException("batch 2 only");
                }
                return 1;
            }
        }).input(X).seed(1).run();
        assertEquals(Status.PASSED, r.status(), r.failureMessage());
        DetectorResult d = HandMade.detector(r, Detector.STATE);
        assertTrue(d.applicable() && !d.caught(), d.evidence());
    }

    @Test
    void aCallAfterTheChecksThatThrowsIsState() {
        DetectorResult d = state(new Stateful() {
            int decoys;

            @Override
            double c(Tensor x) {
                return 1;
            }

            @Override
            public void decoy(Tensor x) {
                if (++decoys == 4) {  // x's shape, batch n + 1, x's shape, then the check's second look
                    throw new IllegalStateException("cache full");
                }
            }
        });
        assertTrue(d.caught());
        assertEquals("a call after the check's calls at x threw IllegalStateException: cache full; it depends on an earlier "
                + "call", d.evidence());
    }

    @Test
    void decoyLabelsCycleTheCheckedOnesAndTheFirstDecoyIsNotX() {
        Labels l = Decoys.labels(Labels.indices(1, 2), 5);
        assertEquals(5, l.size());
        assertArrayEquals(new int[] {1, 2, 1, 2, 1}, new int[] {l.get(0), l.get(1), l.get(2), l.get(3), l.get(4)});
        Tensor first = Decoys.first(X, 7);
        assertArrayEquals(X.shape(), first.shape());
        assertFalse(java.util.Arrays.equals(X.data(), first.data()));
        assertArrayEquals(first.data(), Decoys.first(X, 7).data(), 0.0, "seeded");
        assertFalse(java.util.Arrays.equals(first.data(), Decoys.first(X, 8).data()), "from the check's seed");
    }

    @Test
    void aSubjectThatBreaksOnAnotherBatchSizeInsteadOfRefusingItIsState() {
        DetectorResult d = state(new Stateful() {
            double[] buffer;

            @Override
            double c(Tensor x) {
                return 1;
            }

            @Override
            public void decoy(Tensor x) {
                if (buffer == null) {
                    buffer = new double[x.size()];  // sized by the first call, and kept
                }
                for (int i = 0; i < x.size(); i++) {
                    buffer[i] = x.get(i);
                }
            }
        });
        assertTrue(d.caught());
        assertTrue(d.evidence().startsWith("a call with batch 3, after calls with batch 2, threw "
                + "ArrayIndexOutOfBoundsException: "), d.evidence());
    }
}

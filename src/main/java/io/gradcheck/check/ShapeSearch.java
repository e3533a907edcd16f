package io.gradcheck.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.Well19937c;

/**
 * Finds a shape on which a check fails, then shrinks it to the smallest shape that still fails,
 * without a property-testing library: every number a shape draws is recorded, then each is moved
 * toward its lower bound for as long as the check keeps failing.
 */
public final class ShapeSearch {
    private static final int MAX_SHRINK_CHECKS = 400;

    private ShapeSearch() {
    }

    /**
     * A failing shape and its check.
     *
     * @param shape  the smallest failing shape found
     * @param result the check on it
     * @param tries  how many random shapes were drawn before one failed
     * @param seed   the seed that reproduces the search
     */
    public record Found<S>(S shape, CheckResult result, int tries, long seed) {
        /** The check's failure message, then the smallest failing shape and the seed. */
        public String message() {
            return result.failureMessage() + "\n  smallest failing shape: " + shape + " (after " + tries
                    + " random shapes, search seed " + seed + ")";
        }
    }

    /**
     * Draws up to {@code tries} shapes from {@code seed} and checks each. Returns null if none fails,
     * else the first failure shrunk to the smallest shape on which the check still fails.
     */
    public static <S> Found<S> smallestFailing(Function<Shapes.Ints, S> draw, Function<S, CheckResult> check,
                                               long seed, int tries) {
        Well19937c rng = new Well19937c(seed);
        for (int k = 1; k <= tries; k++) {
            Recording rec = new Recording(rng);
            S shape = draw.apply(rec);
            CheckResult r = check.apply(shape);
            if (r.status() == Status.FAILED) {
                return shrink(draw, check, rec.values, rec.bounds, shape, r, k, seed);
            }
        }
        return null;
    }

    private static <S> Found<S> shrink(Function<Shapes.Ints, S> draw, Function<S, CheckResult> check,
                                       List<Integer> values, List<int[]> bounds, S shape, CheckResult r,
                                       int tries, long seed) {
        int budget = MAX_SHRINK_CHECKS;
        boolean improved = true;
        while (improved && budget > 0) {
            improved = false;
            for (int i = 0; i < values.size() && budget > 0; i++) {
                int lo = bounds.get(i)[0], v = values.get(i);
                for (int c : new int[] {lo, lo + (v - lo) / 2, v - 1}) {
                    if (c >= v || c < lo || budget-- <= 0) {
                        continue;
                    }
                    List<Integer> trial = new ArrayList<>(values);
                    trial.set(i, c);
                    Replay rep = new Replay(trial);
                    S s = draw.apply(rep);
                    CheckResult cr = check.apply(s);
                    if (cr.status() == Status.FAILED) {
                        values.clear();
                        values.addAll(rep.used);
                        bounds.clear();
                        bounds.addAll(rep.bounds);
                        shape = s;
                        r = cr;
                        improved = true;
                        break;
                    }
                }
            }
        }
        return new Found<>(shape, r, tries, seed);
    }

    /** Draws uniformly and records each number and its bounds. */
    private static final class Recording implements Shapes.Ints {
        final List<Integer> values = new ArrayList<>();
        final List<int[]> bounds = new ArrayList<>();
        private final Shapes.Ints uniform;

        Recording(Well19937c rng) {
            this.uniform = Shapes.Ints.uniform(rng);
        }

        @Override
        public int between(int lo, int hi) {
            int v = uniform.between(lo, hi);
            values.add(v);
            bounds.add(new int[] {lo, hi});
            return v;
        }
    }

    /** Plays recorded numbers back, clamped to each call's bounds; past the end, the lower bound. */
    private static final class Replay implements Shapes.Ints {
        final List<Integer> used = new ArrayList<>();
        final List<int[]> bounds = new ArrayList<>();
        private final List<Integer> values;

        Replay(List<Integer> values) {
            this.values = values;
        }

        @Override
        public int between(int lo, int hi) {
            int i = used.size();
            int v = i < values.size() ? Math.max(lo, Math.min(hi, values.get(i))) : lo;
            used.add(v);
            bounds.add(new int[] {lo, hi});
            return v;
        }
    }
}

package io.gradcheck.mutants;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Generators;
import io.gradcheck.check.ShapeSearch;
import io.gradcheck.check.Shapes;
import io.gradcheck.check.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.commons.math3.random.Well19937c;

/**
 * Judges the mutants of a layer with the gradient checker alone, once per JVM: a search over random
 * shapes from a fixed seed ({@link ShapeSearch#smallestFailing}), shrunk when a check fails. A
 * survivor is then compared with the unmutated layer on the same shapes ({@link Verdict.Survival}).
 */
final class MutantsRun {
    /** The search seed: the property tests' ({@link Generators#SEED}). */
    static final long SEED = Generators.SEED;
    /** Random shapes per mutant before it counts as a survivor; -Dgradcheck.mutantTries=N. */
    static final int TRIES = Integer.getInteger("gradcheck.mutantTries", 100);
    /** Which mutants to judge: all (-Dgradcheck.mutants=all, the mutants profile), or every SAMPLE-th. */
    static final boolean ALL = "all".equals(System.getProperty("gradcheck.mutants", "sample"));
    static final int SAMPLE = 10;
    private static final Map<Subject, List<Verdict>> DONE = new EnumMap<>(Subject.class);
    private static final Map<Subject, Long> MILLIS = new EnumMap<>(Subject.class);

    private MutantsRun() {
    }

    /** The verdicts on the layer's mutants (all, or the sample), in PIT's order; computed once. */
    static synchronized List<Verdict> of(Subject s) {
        return DONE.computeIfAbsent(s, k -> {
            long t0 = System.nanoTime();
            List<Mutant> all = MutantSource.of(k.internalName());
            IntPredicate chosen = i -> ALL || i % SAMPLE == 0;
            List<Verdict> out = new ArrayList<>();
            Class<?> original = Copies.define(k.internalName(), null, null);
            List<Object> shapes = shapes(k);
            List<Subject.Outputs[]> expected = new ArrayList<>();
            for (Object shape : shapes) {
                Watchdog.reset();
                expected.add(new Subject.Outputs[] {k.outputs(original, shape, true), k.outputs(original, shape, false)});
            }
            for (int i = 0; i < all.size(); i++) {
                if (chosen.test(i)) {
                    out.add(judge(k, all.get(i), shapes, expected));
                }
            }
            MILLIS.put(k, (System.nanoTime() - t0) / 1_000_000);
            return out;
        });
    }

    /** Milliseconds the layer's run took, or -1 if it has not run. */
    static synchronized long millis(Subject s) {
        return MILLIS.getOrDefault(s, -1L);
    }

    /** The shapes the search draws first, in order: {@link #TRIES} of them. */
    static List<Object> shapes(Subject s) {
        Shapes.Ints in = Shapes.Ints.uniform(new Well19937c(SEED));
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            out.add(s.draw(in));
        }
        return out;
    }

    /** Judges one mutant: the checker alone, on up to {@link #TRIES} random shapes, then shrinking. */
    private static Verdict judge(Subject s, Mutant m, List<Object> shapes, List<Subject.Outputs[]> expected) {
        Class<?> copy = Copies.define(s.internalName(), m.className(), m.bytes());
        Object[] last = {null};
        Object[] firstFailed = {null, null};  // shape, result
        int[] checks = {0};
        ShapeSearch.Found<Object> found;
        try {
            found = ShapeSearch.smallestFailing(s::draw, shape -> {
                last[0] = shape;
                checks[0]++;
                Watchdog.reset();
                CheckResult r = s.check(copy, shape);
                if (r.status() == Status.FAILED && firstFailed[0] == null) {
                    firstFailed[0] = shape;
                    firstFailed[1] = r;
                }
                return r;
            }, SEED, TRIES);
        } catch (Watchdog.Hang | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            if (firstFailed[0] != null) {  // caught, then a smaller shape hung or crashed while shrinking
                CheckResult r = (CheckResult) firstFailed[1];
                return new Verdict(m, Verdict.Outcome.CAUGHT, firstFailed[0], r, firstLine(r) + " (shrinking stopped: "
                        + describe(e) + ")", checks[0], null);
            }
            Verdict.Outcome o = e instanceof Watchdog.Hang ? Verdict.Outcome.HUNG : Verdict.Outcome.CRASHED;
            return new Verdict(m, o, last[0], null, describe(e), checks[0], null);
        }
        if (found == null) {
            return new Verdict(m, Verdict.Outcome.SURVIVED, null, null, null, checks[0], survival(s, copy, shapes, expected));
        }
        return new Verdict(m, Verdict.Outcome.CAUGHT, found.shape(), found.result(), firstLine(found.result()), checks[0], null);
    }

    /** How a survivor's computation differs from the original's on the search's shapes. */
    private static Verdict.Survival survival(Subject s, Class<?> copy, List<Object> shapes, List<Subject.Outputs[]> expected) {
        boolean forward = false, backward = false, state = false;
        for (int i = 0; i < shapes.size(); i++) {
            Subject.Outputs[] want = expected.get(i);
            Subject.Outputs got, afterDecoy;
            try {
                Watchdog.reset();
                got = s.outputs(copy, shapes.get(i), true);
            } catch (RuntimeException | Watchdog.Hang e) {
                return Verdict.Survival.OTHER_FUNCTION;  // it throws where the original does not
            }
            forward |= !Subject.Outputs.same(want[0].forward(), got.forward());
            backward |= !Subject.Outputs.same(want[0].backward(), got.backward());
            try {
                Watchdog.reset();
                afterDecoy = s.outputs(copy, shapes.get(i), false);
                state |= !Subject.Outputs.same(want[1].forward(), afterDecoy.forward())
                        || !Subject.Outputs.same(want[1].backward(), afterDecoy.backward());
            } catch (RuntimeException | Watchdog.Hang e) {
                state = true;
            }
        }
        return forward ? Verdict.Survival.OTHER_FUNCTION : backward ? Verdict.Survival.BACKWARD_DIFFERS
                : state ? Verdict.Survival.STATE : Verdict.Survival.SAME;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String firstLine(CheckResult r) {
        String[] lines = r.failureMessage().split("\n");
        return lines.length > 1 ? lines[1].strip() : lines[0];
    }
}

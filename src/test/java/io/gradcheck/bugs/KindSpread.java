package io.gradcheck.bugs;

import io.gradcheck.check.BugKind;
import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Diagnosis;
import io.gradcheck.check.Shapes;
import io.gradcheck.check.Status;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.math3.random.Well19937c;

/**
 * The engine's diagnoses of one entry over many random failing shapes, not just the shrunk one:
 * shrinking yields the smallest shapes, which carry the least evidence, so both views are kept.
 *
 * @param failing    how many of the drawn shapes failed
 * @param kinds      how often each kind was named for the entry's first wrong gradient
 * @param none       how many failing checks named no kind for it (it did not fail element-wise)
 * @param overreach  the first failing shape's check that blamed a gradient the entry does not declare, or null
 */
record KindSpread(int failing, Map<BugKind, Integer> kinds, int none, String overreach) {
    /** Diagnoses on {@code shapes} shapes drawn from seed, unshrunk. */
    static <S> KindSpread of(Bug<S> bug, long seed, int shapes) {
        Well19937c rng = new Well19937c(seed);
        Shapes.Ints in = Shapes.Ints.uniform(rng);
        Map<BugKind, Integer> kinds = new EnumMap<>(BugKind.class);
        int failing = 0, none = 0;
        String overreach = null;
        for (int k = 0; k < shapes; k++) {
            S shape = bug.shapes().draw().apply(in);
            CheckResult r = bug.check().apply(shape);
            if (overreach == null && !bug.wrongParams().containsAll(Blame.of(r))) {
                overreach = r.failureMessage() + "\n  shape: " + shape + " (shape " + (k + 1) + " from seed " + seed + ")";
            }
            if (r.status() == Status.FAILED) {
                failing++;
                Diagnosis d = Outcome.diagnosisOf(r, bug.wrongParams().get(0));
                if (d == null) {
                    none++;
                } else {
                    kinds.merge(d.kind(), 1, Integer::sum);
                }
            }
        }
        return new KindSpread(failing, kinds, none, overreach);
    }

    /** How many failing shapes got the expected kind. */
    int right(BugKind expected) {
        return kinds.getOrDefault(expected, 0);
    }

    /** How many failing shapes got a kind that is neither the expected one nor UNKNOWN. */
    int wrong(BugKind expected) {
        return kinds.entrySet().stream().filter(e -> e.getKey() != expected && e.getKey() != BugKind.UNKNOWN)
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** "UNKNOWN 29, BORDER 10, none 1", most frequent first, "none" last. */
    String text() {
        String named = kinds.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return none == 0 ? named : named.isEmpty() ? "none " + none : named + ", none " + none;
    }
}

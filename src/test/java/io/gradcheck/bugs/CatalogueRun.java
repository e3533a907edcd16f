package io.gradcheck.bugs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches each catalogue entry's shapes once per JVM and keeps the outcomes, so that the detection,
 * diagnosis, shrinking and documentation tests all judge the same runs.
 */
final class CatalogueRun {
    /** The search seed: fixed in the build, -Dgradcheck.seed=N to change it. */
    static final long SEED = Fixture.SEED;
    /** Shapes drawn per entry before giving up: -Dgradcheck.tries=N. */
    static final int TRIES = Integer.getInteger("gradcheck.tries", 200);
    /** Random shapes per entry on which the diagnoses are tallied, unshrunk. */
    static final int SPREAD_SHAPES = 40;
    private static final Map<String, Outcome> OUTCOMES = new LinkedHashMap<>();

    private CatalogueRun() {
    }

    static synchronized Outcome of(Bug<?> bug) {
        return OUTCOMES.computeIfAbsent(bug.id(), id -> new Outcome(bug, bug.search(SEED, TRIES), KindSpread.of(bug, SEED, SPREAD_SHAPES)));
    }

    static List<Outcome> all() {
        return Catalogue.all().stream().map(CatalogueRun::of).toList();
    }
}

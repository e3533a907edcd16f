package io.gradcheck.bugs;

import java.util.Map;

/**
 * Catalogue entries that the diagnosis engine (check/Diagnose, check/Patterns) currently names
 * with a confident wrong kind, and why. Their per-entry test is aborted, not passed, so that the
 * gap stays visible in every build; {@code CatalogueTest.engineGapsAreStillGaps} fails as soon as
 * one is fixed, so that this list cannot go stale. Remove an entry when the engine gets it right.
 */
final class EngineGaps {
    private EngineGaps() {
    }

    static final Map<String, String> WRONG = Map.of();
}

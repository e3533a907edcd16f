package io.gradcheck.bugs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** docs/bugs.md may end in a section that another test generates, below a marker: the catalogue's own test leaves it alone. */
class BugsDocTest {
    private static final String MUTANTS = "<!-- mutants -->\n## Mutants\n\n| a | b |\n";

    @Test
    void withoutTheMarkerTheWholeFileIsTheCatalogues() {
        assertEquals("# The bug catalogue\n\nold\n", BugsDoc.ours("# The bug catalogue\n\nold\n"));
        assertEquals("new\n", BugsDoc.replaceOurs("# The bug catalogue\n\nold\n", "new\n"));
    }

    @Test
    void onlyThePartAboveTheMarkerIsComparedAndRewritten() {
        String doc = "# The bug catalogue\n\nold\n\n" + MUTANTS;
        assertEquals("# The bug catalogue\n\nold\n", BugsDoc.ours(doc));
        assertEquals("new\n\n" + MUTANTS, BugsDoc.replaceOurs(doc, "new\n"));
        assertEquals("new\n", BugsDoc.ours(BugsDoc.replaceOurs(doc, "new\n")));
    }
}

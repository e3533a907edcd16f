package io.gradcheck.mutants;

/**
 * One mutant of a class of io.gradcheck.layer, as PIT's engine made it.
 *
 * @param className   the mutated class, internal name ({@code io/gradcheck/layer/Im2col})
 * @param method      the mutated method
 * @param line        its source line
 * @param index       the mutated instruction's index in the method, which tells apart mutants of one line
 * @param mutator     PIT's operator, e.g. MATH
 * @param description PIT's words, e.g. "Replaced integer addition with subtraction"
 * @param bytes       the mutated class file
 */
record Mutant(String className, String method, int line, int index, String mutator, String description, byte[] bytes) {
    /** The class's simple name. */
    String simpleClass() {
        return className.substring(className.lastIndexOf('/') + 1);
    }

    /** The key of this mutant in src/test/resources/mutant-survivors.tsv: class, method, line, index, mutator. */
    String key() {
        return simpleClass() + "\t" + method + "\t" + line + "\t" + index + "\t" + mutator;
    }

    /** Where and what, in a few words: {@code Im2col.col2imT:140 #57 MATH (Replaced ...)}. */
    @Override
    public String toString() {
        return simpleClass() + "." + method + ":" + line + " #" + index + " " + mutator + " (" + description + ")";
    }
}

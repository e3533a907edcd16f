package io.gradcheck.exercise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The pristine exercise sources, shipped as resources under {@code io/gradcheck/exercise/pristine/}:
 * what "not started" compares against, what {@code exercise reset} restores, and what the build's
 * proofs compile.
 */
public final class Pristine {
    private Pristine() {
    }

    /** The pristine source of an exercise. */
    public static String source(Exercise e) {
        String name = "pristine/" + e.className() + ".java";
        try (InputStream in = Pristine.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Pristine: resource io/gradcheck/exercise/" + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Whether a source is the pristine one, ignoring line-ending differences (a checkout on Windows). */
    public static boolean isPristine(Exercise e, String source) {
        return normalize(source).equals(normalize(source(e)));
    }

    private static String normalize(String s) {
        return s.replace("\r\n", "\n");
    }
}

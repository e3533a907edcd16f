package io.gradcheck.report;

import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * A tensor as tables of numbers, along its own axes: a 4-D tensor as one i x j table per (n, c)
 * slice, a matrix as one table, a vector as one row. Bounded: at most {@link #MAX_VALUES} values and
 * {@link #MAX_COLS} columns, and the cut is said in words. Every string is escaped.
 */
final class Numbers {
    static final int MAX_VALUES = 300;
    static final int MAX_COLS = 12;

    private Numbers() {
    }

    /**
     * One tensor: a heading "name shape" and what it is, then its tables, at most {@link #MAX_VALUES} values.
     *
     * @param axes  the names of t's axes, as the messages write them (n, c, i, j)
     * @param marks for a flat index, "fail" or "kink" (the cell's class) or null; may be null
     */
    static String tensor(String cls, String name, String what, Tensor t, List<String> axes, IntFunction<String> marks) {
        return tensor(cls, name, what, t, axes, marks, MAX_VALUES);
    }

    /** As {@link #tensor(String, String, String, Tensor, List, IntFunction)}, showing at most limit values. */
    static String tensor(String cls, String name, String what, Tensor t, List<String> axes, IntFunction<String> marks,
                         int limit) {
        StringBuilder b = new StringBuilder("<div class=\"tensor ").append(cls).append("\" data-name=\"")
                .append(Html.escape(name)).append("\"><h5>").append(Html.escape(name + " " + t.shapeString()))
                .append(what.isEmpty() ? "" : " <span class=\"what\">" + Html.escape(what) + "</span>").append("</h5>");
        int[] s = t.shape();
        int rows, cols, slices;
        if (s.length >= 3) {  // (…, i, j): one table per leading index
            rows = s[s.length - 2];
            cols = s[s.length - 1];
            slices = t.size() / (rows * cols);
        } else if (s.length == 2) {
            rows = s[0];
            cols = s[1];
            slices = 1;
        } else {
            rows = 1;
            cols = t.size();
            slices = 1;
        }
        int shownCols = Math.min(cols, MAX_COLS);
        int budget = limit, shownValues = 0;
        int shownSlices = 0;
        for (int sl = 0; sl < slices && budget > 0; sl++) {
            int shownRows = Math.min(rows, Math.max(1, budget / shownCols));
            b.append("<table class=\"numbers\">");
            if (s.length >= 3) {
                b.append("<caption>").append(Html.escape(name + slice(s, axes, sl))).append("</caption>");
            }
            String rowAxis = s.length >= 2 ? axes.get(s.length - 2) : "";
            String colAxis = axes.get(s.length - 1);
            b.append("<tr><th>").append(Html.escape(rowAxis.isEmpty() ? colAxis : rowAxis + " \\ " + colAxis)).append("</th>");
            for (int j = 0; j < shownCols; j++) {
                b.append("<th>").append(j).append("</th>");
            }
            b.append("</tr>");
            for (int i = 0; i < shownRows; i++) {
                b.append("<tr><th>").append(s.length >= 2 ? String.valueOf(i) : "").append("</th>");
                for (int j = 0; j < shownCols; j++) {
                    int flat = (sl * rows + i) * cols + j;
                    String mark = marks == null ? null : marks.apply(flat);
                    b.append(mark == null ? "<td>" : "<td class=\"" + mark + "\">").append(Html.escape(num(t.get(flat))))
                            .append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</table>");
            budget -= shownRows * shownCols;
            shownValues += shownRows * shownCols;
            shownSlices++;
        }
        if (shownValues < t.size()) {
            b.append("<p class=\"note cut\">").append(Html.escape("Showing " + shownValues + " of " + t.size() + " values"
                    + (shownCols < cols ? ": the first " + shownCols + " of " + cols + " columns" : "")
                    + (shownSlices < slices ? (shownCols < cols ? "," : ":") + " the first " + shownSlices + " of " + slices
                    + " tables" : "") + ". The heat map shows every element.")).append("</p>");
        }
        return b.append("</div>").toString();
    }

    /** "[n=0, c=1]": the leading indices of slice sl. */
    private static String slice(int[] s, List<String> axes, int sl) {
        int lead = s.length - 2;
        int[] idx = new int[lead];
        for (int a = lead - 1, f = sl; a >= 0; a--) {
            idx[a] = f % s[a];
            f /= s[a];
        }
        StringBuilder b = new StringBuilder("[");
        for (int a = 0; a < lead; a++) {
            b.append(a > 0 ? ", " : "").append(axes.get(a)).append('=').append(idx[a]);
        }
        return b.append(']').toString();
    }

    /** Axis names for a tensor of this rank with no names of its own: (n, c, i, j), (n, j), (j), else d0, d1... */
    static List<String> axes(int rank) {
        return switch (rank) {
            case 1 -> List.of("j");
            case 2 -> List.of("n", "j");
            case 4 -> List.of("n", "c", "i", "j");
            default -> IntStream.range(0, rank).mapToObj(a -> "d" + a).toList();
        };
    }

    /** Six significant digits: enough to see where backprop and central differences part. NaN: "—". */
    static String num(double v) {
        return Double.isNaN(v) ? "—" : v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v);
    }
}

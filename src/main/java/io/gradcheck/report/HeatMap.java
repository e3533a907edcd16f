package io.gradcheck.report;

import io.gradcheck.check.CheckSettings;
import io.gradcheck.check.Elements;
import io.gradcheck.check.ParamResult;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One gradient's error against its tolerance as an inline SVG, laid out along the tensor's own
 * axes: a 4-D tensor as a grid of tiles (W1: f rows of c tiles, each i x j), a matrix as a grid, a
 * vector wrapped into rows. A cell's colour is its ratio |a − n| / (atol + rtol·max(|a|, |n|)):
 * green up to 1 (it passes, by {@link CheckSettings#agree}), orange to dark red above. Kinks are
 * grey with a cross, failing cells get a thick outline, axes are labelled, and every cell's tooltip
 * gives its index, both values and the ratio. A cell's size is set by the class of its svg ({@link #css}).
 */
final class HeatMap {
    static final int MAX_CELLS = 20_000;  // beyond this, only the first rows are drawn
    static final int MAX_WIDTH = 1000;    // the page's column is about 1,070 px wide
    static final double TOP = 1e6;        // the colour of a ratio this large or larger is the darkest red
    private static final int PASS_LEVELS = 10;
    private static final int GAP = 6;  // between tiles
    private static final int FONT = 12;
    private static final String PASS_0 = "#1a9850", PASS_1 = "#d9ef8b", FAIL_1 = "#fdae61", FAIL_TOP = "#a50026";

    private HeatMap() {
    }

    /** The layout: tileRows x tileCols tiles of rows x cols cells, each cell px wide. */
    private record Grid(int tileRows, int tileCols, int rows, int cols, int cell, String[] axes, boolean wrapped) {
    }

    /** The SVG, or null when there is nothing to draw (no element data, or a misshapen gradient). */
    static String svg(ParamResult r, CheckSettings st) {
        Elements e = r.elements();
        if (e == null || e.analytic() == null || !e.analytic().sameShape(e.numeric())) {
            return null;
        }
        int[] s = r.shape();
        List<String> names = r.axes();
        int size = e.numeric().size();
        int[] g = switch (s.length) {  // tileRows, tileCols, rows, cols
            case 4 -> new int[] {s[0], s[1], s[2], s[3]};
            case 3 -> new int[] {1, s[0], s[1], s[2]};
            case 2 -> new int[] {1, 1, s[0], s[1]};
            default -> new int[] {1, 1, 1, size};
        };
        int cell = cellSize(Math.min(size, MAX_CELLS));
        boolean wrapped = s.length < 2;
        if (wrapped) {  // a vector wraps into rows that fit the page
            int perRow = Math.max(1, Math.min(size, (MAX_WIDTH - 60) / cell));
            g = new int[] {1, 1, (size + perRow - 1) / perRow, perRow};
        }
        while (cell > 6 && 60 + g[1] * (g[3] * cell + GAP) > MAX_WIDTH) {
            cell--;
        }
        int perTileRow = g[1] * g[2] * g[3];
        int tileRows = Math.max(1, Math.min(g[0], MAX_CELLS / Math.max(1, perTileRow)));
        int rows = g[2];
        if (g[0] == 1 && g[1] == 1 && (long) g[2] * g[3] > MAX_CELLS) {
            rows = Math.max(1, MAX_CELLS / g[3]);
        }
        String[] axes = switch (s.length) {
            case 4 -> names.toArray(String[]::new);
            case 3 -> new String[] {null, names.get(0), names.get(1), names.get(2)};
            case 2 -> new String[] {null, null, names.get(0), names.get(1)};
            default -> new String[] {null, null, "index", "+"};
        };
        Grid grid = new Grid(tileRows, g[1], rows, g[3], cell, axes, wrapped);
        String svg = draw(r, st, grid, size);
        boolean cut = tileRows < g[0] || rows < g[2];
        String caption = "<p class=\"axes\">" + Html.escape(caption(grid)) + "</p>";
        return caption + svg + (cut ? "<p class=\"note cut\">Showing the first " + (tileRows < g[0]
                ? tileRows + " of " + g[0] + " tile rows" : rows + " of " + g[2] + " rows") + ".</p>" : "");
    }

    /** Cells of 24 px on small tensors, down to 8 px on big ones; {@link #css} sizes them by the svg's class "c" + size. */
    static int cellSize(int cells) {
        return cells <= 100 ? 24 : cells <= 400 ? 20 : cells <= 1600 ? 16 : cells <= 5000 ? 12 : 8;
    }

    private static String caption(Grid g) {
        if (g.wrapped()) {
            return "A vector, wrapped: the row label plus the column label is the index i.";
        }
        String inTile = "rows " + g.axes()[2] + ", columns " + g.axes()[3];
        if (g.axes()[1] == null) {
            return "A matrix: " + inTile + ".";
        }
        return (g.axes()[0] == null ? "Tiles: columns " + g.axes()[1] : "Tiles: rows " + g.axes()[0] + ", columns " + g.axes()[1])
                + ". In each tile: " + inTile + ".";
    }

    private static String draw(ParamResult r, CheckSettings st, Grid g, int size) {
        String[] ax = g.axes();
        int rowDigits = String.valueOf(g.wrapped() ? size : g.rows()).length();
        int left = Math.max(36, (ax[0] == null ? 0 : 12 + 7 * (ax[0].length() + 1 + String.valueOf(g.tileRows()).length()))
                + 8 + 7 * rowDigits);  // at least the corner's "i \ j"
        int top = (ax[1] == null ? 0 : 16) + 16;
        int tileW = g.cols() * g.cell() + GAP, tileH = g.rows() * g.cell() + GAP;
        int step = Math.max(1, (FONT + 2 + g.cell() - 1) / g.cell());  // one tick per FONT + 2 px at least
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heat c%d\" width=\"%d\" height=\"%d\" font-size=\"%d\">",
                g.cell(), left + g.tileCols() * tileW, top + g.tileRows() * tileH, FONT));
        b.append(text("axis-name", 0, top - 4, "start", g.wrapped() ? "i" : ax[2] + " \\ " + ax[3]));
        for (int tc = 0; tc < g.tileCols() && ax[1] != null; tc++) {
            b.append(text("axis tile-col", left + tc * tileW, 12, "start", ax[1] + "=" + tc));
        }
        for (int tr = 0; tr < g.tileRows() && ax[0] != null; tr++) {
            b.append(text("axis tile-row", 0, top + tr * tileH + FONT, "start", ax[0] + "=" + tr));
        }
        b.append("<g class=\"ticks col\" text-anchor=\"middle\">");  // grouped: a report has thousands of ticks
        for (int tc = 0; tc < g.tileCols(); tc++) {
            for (int j = 0; j < g.cols(); j += step) {
                b.append(tick(left + tc * tileW + j * g.cell() + g.cell() / 2, top - 4, j));
            }
        }
        b.append("</g><g class=\"ticks row\" text-anchor=\"end\">");
        for (int tr = 0; tr < g.tileRows(); tr++) {
            for (int i = 0; i < g.rows(); i += step) {
                b.append(tick(left - 4, top + tr * tileH + i * g.cell() + (g.cell() + FONT) / 2 - 1, g.wrapped() ? i * g.cols() : i));
            }
        }
        b.append("</g>");
        Cells cells = new Cells(r, st, g.cell());
        for (int tr = 0; tr < g.tileRows(); tr++) {
            for (int tc = 0; tc < g.tileCols(); tc++) {  // a tile is a group, so its cells' coordinates are short
                b.append("<g transform=\"translate(").append(left + tc * tileW).append(' ').append(top + tr * tileH).append(")\">");
                for (int i = 0; i < g.rows(); i++) {
                    for (int j = 0; j < g.cols(); j++) {
                        int flat = ((tr * g.tileCols() + tc) * g.rows() + i) * g.cols() + j;
                        if (flat < size) {
                            cells.cell(b, flat, j * g.cell(), i * g.cell());
                        }
                    }
                }
                b.append("</g>");
            }
        }
        return b.append("</svg>").toString();
    }

    private static String tick(int x, int y, int value) {
        return "<text x=\"" + x + "\" y=\"" + y + "\">" + value + "</text>";
    }

    private static String text(String cls, int x, int y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                cls, x, y, anchor, Html.escape(s));
    }

    /** Draws one element's cell. */
    private static final class Cells {
        private final ParamResult r;
        private final CheckSettings st;
        private final Tensor a;
        private final Tensor n;
        private final boolean[] kink;
        private final int size;

        Cells(ParamResult r, CheckSettings st, int size) {
            this.r = r;
            this.st = st;
            this.a = r.elements().analytic();
            this.n = r.elements().numeric();
            this.kink = new boolean[n.size()];
            this.size = size;
            Arrays.stream(r.elements().kinks()).forEach(i -> kink[i] = true);
        }

        void cell(StringBuilder b, int flat, int x, int y) {
            String index = Html.escape(r.elementIndex(flat));
            double av = a.get(flat), nv = n.get(flat);
            if (kink[flat]) {
                b.append(String.format(Locale.ROOT, "<g class=\"kink\"><rect x=\"%d\" y=\"%d\" fill=\"#bbb\"/>"
                        + "<path d=\"M%d %dl%d %d\" stroke=\"#555\"/><title>%s: skipped, a kink (analytic %s)</title></g>",
                        x, y, x, y, size, size, index, num(av)));
                return;
            }
            if (Double.isNaN(nv)) {
                b.append(String.format(Locale.ROOT, "<rect class=\"nc\" x=\"%d\" y=\"%d\" fill=\"#fff\" "
                        + "stroke=\"#ddd\"><title>%s: not compared</title></rect>", x, y, index));
                return;
            }
            boolean pass = st.agree(av, nv);
            double ratio = ratio(av, nv, st);
            // kept short, as a report has thousands of cells: the size is the svg's class, and a passing
            // cell's colour one of 11 classes (p0, the default, has no attribute)
            String look = pass ? passClass(ratio) : " class=\"fail\" fill=\"" + colour(ratio, false) + "\" stroke=\"#000\" stroke-width=\"2\"";
            b.append("<rect").append(look).append(" x=\"").append(x).append("\" y=\"").append(y).append("\"><title>").append(index)
                    .append(": analytic ").append(num(av)).append(", numeric ").append(num(nv)).append(", ratio ")
                    .append(String.format(Locale.ROOT, "%.2g", ratio)).append(pass ? "" : ", FAILS").append("</title></rect>");
        }
    }

    /** A passing cell's colour: "" for ratio below 0.05 (the default fill), else class p1..p10, one per tenth of the tolerance. */
    static String passClass(double ratio) {
        long level = Math.round(Math.max(0, Math.min(1, ratio)) * PASS_LEVELS);
        return level == 0 ? "" : " class=\"p" + level + "\"";
    }

    /** |a − n| / tolerance(a, n): at most 1 where the element passes. 0 for equal values, even at a zero tolerance. */
    static double ratio(double a, double n, CheckSettings st) {
        double err = Math.abs(a - n);
        return err == 0 ? 0 : err / st.tolerance(a, n);
    }

    /**
     * The colour of a ratio: green (0) to pale green (1) for a passing element; orange (just above
     * 1) to dark red ({@link #TOP} and above, on a log scale) for a failing one. pass is the
     * checker's own verdict, so a ratio rounded to 1 is still coloured by what the checker decided.
     */
    static String colour(double ratio, boolean pass) {
        if (pass) {
            return mix(PASS_0, PASS_1, Math.max(0, Math.min(1, ratio)));
        }
        double t = ratio > 1 ? Math.min(1, Math.log10(ratio) / Math.log10(TOP)) : 0;
        return mix(FAIL_1, FAIL_TOP, Double.isNaN(t) ? 1 : t);
    }

    private static String mix(String from, String to, double t) {
        int[] c = new int[3];
        for (int k = 0; k < 3; k++) {
            int lo = Integer.parseInt(from.substring(1 + 2 * k, 3 + 2 * k), 16);
            int hi = Integer.parseInt(to.substring(1 + 2 * k, 3 + 2 * k), 16);
            c[k] = (int) Math.round(lo + t * (hi - lo));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]);
    }

    /**
     * The colour bar of every heat map of a check: a continuous scale from 0 to 1 (the tolerance,
     * passing) and on from 1 to {@link #TOP} (failing, log scale), with the tolerance rule written
     * out, and the swatches for kinks, elements not compared and failing outlines. Drawn by the
     * page's style ({@link #css}), so that each check's copy is small.
     */
    static String legend(CheckSettings st) {
        StringBuilder b = new StringBuilder("<div class=\"heat-legend\"><p>Heat maps: each cell is one element's error "
                + "against the tolerance, |analytic − numeric| / (atol + rtol·max(|analytic|, |numeric|)), with atol "
                + Html.numbers(num(st.atol())) + " and rtol " + Html.numbers(num(st.rtol()))
                + ". At most 1 passes (green); above 1 fails (orange to red, outlined). Hover over a cell for its values.</p>"
                + "<div class=\"colorbar\"><span class=\"bar-title\">passes</span><span class=\"bar-title fails\">fails</span>"
                + "<span class=\"bar pass\"></span><span class=\"bar fail\"></span>");
        String[] ticks = {"0", "0.5", "1 = tolerance", "1e2", "1e4", "≥ 1e6"};
        for (int k = 0; k < ticks.length; k++) {
            b.append("<span class=\"tick t").append(k).append("\">").append(Html.escape(ticks[k])).append("</span>");
        }
        return b.append("</div><p class=\"swatches\"><span class=\"sw\" style=\"background:#bbb\"></span>skipped at a kink "
                + "<span class=\"sw\" style=\"background:#fff\"></span>not compared "
                + "<span class=\"sw\" style=\"background:#fff;border:2px solid #000\"></span>outside tolerance</p></div>").toString();
    }

    /** The sizes of the cells, by the class of their svg: one rule per size, instead of two attributes per cell. */
    static String css() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, ".colorbar .pass { left: 0; width: 200px; background: "
                + "linear-gradient(to right, %s, %s); }%n.colorbar .fail { left: 200px; width: 300px; background: "
                + "linear-gradient(to right, %s, %s); }%n", PASS_0, PASS_1, FAIL_1, FAIL_TOP));
        b.append("svg.heat > g > rect:not([class]) { fill: ").append(PASS_0).append("; }\n");  // a tile's passing cell
        for (int k = 1; k <= PASS_LEVELS; k++) {
            b.append("svg.heat rect.p").append(k).append(" { fill: ").append(mix(PASS_0, PASS_1, k / (double) PASS_LEVELS)).append("; }\n");
        }
        for (int k = 0; k < 6; k++) {  // 0, 0.5, 1 on the linear half; 1e2, 1e4, 1e6 on the log half
            b.append(String.format(Locale.ROOT, ".colorbar .t%d { left: %dpx; }%n", k, k < 3 ? k * 100 : 200 + (k - 2) * 100));
        }
        for (int c = 6; c <= 24; c++) {
            b.append("svg.c").append(c).append(" rect { width: ").append(c).append("px; height: ").append(c).append("px; }\n");
        }
        return b.toString();
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}

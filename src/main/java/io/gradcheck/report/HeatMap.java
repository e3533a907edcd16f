package io.gradcheck.report;

import io.gradcheck.check.CheckSettings;
import io.gradcheck.check.Elements;
import io.gradcheck.check.ParamResult;
import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The per-element relative error of one gradient as an inline SVG, laid out along the tensor's own
 * axes: a 4-D tensor as a grid of tiles (W1: FN rows of C tiles, each FH x FW), a matrix as a grid,
 * a vector as a row. Colour is log10 of the relative error; kinks are grey with a cross, elements
 * outside tolerance get a thick outline, and every cell's tooltip gives its index and values.
 */
final class HeatMap {
    static final int MAX_CELLS = 20_000;  // beyond this, only the first rows are drawn
    private static final int CELL = 10;
    private static final int GAP = 4;

    private HeatMap() {
    }

    /** The SVG, or null when there is nothing to draw (no element data, or a misshapen gradient). */
    static String svg(ParamResult r, CheckSettings st) {
        Elements e = r.elements();
        if (e == null || e.analytic() == null || !e.analytic().sameShape(e.numeric())) {
            return null;
        }
        int[] s = r.shape();
        int[] grid = switch (s.length) {  // tileRows, tileCols, rows, cols
            case 4 -> new int[] {s[0], s[1], s[2], s[3]};
            case 3 -> new int[] {1, s[0], s[1], s[2]};
            case 2 -> new int[] {1, 1, s[0], s[1]};
            default -> new int[] {1, 1, 1, e.numeric().size()};
        };
        int perTileRow = grid[1] * grid[2] * grid[3];
        int tileRows = Math.max(1, Math.min(grid[0], MAX_CELLS / Math.max(1, perTileRow)));
        int rows = grid[2];
        if (grid[0] == 1 && grid[1] == 1 && (long) grid[2] * grid[3] > MAX_CELLS) {
            rows = Math.max(1, MAX_CELLS / grid[3]);
        }
        int tileW = grid[3] * CELL + GAP, tileH = rows * CELL + GAP;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heat\" width=\"%d\" height=\"%d\">",
                grid[1] * tileW, tileRows * tileH));
        Cells cells = new Cells(r, st);
        for (int tr = 0; tr < tileRows; tr++) {
            for (int tc = 0; tc < grid[1]; tc++) {
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < grid[3]; j++) {
                        int flat = ((tr * grid[1] + tc) * grid[2] + i) * grid[3] + j;
                        cells.cell(b, flat, tc * tileW + j * CELL, tr * tileH + i * CELL);
                    }
                }
            }
        }
        b.append("</svg>");
        boolean cut = tileRows < grid[0] || rows < grid[2];
        return cut ? b + "<p class=\"note\">Showing the first " + (tileRows < grid[0] ? tileRows + " of " + grid[0] + " tile rows"
                : rows + " of " + grid[2] + " rows") + ".</p>" : b.toString();
    }

    /** Draws one element's cell. */
    private static final class Cells {
        private final ParamResult r;
        private final CheckSettings st;
        private final Tensor a;
        private final Tensor n;
        private final boolean[] kink;

        Cells(ParamResult r, CheckSettings st) {
            this.r = r;
            this.st = st;
            this.a = r.elements().analytic();
            this.n = r.elements().numeric();
            this.kink = new boolean[n.size()];
            Arrays.stream(r.elements().kinks()).forEach(i -> kink[i] = true);
        }

        void cell(StringBuilder b, int flat, int x, int y) {
            String index = Html.escape(r.elementIndex(flat));
            double av = a.get(flat), nv = n.get(flat);
            if (kink[flat]) {
                b.append(String.format(Locale.ROOT, "<g class=\"kink\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#bbb\"/>"
                        + "<path d=\"M%d %dl%d %d\" stroke=\"#555\"/><title>%s: skipped, a kink (analytic %s)</title></g>",
                        x, y, CELL, CELL, x, y, CELL, CELL, index, num(av)));
                return;
            }
            if (Double.isNaN(nv)) {
                b.append(String.format(Locale.ROOT, "<rect class=\"nc\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" "
                        + "stroke=\"#eee\"><title>%s: not compared</title></rect>", x, y, CELL, CELL, index));
                return;
            }
            double scale = Math.max(Math.abs(av), Math.abs(nv));
            double rel = scale == 0 ? 0 : Math.abs(av - nv) / scale;
            boolean fail = Math.abs(av - nv) > st.atol() + st.rtol() * scale;
            b.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"%s>"
                    + "<title>%s: analytic %s, numeric %s, rel error %s</title></rect>",
                    fail ? "cell fail" : "cell", x, y, CELL, CELL, colour(rel),
                    fail ? " stroke=\"#000\" stroke-width=\"2\"" : "", index, num(av), num(nv), num(rel)));
        }
    }

    /** log10(rel) from -12 (green) through -6 (yellow) to 0 (red). */
    static String colour(double rel) {
        double t = rel <= 0 ? 0 : Math.max(0, Math.min(1, (Math.log10(rel) + 12) / 12));
        int red = (int) Math.round(255 * Math.min(1, 2 * t));
        int green = (int) Math.round(200 * Math.min(1, 2 * (1 - t)));
        return String.format(Locale.ROOT, "#%02x%02x40", red, green);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}

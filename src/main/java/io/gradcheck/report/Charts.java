package io.gradcheck.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** JFreeChart charts rendered to compact, deterministic inline SVG with JFreeSVG. */
final class Charts {
    private Charts() {
    }

    /**
     * A histogram of values with a vertical line at threshold, labelled to its right, and its
     * first bin shaded and labelled floorLabel (where values below lo were put), unless that is null.
     */
    static String histogram(String id, double[] values, double lo, double hi, int bins, String xLabel,
                            double threshold, String thresholdLabel, String floorLabel) {
        HistogramDataset data = new HistogramDataset();
        data.addSeries("elements", values.length == 0 ? new double[] {Double.NaN} : values, bins, lo, hi);
        JFreeChart chart = ChartFactory.createHistogram(null, xLabel, "elements", data, PlotOrientation.VERTICAL,
                false, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer bars = (XYBarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardXYBarPainter());  // flat bars: no gradients, smaller SVG
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x4a7ab0));
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());  // counts are whole
        ValueMarker marker = new ValueMarker(threshold, Color.RED, new BasicStroke(2f));
        marker.setLabel(thresholdLabel);
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 220));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);  // right of the line and below the top edge: never clipped
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        marker.setLabelOffset(new RectangleInsets(6, 4, 4, 4));
        plot.addDomainMarker(marker);
        if (floorLabel != null) {
            double floorEnd = lo + (hi - lo) / bins;
            plot.addDomainMarker(new IntervalMarker(lo, floorEnd, new Color(0xf0e6c8)), Layer.BACKGROUND);  // shade its bin
            ValueMarker floor = new ValueMarker(lo, new Color(0, 0, 0, 0), new BasicStroke(0f));  // its label, over the bars
            floor.setLabel(floorLabel);
            floor.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            floor.setLabelBackgroundColor(new Color(255, 255, 255, 220));
            floor.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            floor.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            floor.setLabelOffset(new RectangleInsets(6, 2, 4, 4));
            plot.addDomainMarker(floor, Layer.FOREGROUND);
        }
        return render(id, chart, 560, 260);
    }

    /**
     * The loss of each step, thin and pale, under its moving mean, thick and dark, whose legend says
     * "mean of the last k steps".
     */
    static String loss(String id, double[] losses, double[] smoothed, int window) {
        double[] steps = new double[losses.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i + 1;
        }
        JFreeChart chart = lineChart("step", "loss", new String[] {"loss of each step", smoothedName(window)},
                new double[][] {steps, steps}, new double[][] {losses, smoothed});
        XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        lines.setSeriesPaint(0, new Color(0xa9c4e2));
        lines.setSeriesStroke(0, new BasicStroke(1f));
        lines.setSeriesPaint(1, new Color(0x17365d));
        lines.setSeriesStroke(1, new BasicStroke(3f));
        lines.setSeriesShapesVisible(1, false);
        return render(id, chart, 640, 300);
    }

    /** The legend of the smoothed loss. */
    static String smoothedName(int window) {
        return window == 1 ? "mean of the last step (too few steps to smooth)" : "mean of the last " + window + " steps";
    }

    /**
     * Train and test accuracy per epoch on a fixed axis from {@code lo} to 100%, ticks every 10%
     * labelled as percentages: a gap of one point looks like one, not like half the chart.
     */
    static String accuracy(String id, double[] train, double[] test, double lo) {
        double[] epochs = new double[train.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        JFreeChart chart = lineChart("epoch", "accuracy", new String[] {"train", "test"}, new double[][] {epochs, epochs},
                new double[][] {train, test});
        NumberAxis y = (NumberAxis) chart.getXYPlot().getRangeAxis();
        y.setRange(lo, 1);
        y.setTickUnit(new NumberTickUnit(0.1, new DecimalFormat("0%", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return render(id, chart, 640, 300);
    }

    /** Lines of (x, y) series on one chart, x in whole numbers; names[i] labels series i. */
    private static JFreeChart lineChart(String xLabel, String yLabel, String[] names, double[][] xs, double[][] ys) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int s = 0; s < names.length; s++) {
            XYSeries series = new XYSeries(names[s], false, true);
            for (int i = 0; i < xs[s].length; i++) {
                series.add(xs[s][i], ys[s][i]);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(null, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                names.length > 1, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int s = 0; s < names.length; s++) {
            lines.setSeriesShapesVisible(s, xs[s].length <= 50);  // dots where there are few points, so one epoch still shows
        }
        return chart;
    }

    private static String render(String id, JFreeChart chart, int w, int h) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        SVGGraphics2D g = new SVGGraphics2D(w, h);
        g.setDefsKeyPrefix(id + "-");  // fixed ids: the same chart gives the same SVG, twice on a page never clash
        g.setGeomDoubleConverter(v -> String.format(Locale.ROOT, "%.1f", v));
        g.setTransformDoubleConverter(v -> String.format(Locale.ROOT, "%.3f", v));
        chart.draw(g, new Rectangle(w, h));
        return g.getSVGElement(id);
    }
}

package io.gradcheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.math3.random.Well19937c;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {
    @TempDir
    Path dir;

    static TrainRun run(String title, String timestamp) {
        Well19937c rng = new Well19937c(3);
        double[] losses = new double[240];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 2.3 * Math.exp(-i / 60.0) + 0.1 * rng.nextDouble();
        }
        int[][] confusion = new int[10][10];
        for (int t = 0; t < 10; t++) {
            confusion[t][t] = 190 + t;
            confusion[t][(t + 1) % 10] = t;
        }
        List<TrainRun.Digit> wrong = new ArrayList<>();
        for (int k = 0; k < 45; k++) {
            wrong.add(new TrainRun.Digit(Tensor.uniform(rng, 0, 1, 784).data(), 28, 28, k % 10, (k + 1) % 10));
        }
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("optimizer", "Adam");
        hp.put("lr", "0.001");
        return new TrainRun(title, 42, "embedded MNIST digits", hp, losses, new double[] {0.91, 0.95},
                new double[] {0.90, 0.94}, new double[] {2.0, 1.6}, 8000, Tensor.randn(rng, 0.01, 30, 1, 5, 5),
                Tensor.randn(rng, 0.1, 30, 1, 5, 5), confusion, wrong, timestamp);
    }

    @Test
    void theReportShowsLossAccuracyConfusionFiltersAndMistakes() throws IOException {
        Document doc = Jsoup.parse(Files.readString(TrainingReport.write(dir, run("train <run>", "t"))));
        assertEquals("94.00%", doc.getElementById("final-test").text());
        assertEquals("42", doc.getElementById("seed").text());
        assertEquals(1, doc.select("#loss svg").size());
        assertEquals(1, doc.select("#accuracy svg").size());
        List<Element> rows = doc.select("table.confusion tbody tr");
        assertEquals(10, rows.size());
        assertEquals("193", rows.get(3).select("td.diag").text());
        assertEquals("3", rows.get(3).select("td").get(4).text());
        assertEquals(30, doc.select("#filters-before img").size());
        assertEquals(30, doc.select("#filters-after img").size());
        assertTrue(doc.select("#filters-after img").first().attr("src").startsWith("data:image/png;base64,"));
        assertEquals(40, doc.select("#misclassified .digit").size(), "at most 40 shown");
        assertEquals("Misclassified test digits (45)", doc.select("#misclassified h2").text());
        assertEquals("0 → 1", doc.select("#misclassified .digit").first().text());
        List<Element> epochs = doc.select("#epochs tbody tr");
        assertEquals(2, epochs.size());
        assertEquals("5000", epochs.get(1).select("td").get(2).text(), "8000 images in 1.6 s");
        assertTrue(doc.select("h1").text().contains("train <run>"), "escaped, shown as text");
        assertTrue(doc.select("run").isEmpty());
        assertTrue(doc.select("script[src], link[href]").isEmpty(), "self-contained");
    }

    /** One epoch of 80 steps, train 88.7%, test 87.7%, as `train --epochs 1 --limit 800 --batch 10`. */
    static TrainRun oneEpoch() {
        TrainRun r = run("one epoch", "2026-12-02T10:00:00Z");
        Well19937c rng = new Well19937c(5);
        double[] losses = new double[80];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 2.3 * Math.exp(-i / 20.0) + 0.2 + 0.5 * rng.nextDouble();  // as noisy as batches of 10
        }
        Tensor after = Tensor.zeros(30, 1, 5, 5);
        after.set(0, 0.25);  // filter 0 at (0, 0): the largest weight, white
        after.set(1, -0.25);  // black
        after.set(2, 0.125);  // light grey
        return new TrainRun(r.title(), r.seed(), r.dataset(), r.hyperparameters(), losses, new double[] {0.887},
                new double[] {0.877}, new double[] {3.1}, 800, r.filtersBefore(), after, r.confusion(), r.misclassified(),
                r.timestamp());
    }

    private Document oneEpochReport() throws IOException {
        return Jsoup.parse(Files.readString(TrainingReport.write(dir, oneEpoch())));
    }

    /** The vertical travel of the loss chart's line segments of one stroke width. */
    private static double[] segments(Element svg, String width) {
        double travel = 0;
        int n = 0;
        for (Element line : svg.select("line[style*=stroke-width:" + width + "]")) {
            travel += Math.abs(Double.parseDouble(line.attr("y2")) - Double.parseDouble(line.attr("y1")));
            n++;
        }
        return new double[] {n, travel};
    }

    @Test
    void aOneEpochRunShowsItsLossSmoothedOverTenStepsAsAThickLine() throws IOException {
        Document doc = oneEpochReport();
        Element loss = doc.getElementById("loss");
        assertEquals("10", loss.attr("data-window"));
        assertTrue(loss.select("svg text").eachText().contains("mean of the last 10 steps"), loss.select("svg text").eachText().toString());
        assertTrue(loss.select(".note").text().contains("mean of the last 10 steps"));
        double[] raw = segments(loss.selectFirst("svg"), "1.0"), smoothed = segments(loss.selectFirst("svg"), "3.0");
        assertEquals(79, smoothed[0], "a thick segment between each two of the 80 steps");
        assertTrue(raw[0] >= 79, "the raw loss too: " + raw[0]);
        assertTrue(smoothed[1] < raw[1] / 2, "the mean moves less than the raw loss: " + smoothed[1] + " vs " + raw[1]);
    }

    @Test
    void theAccuracyAxisRunsFromFiftyToAHundredPercentWhenTheAccuraciesAreHigh() throws IOException {
        Element acc = oneEpochReport().getElementById("accuracy");
        List<String> ticks = acc.select("svg text").eachText().stream().filter(t -> t.endsWith("%")).toList();
        assertEquals(List.of("50%", "60%", "70%", "80%", "90%", "100%"), ticks, "not 87.7% to 88.7%");
        assertEquals(List.of("50%", "100%"), List.of(acc.attr("data-axis-from"), acc.attr("data-axis-to")));
        assertEquals(0.5, TrainingReport.accuracyFloor(new double[] {0.887}, new double[] {0.877}));
        assertEquals(0.2, TrainingReport.accuracyFloor(new double[] {0.31, 0.9}, new double[] {0.6}), 1e-12);
        assertEquals(0.0, TrainingReport.accuracyFloor(new double[] {0.02}));
        assertEquals(0.5, TrainingReport.accuracyFloor(new double[] {}), "no epoch yet");
    }

    @Test
    void theFiltersShareAScaleAboutZeroWithAColourBarAndItsEnds() throws IOException {
        Document doc = oneEpochReport();
        for (String when : List.of("before", "after")) {
            Element scale = doc.getElementById("filters-" + when + "-scale");
            assertTrue(scale.selectFirst("img").attr("src").startsWith("data:image/png;base64,"), when);
        }
        Element after = doc.getElementById("filters-after-scale");
        assertEquals(List.of("-0.250", "0.250", "black -0.250 · grey 0 · white 0.250"),
                List.of(after.select(".lo").text(), after.select(".hi").text(), after.select(".meaning").text()));
        BufferedImage f0 = decode(doc.select("#filters-after img").first().attr("src"));
        assertEquals(List.of(255, 0, 191, 128), List.of(grey(f0, 0), grey(f0, 1), grey(f0, 2), grey(f0, 3)),
                "+0.25 white, -0.25 black, 0.125 three quarters, 0 mid grey");
        assertEquals(128, grey(decode(doc.select("#filters-after img").get(1).attr("src")), 0), "an all-zero filter is grey");
        BufferedImage bar = decode(after.selectFirst("img").attr("src"));
        assertEquals(List.of(0, 128, 255), List.of(bar.getRaster().getSample(0, 0, 0),
                bar.getRaster().getSample(bar.getWidth() / 2, 0, 0), bar.getRaster().getSample(bar.getWidth() - 1, 0, 0)),
                "the bar runs from black through grey to white");
    }

    private static BufferedImage decode(String dataUri) throws IOException {
        byte[] png = Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /**
     * The grey level stored for element (0, j) of a 5 x 5 filter drawn zoomed: the byte in the PNG,
     * which a browser shows as is (getRGB would undo a linear-gray conversion that the browser does not).
     */
    private static int grey(BufferedImage filter, int j) {
        return filter.getRaster().getSample(j * filter.getWidth() / 5, 0, 0);
    }

    @Test
    void theSameRunGivesTheSameReportButForTheTimestamp() throws IOException {
        List<String> a = Files.readAllLines(TrainingReport.write(dir.resolve("a"), run("r", "one")));
        List<String> b = Files.readAllLines(TrainingReport.write(dir.resolve("b"), run("r", "two")));
        assertEquals(a.size(), b.size());
        int differ = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                differ++;
                assertTrue(a.get(i).contains("one") && b.get(i).contains("two"), a.get(i));
            }
        }
        assertEquals(2, differ, "only the timestamp differs: in the index's meta tag and the Generated line");
    }

    @Test
    void theSmoothingWindowIsATwentiethOfTheRunButAtLeastTenStepsAndAtMostHalf() {
        assertEquals(List.of(1, 1, 2, 5, 10, 10, 40, 800), List.of(TrainingReport.window(0), TrainingReport.window(3),
                TrainingReport.window(4), TrainingReport.window(10), TrainingReport.window(80), TrainingReport.window(200),
                TrainingReport.window(800), TrainingReport.window(16_000)));
    }

    @Test
    void smoothingIsTheMeanOfTheLastWindowOfSteps() {
        double[] v = new double[100];
        v[99] = 2;
        v[0] = 3;
        double[] s = TrainingReport.smooth(v, 10);
        assertArrayEquals(new double[] {3, 1.5, 1, 0.3, 0, 0.2}, new double[] {s[0], s[1], s[2], s[9], s[10], s[99]}, 1e-12);
    }
}

package io.gradcheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void smoothingAveragesAWindowOfAboutAFiftiethOfTheRun() {
        double[] v = new double[100];
        v[99] = 2;
        double[] s = TrainingReport.smooth(v);
        assertEquals(1.0, s[99], 1e-12);  // window of 2
        assertArrayEquals(new double[] {0, 0}, new double[] {s[0], s[98]}, 0);
    }
}

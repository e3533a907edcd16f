package io.gradcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.ScaleWithNoGradients;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexTest {
    @TempDir
    Path dir;

    private static CheckResult failing() {
        return GradientCheck.of(new ScaleWithNoGradients("scale", Tensor.of(new double[] {2}, 1)))
                .input(Tensor.of(new double[] {1, 2}, 2)).seed(1).run();
    }

    private Document index() throws IOException {
        return Jsoup.parse(Files.readString(dir.resolve("index.html")));
    }

    private static List<String> column(Document index, String cls) {
        return index.select("#runs tbody tr td." + cls).eachText();
    }

    @Test
    void theIndexHasARowPerReportWithItsKindSeedDateAndVerdictNewestFirst() throws IOException {
        CheckReport.write(dir, new CheckRun("gradcheck check", 7, List.of(), null, null, "2026-12-01T09:00:00Z"));
        CheckReport.write(dir, new CheckRun("gradcheck check", 8, List.of(failing()), null, null, "2026-12-02T09:30:05.123Z"));
        CheckReport.write(dir, new CheckRun("exercise 02 (relu)", 9, List.of(failing()), null, null, 0, "2026-12-01T12:00:00Z",
                "exercise"));
        TrainingReport.write(dir, TrainingReportTest.run("gradcheck train", "2026-11-30T08:00:00Z"));
        Document index = index();
        assertEquals(List.of("date", "kind", "report", "seed", "verdict"), index.select("#runs thead th").eachText());
        assertEquals(List.of("2026-12-02 09:30:05 UTC", "2026-12-01 12:00:00 UTC", "2026-12-01 09:00:00 UTC",
                "2026-11-30 08:00:00 UTC"), column(index, "date"), "newest first");
        assertEquals(List.of("check", "exercise", "check", "training"), column(index, "kind"));
        assertEquals(List.of("8", "9", "7", "42"), column(index, "seed"));
        assertEquals(List.of("gradcheck check", "exercise 02 (relu)", "gradcheck check", "gradcheck train"),
                index.select("#runs td.report a").eachText());
        assertEquals(List.of("./gradcheck-check-seed8.html", "./exercise-02-relu-seed9.html", "./gradcheck-check-seed7.html",
                "./gradcheck-train-seed42.html"), index.select("#runs td.report a").eachAttr("href"));
        assertEquals(List.of("FAILED 1 of 1 checks failed", "FAILED 1 of 1 checks failed", "PASSED 0 of 0 checks failed",
                "TRAINED test accuracy 94.00% after 2 epochs"), column(index, "verdict"));
        assertEquals(List.of("FAILED", "FAILED", "PASSED", "TRAINED"), index.select("#runs td.verdict span.badge").eachText());
        assertEquals("badge failed", index.select("#runs td.verdict span.badge").first().className());
    }

    @Test
    void aPageThatIsNotAReportOrCannotBeReadIsListedByItsNameAndTheIndexIsStillWritten() throws IOException {
        Files.writeString(dir.resolve("notes.html"), "<html><body>my notes</body></html>");
        Path locked = Files.writeString(dir.resolve("locked.html"), "<meta name=\"gradcheck-run\" content=\"x\">");
        boolean unreadable = locked.toFile().setReadable(false) && !Files.isReadable(locked);  // root reads anyway
        Files.write(dir.resolve("binary.html"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '<', '>'});
        Files.writeString(dir.resolve("old.html"), "<meta name=\"gradcheck-run\" content=\"an older report\" data-status=\"PASSED\">");
        Path page = CheckReport.write(dir, new CheckRun("new", 3, List.of(), null, null, "2026-12-02T00:00:00Z"));
        locked.toFile().setReadable(true);
        Document index = index();
        List<Element> rows = index.select("#runs tbody tr");
        assertEquals(5, rows.size(), index.html());
        assertEquals(page.getFileName().toString(), rows.get(0).select("a").attr("href").substring(2), "the dated one first");
        assertEquals(List.of("new", "binary.html", unreadable ? "locked.html" : "x", "notes.html", "an older report"),
                index.select("#runs td.report a").eachText(), "then by file name");
        assertEquals("— — binary.html — not a gradcheck report", rows.get(1).text());
        if (unreadable) {
            assertEquals("— — locked.html — could not be read", rows.get(2).text());
        }
        assertEquals("— — an older report — PASSED", rows.get(4).text(), "a report from before the index read more");
    }

    @Test
    void everyStringFromAPageOrAFileNameIsEscapedAndNoNameBecomesAScheme() throws IOException {
        String hostile = "<meta name=\"gradcheck-run\" content=\"&lt;script&gt;alert(1)&lt;/script&gt;\" "
                + "data-kind=\"<b>kind\" data-seed=\"1&quot; onmouseover=&quot;alert(2)\" data-date=\"<i>soon</i>\" "
                + "data-status=\"PASSED&quot; class=&quot;x\" data-verdict=\"<img src=x onerror=alert(3)>\">";
        Files.writeString(dir.resolve("javascript:alert(4).html"), hostile, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("a#b?c=d&e.html"), "plain", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("<svg onload=alert(5)>.html"), "plain", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("far.html"), "<meta name=\"gradcheck-run\" content=\"far\" "
                + "data-date=\"+1000000000-12-31T23:59:59Z\" data-status=\"FAILED\">", StandardCharsets.UTF_8);
        Index.write(dir);
        Document index = index();
        assertTrue(index.select("script, b, i, img, svg, [onmouseover], [onload], [onerror]").isEmpty(), index.html());
        Files.writeString(dir.resolve("spaces.html"), "<meta name=\"gradcheck-run\"" + " a=\"\"".repeat(300) + " ".repeat(3000));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Index.write(dir), "a head made to make the pattern backtrack");
        Files.delete(dir.resolve("spaces.html"));
        Index.write(dir);
        List<String> hrefs = index.select("#runs a").eachAttr("href");
        assertEquals(List.of("./%3Csvg%20onload%3Dalert%285%29%3E.html", "./a%23b%3Fc%3Dd%26e.html", "./far.html",
                "./javascript%3Aalert%284%29.html"), hrefs);
        assertEquals("+1000000000-12-31T23:59:59Z", index.select("#runs td.date").get(2).text(), "shown, not sorted by");
        Element row = index.select("#runs tbody tr").get(3);
        assertEquals(Map.of("report", "<script>alert(1)</script>", "kind", "<b>kind", "seed", "1\" onmouseover=\"alert(2)",
                        "date", "<i>soon</i>", "verdict", "<img src=x onerror=alert(3)>"),
                Map.of("report", row.select("td.report").text(), "kind", row.select("td.kind").text(),
                        "seed", row.select("td.seed").text(), "date", row.select("td.date").text(),
                        "verdict", row.select("td.verdict").text()), "shown as text; an unknown status gets no badge");
        assertEquals("<svg onload=alert(5)>.html", index.select("#runs a").first().text());
    }

    @Test
    void anEmptyFolderSaysSo() throws IOException {
        Index.write(dir);
        assertEquals("No reports yet.", index().select("body > p").last().text());
        assertTrue(index().select("#runs tbody tr").isEmpty());
    }
}

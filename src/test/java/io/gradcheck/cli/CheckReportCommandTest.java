package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report that {@code gradcheck check} writes: its counts and the command that runs it again. */
class CheckReportCommandTest {
    @TempDir
    Path dir;

    private Document check(String tries) throws IOException {
        CliRun r = CliRun.of("check", "--seed", "5", "--tries", tries, "--report", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        return Jsoup.parse(Files.readString(dir.resolve("gradcheck-check-seed5.html")));
    }

    private static Map<String, String> settings(Document doc) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Element row : doc.select("#settings tr")) {
            m.put(row.select("th").text(), row.select("td").text());
        }
        return m;
    }

    @Test
    void triesAndChecksAreCountedApart() throws IOException {
        Document doc = check("2");
        Map<String, String> s = settings(doc);
        assertEquals("2", s.get("tries (rounds of random shapes)"), s.toString());
        assertEquals("12", s.get("checks"), s.toString());
        assertTrue(doc.select(".meta").first().text().contains("12 checks"), doc.select(".meta").first().text());
    }

    @Test
    void theReproduceBoxGivesTheCommandThatRanTheCheck() throws IOException {
        Document doc = check("1");
        Element box = doc.getElementById("reproduce");
        assertEquals("Run again:", box.select(".reproduce-heading").text());
        assertEquals("java -jar target/gradcheck-cli.jar check --seed 5 --tries 1 --report " + dir, box.select("pre.snippet").text());
    }

    @Test
    void aReportOfTwentyTriesStaysUnderTwoMegabytes() throws IOException {
        Document doc = check("20");
        long size = Files.size(dir.resolve("gradcheck-check-seed5.html"));
        assertTrue(size < 2_000_000, size + " bytes");
        int omitted = 0;
        for (Element section : doc.select("section.check")) {
            boolean heat = !section.select("div.heatmap").isEmpty(), said = !section.select("p.heat-omitted").isEmpty();
            assertTrue(heat != said, "heat maps, or a line saying they were left out: " + section.id());
            omitted += said ? 1 : 0;
        }
        assertTrue(omitted > 0 && omitted < 120, omitted + " of 120 checks without heat maps");
        assertTrue(doc.select("#check-0 div.heatmap").size() > 0, "the first checks keep theirs");
    }
}

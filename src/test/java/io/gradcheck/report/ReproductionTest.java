package io.gradcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reproduce box: never empty, its heading saying what it holds, its command safe to paste into a shell. */
class ReproductionTest {
    @TempDir
    Path dir;

    @Test
    void theHeadingSaysWhatTheTextIs() {
        assertEquals("Run again:", Reproduction.command("mvn -B verify").heading());
        assertEquals("Paste into a JUnit test:", Reproduction.java("GradientAssertions.assertGradients(check);").heading());
    }

    @Test
    void thereIsNoEmptyBox() {
        assertThrows(IllegalArgumentException.class, () -> Reproduction.command(" "));
        assertThrows(IllegalArgumentException.class, () -> Reproduction.java(""));
    }

    @Test
    void anArgumentAShellWouldSplitOrExpandIsQuoted() {
        assertEquals("java -jar target/gradcheck-cli.jar check --seed -3 --report 'it'\\''s $HOME/my dir'",
                Reproduction.cli(List.of("check", "--seed", "-3", "--report", "it's $HOME/my dir")).text());
    }

    @Test
    void aRunThroughTheApiWithoutALineGetsTheJUnitLineOfItsFirstFailure() throws IOException {
        CheckRun run = new CheckRun("api", 5, List.of(CheckPageTest.passing(), CheckPageTest.failing()), null, null, "t");
        assertEquals(Reproduction.Kind.JAVA, run.reproduction().kind());
        Document doc = Jsoup.parse(Files.readString(CheckReport.write(dir, run)));
        assertEquals("Paste into a JUnit test:", doc.select("#failure .reproduce-heading").text());
        String text = doc.select("#failure pre.snippet").first().wholeText();
        assertTrue(text.contains("GradientCheck of twice too steep at input [2, 3]") && text.endsWith("check.seed(5L));"), text);
    }
}

package io.gradcheck.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Lays pages out in headless Chromium and lists what a reader would trip on, with the rules of
 * layout-probe.js: content wider than its box (a {@code <pre>} that must be scrolled sideways counts;
 * only an element marked {@code data-scroll} may), an element past the right edge of the window,
 * text drawn below {@value #MIN_FONT_PX} px, an image that does not decode, SVG text cut by the edge of
 * its drawing or by its clip path, and a number broken across two lines.
 *
 * <p>Every page is measured at every width in one Chromium run: each is a copy of the page, with the
 * probe appended, in an iframe of that width ({@code srcdoc}, so that the host page may read it).
 * An iframe is a window of its own for layout: its width is the viewport width the page sees.
 */
public final class Layout {
    /** The smallest font size, in CSS px, that the probe accepts for text. */
    public static final int MIN_FONT_PX = 10;
    /** Height of every window, in CSS px. */
    static final int HEIGHT = 900;
    private static final String PROBE = resource("layout-probe.js");

    private Layout() {
    }

    /**
     * One finding.
     *
     * @param page    the page's name (its file name)
     * @param width   the window width it was laid out in
     * @param rule    overflow, beyond-viewport, font-size, broken-image, svg-text-clipped or number-wrapped
     * @param element the element: tag, id, classes, the section it is in, a bit of its text
     * @param message the numbers that break the rule
     */
    public record Finding(String page, int width, String rule, String element, String message) {
        @Override
        public String toString() {
            return page + " at " + width + " px: " + rule + ": " + element + ": " + message;
        }
    }

    /**
     * Lays out every page at every width and returns the findings, in page, width and document order.
     *
     * @param pages  name to HTML of each page
     * @param work   a directory of ours for the host page and Chromium's profile
     * @throws IllegalStateException if the probe did not run on a page (a script error, a page that never loaded)
     */
    public static List<Finding> measure(Chromium chromium, Map<String, String> pages, List<Integer> widths, Path work,
                                        Duration limit) throws IOException {
        StringBuilder host = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            String probed = withProbe(page.getValue());
            for (int w : widths) {
                host.append("<iframe loading=\"eager\" data-page=\"").append(attribute(page.getKey())).append("\" data-width=\"")
                        .append(w).append("\" width=\"").append(w).append("\" height=\"").append(HEIGHT)
                        .append("\" srcdoc=\"").append(attribute(probed)).append("\"></iframe>\n");
            }
        }
        // the host loads after every iframe, and an iframe after its own load handlers, the probe among them
        host.append("<script>window.addEventListener('load', function () {\n"
                + "  document.querySelectorAll('iframe').forEach(function (f) {\n"
                + "    var s = document.createElement('section');\n"
                + "    s.className = 'measured';\n"
                + "    s.setAttribute('data-page', f.getAttribute('data-page'));\n"
                + "    s.setAttribute('data-width', f.getAttribute('data-width'));\n"
                + "    var list = f.contentDocument && f.contentDocument.getElementById('gradcheck-layout');\n"
                + "    if (list) s.appendChild(document.importNode(list, true));\n"
                + "    document.body.appendChild(s);\n"
                + "  });\n"
                + "});</script>\n</body></html>\n");
        Path file = Files.createTempFile(work, "layout", ".html");
        Files.writeString(file, host);
        int widest = widths.stream().mapToInt(Integer::intValue).max().orElse(800);
        Document dom = Jsoup.parse(chromium.dumpDom(file, widest + 40, HEIGHT, work, limit));
        List<Element> measured = dom.select("section.measured");  // one per iframe, in their order
        List<Finding> findings = new ArrayList<>();
        int i = 0;
        for (String page : pages.keySet()) {
            for (int w : widths) {
                Element list = i < measured.size() ? measured.get(i).selectFirst("ol#gradcheck-layout") : null;
                i++;
                if (list == null) {
                    throw new IllegalStateException("the layout probe did not run on " + page + " at " + w + " px");
                }
                for (Element li : list.select("> li")) {
                    findings.add(new Finding(page, w, li.attr("data-rule"), li.attr("data-element"), li.text()));
                }
            }
        }
        return findings;
    }

    /** The page with the probe run at the end of its body. */
    static String withProbe(String html) {
        String script = "<script>\nvar GRADCHECK_MIN_FONT_PX = " + MIN_FONT_PX + ";\n" + PROBE + "\n</script>\n";
        int end = html.lastIndexOf("</body>");
        return end < 0 ? html + script : html.substring(0, end) + script + html.substring(end);
    }

    /** Text made safe inside a double-quoted HTML attribute. */
    static String attribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String resource(String name) {
        try (InputStream in = Layout.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/gradcheck/browser/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

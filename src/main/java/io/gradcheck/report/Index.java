package io.gradcheck.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The reports folder's index.html: a link to every report in it, with its title and status. */
final class Index {
    private static final Pattern META = Pattern.compile("<meta name=\"gradcheck-run\" content=\"([^\"]*)\" data-status=\"(\\w+)\">");

    private Index() {
    }

    static void write(Path dir) throws IOException {
        List<Map<String, Object>> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html") && !p.getFileName().toString().equals("index.html"))
                    .sorted().toList()) {
                String head = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                Matcher m = META.matcher(head.substring(0, Math.min(head.length(), 4000)));
                if (m.find()) {
                    runs.add(Map.of("file", f.getFileName().toString(), "title", unescape(m.group(1)), "status", m.group(2),
                            "statusClass", m.group(2).toLowerCase(java.util.Locale.ROOT)));
                }
            }
        }
        Pages.write(dir.resolve("index.html"), Pages.render("index.mustache", Map.of("runs", runs)));
    }

    /** Undoes the template's escaping of a title, which the index template escapes again. */
    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#61;", "=").replace("&#96;", "`").replace("&amp;", "&");
    }
}

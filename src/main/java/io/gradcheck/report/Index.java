package io.gradcheck.report;

import io.gradcheck.data.InputFile;
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
    static final String NAME = "index.html";
    /** The metadata is in a page's head: the index reads no more of a page than this. */
    private static final int HEAD = 4000;
    private static final Pattern META = Pattern.compile("<meta name=\"gradcheck-run\" content=\"([^\"]*)\" data-status=\"(\\w+)\">");

    private Index() {
    }

    /** Rewrites the index from the heads of the regular *.html files in dir; a FIFO or a device is never opened. */
    static void write(Path dir) throws IOException {
        List<Map<String, Object>> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html") && !p.getFileName().toString().equals(NAME)
                    && Files.isRegularFile(p)).sorted().toList()) {
                String head;
                try {
                    head = new String(InputFile.prefix(f, HEAD), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue;  // gone, unreadable, or replaced meanwhile: not a page of ours
                }
                Matcher m = META.matcher(head);
                if (m.find()) {
                    runs.add(Map.of("file", f.getFileName().toString(), "title", unescape(m.group(1)), "status", m.group(2),
                            "statusClass", m.group(2).toLowerCase(java.util.Locale.ROOT)));
                }
            }
        }
        Pages.write(dir.resolve(NAME), Pages.render("index.mustache", Map.of("runs", runs)));
    }

    /** Undoes the template's escaping of a title, which the index template escapes again. */
    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#61;", "=").replace("&#96;", "`").replace("&amp;", "&");
    }
}

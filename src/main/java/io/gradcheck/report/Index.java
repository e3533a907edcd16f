package io.gradcheck.report;

import io.gradcheck.data.InputFile;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reports folder's index.html: one row per page in it, newest first, with its kind, seed,
 * date and verdict, read from the {@code gradcheck-run} meta tag that every report carries in its
 * head. A page without one, or one that cannot be read, is listed by its file name alone.
 */
public final class Index {
    static final String NAME = "index.html";
    /** The metadata is in a page's head: the index reads no more of a page than this. */
    private static final int HEAD = 4000;
    /** A value longer than this is cut: a page's head is not trusted to be ours. */
    private static final int MAX_VALUE = 200;
    private static final Pattern META = Pattern.compile("<meta name=\"gradcheck-run\"((?:\\s+[a-z-]+=\"[^\"]*\")*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");
    private static final Set<String> STATUSES = Set.of("PASSED", "FAILED", "INCONCLUSIVE", "TRAINED");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Index() {
    }

    /**
     * One row of the index.
     *
     * @param file    the page's file name
     * @param title   the run's title, or the file name for a page that is not a report
     * @param kind    check, training, exercise, ...; "—" when the page does not say
     * @param seed    the run's seed, or "—"
     * @param date    when the run was, as shown: UTC to the second, or the page's own text
     * @param when    the same, parsed, for the order; null when it does not parse
     * @param status  PASSED, FAILED, INCONCLUSIVE or TRAINED, else null
     * @param verdict a line that says how it went, e.g. "0 of 12 checks failed", "test accuracy 98.10%"
     */
    record Entry(String file, String title, String kind, String seed, String date, Instant when, String status,
                 String verdict) {
    }

    /**
     * Rewrites {@code dir/index.html} from the heads of the regular *.html files in dir; a FIFO or a
     * device is never opened. Synchronized: of two reports written at once in this JVM, the index
     * written last lists both.
     */
    public static synchronized void write(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".html")
                    && !p.getFileName().toString().equals(NAME) && Files.isRegularFile(p)).toList()) {
                entries.add(read(f));
            }
        }
        entries.sort(NEWEST_FIRST);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("href", href(e.file()));
            row.put("file", e.file());
            row.put("title", e.title());
            row.put("kind", e.kind());
            row.put("seed", e.seed());
            row.put("date", e.date());
            row.put("hasStatus", e.status() != null);
            row.put("status", e.status() == null ? "" : e.status());
            row.put("statusClass", e.status() == null ? "none" : e.status().toLowerCase(Locale.ROOT));
            row.put("verdict", e.verdict());
            runs.add(row);
        }
        Pages.write(dir.resolve(NAME), Pages.render("index.mustache", Map.of("runs", runs, "count", runs.size())));
    }

    /** Newest first; pages with no date that parses come last; then by file name. */
    static final Comparator<Entry> NEWEST_FIRST = Comparator
            .comparing(Entry::when, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Entry::file);

    /** What the head of page f says about its run; never throws. */
    static Entry read(Path f) {
        String file = f.getFileName().toString();
        try {
            return parse(file, new String(InputFile.prefix(f, HEAD), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {  // gone, unreadable, replaced meanwhile, or a head we did not foresee
            return plain(file, "could not be read");
        }
    }

    private static Entry parse(String file, String head) {
        Matcher m = META.matcher(head);
        if (!m.find()) {
            return plain(file, "not a gradcheck report");
        }
        Map<String, String> a = new LinkedHashMap<>();
        Matcher at = ATTRIBUTE.matcher(m.group(1));
        while (at.find()) {
            a.putIfAbsent(at.group(1), value(at.group(2)));
        }
        String status = a.getOrDefault("data-status", "");
        String date = a.getOrDefault("data-date", "");
        Instant when = instant(date);
        return new Entry(file, a.getOrDefault("content", file), or(a.get("data-kind")), or(a.get("data-seed")),
                when == null ? or(date) : SHOWN.format(when), when, STATUSES.contains(status) ? status : null,
                a.getOrDefault("data-verdict", STATUSES.contains(status) ? "" : "no verdict"));
    }

    private static Entry plain(String file, String why) {
        return new Entry(file, file, "—", "—", "—", null, null, why);
    }

    /** The instant s names, if it is one of the years 1970 to 9999 (a page may say "+1000000000-01-01T00:00:00Z"). */
    private static Instant instant(String s) {
        try {
            Instant t = Instant.parse(s);
            return t.isBefore(Instant.EPOCH) || t.isAfter(LAST) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String or(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    /** An attribute's value as text: the template's escaping undone (the index template escapes it again), cut. */
    private static String value(String s) {
        String v = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#61;", "=").replace("&#96;", "`").replace("&amp;", "&");
        return v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) + "…" : v;
    }

    /**
     * A link to a file beside the index: "./" and the name percent-encoded, so that no file name
     * ("javascript:alert(1).html", "a#b.html", "x?.html") is read as a scheme, a fragment or a query.
     */
    static String href(String file) {
        return "./" + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

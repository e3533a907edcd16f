package io.gradcheck.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.gradcheck.data.OutputFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/** Rendering templates and writing pages: shared by every report. */
final class Pages {
    private static final DefaultMustacheFactory TEMPLATES = new DefaultMustacheFactory("io/gradcheck/report");

    private Pages() {
    }

    /** Renders a template; values are HTML-escaped unless the template uses triple braces. */
    static String render(String template, Object scope) {
        Mustache m = TEMPLATES.compile(template);
        StringWriter w = new StringWriter();
        m.execute(w, scope);
        return w.toString();
    }

    /** Writes via a temporary file and a rename ({@link OutputFile#write}), so a page is never left half-written. */
    static void write(Path file, String html) throws IOException {
        OutputFile.write(file, html);
    }

    /** The page of a run: {@code <dir>/<slug of title>-seed<seed>.html}. */
    static Path page(Path dir, String title, long seed) {
        return dir.resolve(slug(title) + "-seed" + seed + ".html");
    }

    /** A file-name-safe form of a title: "gradcheck check" -> "gradcheck-check". */
    static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "run" : s;
    }

    static String version() {
        try (InputStream in = Pages.class.getResourceAsStream("/io/gradcheck/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

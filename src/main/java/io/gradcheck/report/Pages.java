package io.gradcheck.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** Writes via a temporary file and a rename, so a page is never left half-written. */
    static void write(Path file, String html) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".report", ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
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

package io.gradcheck.exercise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes grades as JSON (the schema is in docs/exercises/instructors.md) and as an HTML summary, atomically. */
public final class GradeFiles {
    /** The value of the "schema" field; bumped when a field changes meaning or disappears. */
    public static final String SCHEMA = "gradcheck-exercises/1";

    private GradeFiles() {
    }

    /** The JSON text of a grading run. */
    public static String json(List<Grade> grades, ExerciseSettings s, String generated) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"schema\": ").append(str(SCHEMA)).append(",\n");
        b.append("  \"generated\": ").append(str(generated)).append(",\n");
        b.append("  \"seed\": ").append(s.seed()).append(",\n");
        b.append("  \"tries\": ").append(s.tries()).append(",\n");
        b.append("  \"passed\": ").append(grades.stream().filter(Grade::passed).count()).append(",\n");
        b.append("  \"total\": ").append(grades.size()).append(",\n");
        b.append("  \"exercises\": [");
        String sep = "\n";
        for (Grade g : grades) {
            b.append(sep).append("    {\"id\": ").append(str(g.id())).append(", \"name\": ").append(str(g.name()))
                    .append(", \"status\": ").append(str(g.status())).append(", \"passed\": ").append(g.passed())
                    .append(", \"attempts\": ").append(g.attempts()).append(", \"hints\": ").append(g.hints())
                    .append(", \"seed\": ").append(g.seed()).append(", \"problem\": ")
                    .append(g.problem() == null ? "null" : str(g.problem())).append('}');
            sep = ",\n";
        }
        return b.append("\n  ]\n}\n").toString();
    }

    /** A one-page HTML table of a grading run. */
    public static String html(List<Grade> grades, ExerciseSettings s, String generated) {
        long passed = grades.stream().filter(Grade::passed).count();
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"gradcheck-run\" content=\"gradcheck exercises: grades\" data-kind=\"grades\" data-seed=\""
                + s.seed() + "\" data-date=\"" + esc(generated) + "\" data-verdict=\"" + passed + " of " + grades.size()
                + " exercises passed\">\n"  // for the reports folder's index
                + "<title>gradcheck exercises: grades</title><style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                + ".passed{color:#060}.failing{color:#a00}</style></head><body>\n");
        b.append("<h1>gradcheck exercises</h1>\n<p>").append(passed)
                .append(" of ").append(grades.size()).append(" passed. Seed ").append(s.seed()).append(", ")
                .append(s.tries()).append(" random shapes per exercise, ").append(esc(generated)).append(".</p>\n");
        b.append("<table>\n<tr><th>exercise</th><th>status</th><th>attempts</th><th>hints</th><th>problem</th></tr>\n");
        for (Grade g : grades) {
            b.append("<tr><td>").append(esc(g.id() + " " + g.name())).append("</td><td class=\"")
                    .append(g.passed() ? "passed" : "failing").append("\">").append(esc(g.status())).append("</td><td>")
                    .append(g.attempts()).append("</td><td>").append(g.hints()).append(" of 3</td><td>")
                    .append(g.problem() == null ? "" : "<pre>" + esc(g.problem()) + "</pre>").append("</td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    /** Writes the JSON to {@code json} and the HTML summary to {@code html}. */
    public static void write(Path json, Path html, List<Grade> grades, ExerciseSettings s, String generated)
            throws IOException {
        ProgressFile.Atomic.write(json, json(grades, s, generated));
        ProgressFile.Atomic.write(html, html(grades, s, generated));
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

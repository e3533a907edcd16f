package io.gradcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md's table of hostile inputs is generated from the {@link Hostile} tests.
 * The test fails when the two differ; -Dgradcheck.writeDocs=true rewrites the table instead.
 */
class ReliabilityDocTest {
    static final List<String> AREAS =
            List.of("Shapes and configuration", "Numbers", "Files", "Student code", "CLI", "Nothing lost");
    private static final Path DOC = Path.of("docs", "reliability.md");
    private static final String BEGIN = "<!-- hostile:begin -->";
    private static final String END = "<!-- hostile:end -->";

    record Row(String area, String input, String outcome, String test) {}

    @Test
    void docsTableIsGeneratedFromTheHostileTests() throws Exception {
        List<Row> rows = hostileTests();
        assertTrue(rows.size() >= 1, "no @Hostile tests found under target/test-classes");
        String table = table(rows);
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        assertTrue(b >= 0 && e > b, "docs/reliability.md lacks the " + BEGIN + " ... " + END + " block");
        String rewritten = doc.substring(0, b + BEGIN.length()) + "\n" + table + doc.substring(e);
        if (Boolean.getBoolean("gradcheck.writeDocs")) {
            Files.writeString(DOC, rewritten, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(rewritten, doc, "docs/reliability.md is out of date; regenerate with "
                + "mvn -B test -Dtest=ReliabilityDocTest -Dgradcheck.writeDocs=true");
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (String area : AREAS) {
            List<Row> in = rows.stream().filter(r -> r.area().equals(area)).toList();
            if (in.isEmpty()) {
                continue;
            }
            sb.append("\n### ").append(area).append("\n\n");
            sb.append("| hostile input | what happens | test |\n| --- | --- | --- |\n");
            for (Row r : in) {
                sb.append("| ").append(cell(r.input())).append(" | ").append(cell(r.outcome()))
                        .append(" | `").append(r.test()).append("` |\n");
            }
        }
        return sb.append('\n').toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static List<Row> hostileTests() throws IOException, ClassNotFoundException {
        Path root = Path.of("target", "test-classes");
        List<Row> rows = new ArrayList<>();
        List<Path> classFiles;
        try (Stream<Path> s = Files.walk(root)) {
            classFiles = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        ClassLoader loader = ReliabilityDocTest.class.getClassLoader();
        for (Path p : classFiles) {
            String name = root.relativize(p).toString().replace('/', '.').replace('\\', '.');
            name = name.substring(0, name.length() - ".class".length());
            if (!name.startsWith("io.gradcheck.")) {
                continue;
            }
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (LinkageError err) {
                continue; // a test-only class whose optional dependency is absent: it has no @Hostile
            }
            for (Method m : c.getDeclaredMethods()) {
                Hostile h = m.getAnnotation(Hostile.class);
                if (h == null) {
                    continue;
                }
                if (!AREAS.contains(h.area())) {
                    fail(name + "#" + m.getName() + ": unknown area '" + h.area() + "'; use one of " + AREAS);
                }
                if (m.getAnnotation(Test.class) == null
                        && m.getAnnotation(org.junit.jupiter.params.ParameterizedTest.class) == null) {
                    fail(name + "#" + m.getName() + " is @Hostile but not a test");
                }
                String simple = name.substring("io.gradcheck.".length());
                rows.add(new Row(h.area(), h.input(), h.outcome(), simple + "#" + m.getName()));
            }
        }
        rows.sort(Comparator.comparing(Row::test));
        return rows;
    }
}

package io.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code in the docs is code from the tests: every block after {@code <!-- snippet:NAME -->} in a
 * Markdown file must equal the lines between {@code // snippet:NAME:begin} and {@code :end} in a
 * test source, so documented examples compile and run.
 */
class DocSnippetsTest {
    private static final Pattern DOC = Pattern.compile("<!-- snippet:([\\w-]+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\\n([ \\t]*)// snippet:([\\w-]+):begin\\n(.*?)\\n[ \\t]*// snippet:\\2:end", Pattern.DOTALL);

    private static Map<String, String> snippetsInTests() throws IOException {
        Map<String, String> found = new HashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CODE.matcher(Files.readString(f));
                while (m.find()) {
                    int indent = m.group(1).length();
                    String body = String.join("\n", m.group(3).lines()
                            .map(l -> l.length() >= indent ? l.substring(indent) : l.strip()).toList());
                    found.put(m.group(2), body);
                }
            }
        }
        return found;
    }

    @Test
    void everyCodeBlockInTheDocsIsCopiedFromATest() throws IOException {
        Map<String, String> code = snippetsInTests();
        int checked = 0;
        for (Path doc : List.of(Path.of("README.md"), Path.of("docs/checking-your-layer.md"))) {
            Matcher m = DOC.matcher(Files.readString(doc));
            while (m.find()) {
                assertTrue(code.containsKey(m.group(1)), doc + ": no test holds snippet " + m.group(1));
                assertEquals(code.get(m.group(1)), m.group(2), doc + ": snippet " + m.group(1) + " differs from its test");
                checked++;
            }
        }
        assertTrue(checked >= 3, "only " + checked + " snippets found");
    }
}

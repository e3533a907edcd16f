package io.gradcheck.mutants;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reviewed survivors, src/test/resources/mutant-survivors.tsv: one row per mutant that the
 * checker does not catch, with the category its comparison with the original gave and why.
 * Columns: layer, class, method, line, index, operator, survival, reason. Lines starting with # are comments.
 */
final class Survivors {
    static final String FILE = "mutant-survivors.tsv";

    /** A reviewed survivor. */
    record Row(String layer, String key, Verdict.Survival survival, String reason) {
    }

    private Survivors() {
    }

    /** The rows, keyed by layer, a tab, then {@link Mutant#key()}. */
    static Map<String, Row> load() {
        try (InputStream in = Survivors.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("Survivors: no " + FILE + " on the test classpath");
            }
            Map<String, Row> rows = new LinkedHashMap<>();
            int n = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 8 || f[7].isBlank()) {
                    throw new IllegalStateException(FILE + ":" + n + ": expected 8 tab-separated fields with a reason, got "
                            + f.length + ": " + line);
                }
                String key = String.join("\t", f[1], f[2], f[3], f[4], f[5]);
                Row row = new Row(f[0], key, Verdict.Survival.valueOf(f[6]), f[7]);
                if (rows.put(f[0] + "\t" + key, row) != null) {
                    throw new IllegalStateException(FILE + ":" + n + ": a second row for " + f[0] + " " + key);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

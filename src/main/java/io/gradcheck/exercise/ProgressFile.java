package io.gradcheck.exercise;

import io.gradcheck.exercise.Progress.Tally;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code .gradcheck/exercises.json} in the project directory. Writes go to a
 * temporary file that is then moved over the old one, so a crash never leaves half a file.
 *
 * <pre>{"01": {"attempts": 3, "hints": 1}, "04": {"attempts": 1, "hints": 0}}</pre>
 */
public final class ProgressFile {
    private static final Pattern ENTRY = Pattern.compile(
            "\"(\\d\\d)\"\\s*:\\s*\\{\\s*\"attempts\"\\s*:\\s*(\\d+)\\s*,\\s*\"hints\"\\s*:\\s*(\\d+)\\s*}");

    private ProgressFile() {
    }

    /** The file under a project directory. */
    public static Path in(Path project) {
        return project.resolve(".gradcheck").resolve("exercises.json");
    }

    /** The progress stored in {@code file}, or none if it does not exist. */
    public static Progress read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Progress.EMPTY;
        }
        String s = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, Tally> m = new TreeMap<>();
        Matcher mt = ENTRY.matcher(s);
        while (mt.find()) {
            m.put(mt.group(1), new Tally(Integer.parseInt(mt.group(2)), Integer.parseInt(mt.group(3))));
        }
        if (m.isEmpty() && !s.replaceAll("[\\s{}]", "").isEmpty()) {
            throw new IOException(file + ": not a progress file of gradcheck; delete it to start counting again");
        }
        return new Progress(m);
    }

    /** Writes {@code p} to {@code file} atomically, creating its directory. */
    public static void write(Path file, Progress p) throws IOException {
        StringBuilder b = new StringBuilder("{");
        String sep = "\n";
        for (Map.Entry<String, Tally> e : new TreeMap<>(p.tallies()).entrySet()) {
            b.append(sep).append("  \"").append(e.getKey()).append("\": {\"attempts\": ").append(e.getValue().attempts())
                    .append(", \"hints\": ").append(e.getValue().hints()).append('}');
            sep = ",\n";
        }
        b.append("\n}\n");
        Atomic.write(file, b.toString());
    }

    /** Atomic text writes shared by the progress file and the grade files. */
    static final class Atomic {
        private Atomic() {
        }

        static void write(Path file, String text) throws IOException {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}

package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What one command line printed, and its exit code: the CLI run in this JVM, as tests need it. */
public record CliRun(int code, String out, String err) {
    /** Runs {@code gradcheck args...} through {@link Main#run}, capturing both streams. */
    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The JVM options that choose the matrix-multiply kernel, as this JVM was given them, so that a
     * child computes bit for bit what this JVM would: "-Dgradcheck.gemm=java", ...
     */
    public static List<String> kernelOptions() {
        List<String> opts = new ArrayList<>();
        for (String p : List.of("gradcheck.gemm", "dev.ludovic.netlib.blas.allowNative")) {
            String v = System.getProperty(p);
            if (v != null && !v.isEmpty()) {
                opts.add("-D" + p + "=" + v);
            }
        }
        return opts;
    }

    /**
     * Runs {@code gradcheck args...} in a child JVM with the JVM option {@code jvmOption} (a heap
     * size such as -Xmx96m), its output in {@code dir}/child.out and child.err; fails after 60 s.
     */
    public static CliRun child(Path dir, String jvmOption, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jvmOption));
        cmd.addAll(kernelOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child.out"), err = dir.resolve("child.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not finish: " + cmd);
        return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** This exit code, exactly this one line on stderr, and no stack trace. */
    public void assertOneLineError(int expectedCode, String expectedLine) {
        assertEquals(expectedCode, code, err);
        assertEquals(expectedLine + System.lineSeparator(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }
}

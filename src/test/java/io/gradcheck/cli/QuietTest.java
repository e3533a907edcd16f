package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No netlib line on stderr: a fresh JVM, as a user starts it, with none of netlib's properties set.
 * Without a system libblas.so.3, netlib's C loader prints "netlib-blas: JNI_OnLoad: dlopen(libblas.so.3)
 * failed" before it falls back to pure Java; with one, it logs "Using ...JNIBLAS". Neither may show.
 */
class QuietTest {
    @TempDir
    Path dir;

    /** gradcheck args... in a child JVM given only the classpath: no kernel or netlib property. */
    private CliRun fresh(String... args) throws IOException, InterruptedException {
        return freshOn(System.getProperty("java.class.path"), args);
    }

    private CliRun freshOn(String classPath, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath, Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child.out"), err = dir.resolve("child.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the child did not finish: " + cmd);
        return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aCheckThatMultipliesMatricesPrintsNothingOnStderr() throws Exception {
        CliRun r = fresh("check", "--seed", "1", "--tries", "1", "--report", dir.resolve("reports").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("", r.err());
    }

    @Test
    void debugNamesTheMatrixMultiplyInUseAndNetlibStaysQuiet() throws Exception {
        CliRun r = fresh("check", "--seed", "1", "--tries", "1", "--report", dir.resolve("reports").toString(), "--debug");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.err().matches("(?s)debug: io\\.gradcheck\\.tensor: matrix multiply: netlib BLAS, \\w+BLAS \\(.+\\)\\R"),
                r.err());
        assertFalse(r.err().contains("netlib-blas") || r.err().contains("dev.ludovic"), r.err());
    }

    @Test
    void withoutJnaTrainingRunsAsBeforeAndDebugSaysWhyOpenBlasKeepsItsThreads() throws Exception {
        String path = System.getProperty("java.class.path");
        String noJna = Arrays.stream(path.split(File.pathSeparator)).filter(e -> !e.contains("jna"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(noJna.length() < path.length(), "JNA is on the test class path: " + path);
        String[] args = {"train", "--epochs", "1", "--limit", "60", "--batch", "30", "--seed", "5", "--report",
                dir.resolve("reports").toString(), "--debug"};
        CliRun without = freshOn(noJna, args);
        CliRun with = fresh(args);
        assertEquals(0, without.code(), without.out() + without.err());
        assertEquals(0, with.code(), with.out() + with.err());
        assertTrue(without.err().contains("native BLAS threads: not settable: java.lang.NoClassDefFoundError: com/sun/jna/")
                || without.err().contains("native BLAS threads: no native BLAS"), without.err());
        assertTrue(with.err().contains("native BLAS threads: OpenBLAS threads set through JNA")
                || with.err().contains("native BLAS threads: no native BLAS"), with.err());
        assertEquals(summary(with.out()), summary(without.out()), "the same accuracies with and without JNA");
    }

    /** The accuracies of the done line: the rest (time, images/s) differs between runs. */
    private static String summary(String out) {
        return out.lines().filter(l -> l.startsWith("done:")).map(l -> l.replaceAll(", [0-9.]+ s, [0-9]+ images/s", ""))
                .findFirst().orElse("no done line in: " + out);
    }
}

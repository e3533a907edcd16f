package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child.out"), err = dir.resolve("child.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not finish: " + cmd);
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
}

package io.gradcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** --debug shows the library's FINE lines for one run, and only then. */
class DebugLogTest {
    private static final Logger TENSOR = Logger.getLogger("io.gradcheck.tensor");

    @Test
    void fineLinesShowWhileOpenAndNotAfter() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (DebugLog log = DebugLog.open(true, err)) {
            TENSOR.fine("matrix multiply: test");
            TENSOR.finer("too fine to show");
        }
        TENSOR.fine("after the run");
        assertEquals("debug: io.gradcheck.tensor: matrix multiply: test" + System.lineSeparator(),
                bytes.toString(StandardCharsets.UTF_8));
        assertNull(Logger.getLogger("io.gradcheck").getLevel(), "the level is restored");
        err.println("err is still open");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("err is still open" + System.lineSeparator()));
    }

    @Test
    void withoutDebugNothingShows() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DebugLog log = DebugLog.open(false, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            TENSOR.fine("matrix multiply: test");
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}

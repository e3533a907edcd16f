package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OutputFile, SaveLock and InputFile on their own: the rules the CLI tests rely on. */
class OutputFileTest {
    @TempDir
    Path dir;

    @Test
    void aLockIsRefusedWhileHeldInThisJvmAndFreedWithItsFileOnClose() throws IOException {
        Path f = dir.resolve("k.ckpt"), lf = dir.resolve("k.ckpt.lock");
        try (SaveLock first = SaveLock.take("--save", f)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(lf));
            RefusedOutputException e = assertThrows(RefusedOutputException.class, () -> SaveLock.take("--save", f));
            assertEquals("--save " + f + ": another gradcheck train (PID " + ProcessHandle.current().pid() + ") is saving "
                    + "to it; wait for it to end or choose another file", e.getMessage());
        }
        assertFalse(Files.exists(lf), "the lock file is deleted on close");
        SaveLock.take("--save", f).close();  // and can be taken again
    }

    @Test
    void aLockFileLeftByAKilledRunIsTakenOver() throws IOException {
        Path f = dir.resolve("k.ckpt");
        Files.writeString(dir.resolve("k.ckpt.lock"), "999999\n");
        SaveLock.take("--save", f).close();
        assertFalse(Files.exists(dir.resolve("k.ckpt.lock")));
    }

    @Test
    void aWriteReplacesARegularFileAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path f = Files.writeString(dir.resolve("a.txt"), "old");
        OutputFile.write(f, "new");
        assertEquals("new", Files.readString(f));
        IOException e = assertThrows(IOException.class, () -> OutputFile.write(f, out -> {
            out.write('x');
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("new", Files.readString(f), "a failed write leaves the old file");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void anOutputThatIsAHardLinkToAnInputIsRefused() throws IOException {
        Path in = Files.writeString(dir.resolve("in.ckpt"), "weights");
        Path link = Files.createLink(dir.resolve("other-name.npz"), in);
        RefusedOutputException e = assertThrows(RefusedOutputException.class,
                () -> OutputFile.check("--npz", link, Map.of("--checkpoint", List.of(in))));
        assertTrue(e.getMessage().endsWith(": is also an input of this command (--checkpoint); gradcheck never writes over "
                + "its inputs"), e.getMessage());
    }

    @Test
    void readAllRefusesMoreThanItsBoundAndReadsExactlyTheFile() throws IOException {
        byte[] b = new byte[100];
        b[99] = 7;
        Path f = Files.write(dir.resolve("f.bin"), b);
        assertArrayEquals(b, InputFile.readAll(f, 100, "too large"));
        IOException e = assertThrows(IOException.class, () -> InputFile.readAll(f, 99, "more than 99 bytes"));
        assertEquals(f + ": more than 99 bytes", e.getMessage());
        assertEquals(3, InputFile.prefix(f, 3).length);
        assertEquals(dir + ": is a directory, not a regular file",
                assertThrows(IOException.class, () -> InputFile.prefix(dir, 3)).getMessage());
    }
}

package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTest {
    @TempDir
    Path project;

    @Test
    void progressSurvivesAWriteAndARead() throws IOException {
        Path f = ProgressFile.in(project);
        Progress p = Progress.EMPTY.withAttempt("04").withAttempt("04").withHint("04", 2).withHint("01", 1);
        ProgressFile.write(f, p);
        assertEquals(p, ProgressFile.read(f));
        assertEquals("{\n  \"01\": {\"attempts\": 0, \"hints\": 1},\n  \"04\": {\"attempts\": 2, \"hints\": 2}\n}\n",
                Files.readString(f));
    }

    @Test
    void aMissingFileIsNoProgressAndAWriteLeavesNoTemporaryFile() throws IOException {
        Path f = ProgressFile.in(project);
        assertEquals(Progress.EMPTY, ProgressFile.read(f));
        ProgressFile.write(f, Progress.EMPTY.withAttempt("02"));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "only exercises.json");
        }
    }

    @Test
    void aLowerHintLevelNeverLowersTheLevelReached() {
        assertEquals(3, Progress.EMPTY.withHint("07", 3).withHint("07", 1).of("07").hints());
    }

    @Test
    void aFileThatIsNotOursIsRefusedWithAnAdvice() throws IOException {
        Path f = ProgressFile.in(project);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "hello");
        IOException e = assertThrows(IOException.class, () -> ProgressFile.read(f));
        assertTrue(e.getMessage().endsWith("not a progress file of gradcheck; delete it to start counting again"), e.getMessage());
    }
}

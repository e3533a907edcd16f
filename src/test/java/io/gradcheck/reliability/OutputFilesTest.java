package io.gradcheck.reliability;

import static io.gradcheck.reliability.FileFixtures.assertRefused;
import static io.gradcheck.reliability.FileFixtures.assertStillSpecial;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.cli.CliRun;
import io.gradcheck.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What gradcheck writes: never over something that is not a regular file of ours, never over an
 * input, checked before any work (exit 2 within a second), with the umask's permissions.
 */
class OutputFilesTest {
    private static final String[] SHORT_RUN = {"--epochs", "1", "--limit", "100", "--batch", "100"};

    @TempDir
    Path dir;

    /** Loads picocli and the commands, so that the timings below measure the commands, not class loading. */
    @BeforeAll
    static void warmUp() {
        CliRun.of("train", "--help");
    }

    /** Runs the command line in this JVM and checks that it was refused within a second. */
    private static CliRun refusedQuickly(String... args) {
        long t0 = System.nanoTime();
        CliRun r = CliRun.of(args);
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s < 1, "refused after " + s + " s, not before the work: " + r.err());
        return r;
    }

    private static String[] train(String... args) {
        return Stream.concat(Stream.concat(Stream.of("train"), Stream.of(SHORT_RUN)), Stream.of(args)).toArray(String[]::new);
    }

    /** A directory no file can be created in: mode 0555, or, where permissions do not bind (root), /proc/self. */
    private Path unwritableDirectory() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("read-only"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("r-xr-xr-x")));
        if (!Files.isWritable(ro)) {
            return ro;
        }
        Path proc = Path.of("/proc/self");
        Assumptions.assumeTrue(Files.isDirectory(proc), "running as root, and there is no /proc/self to stand in "
                + "for a read-only file system");
        return proc;
    }

    @Test
    @Hostile(area = "Nothing lost", input = "`train --save F` where F is a FIFO (as `/dev/full` is a device); "
            + "`exercise grade --json L` where L is a symbolic link (as `/dev/stdout` is)",
            outcome = "exit 2 within a second, before any work: `gradcheck train: --save F: is a FIFO, not a regular "
                    + "file; gradcheck replaces only regular files`, `gradcheck exercise grade: --json L: is a symbolic link "
                    + "(to T); gradcheck does not write through links: name the file itself`; F and L are left as they were")
    void aDeviceOrALinkIsNeverReplacedByAnOutput() throws Exception {
        Path fifo = FileFixtures.fifo(dir.resolve("full"));
        assertRefused(refusedQuickly(train("--save", fifo.toString(), "--report", dir.resolve("r").toString())), 2,
                "gradcheck train: --save " + fifo + ": is a FIFO, not a regular file; gradcheck replaces only regular files");
        assertStillSpecial(fifo);

        Path target = Files.writeString(dir.resolve("grades.json"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("stdout"), target);
        assertRefused(refusedQuickly("exercise", "grade", "--json", link.toString(), "--project", dir.toString(),
                        "--dir", dir.resolve("no-sources").toString(), "--tries", "1"), 2,
                "gradcheck exercise grade: --json " + link + ": is a symbolic link (to " + target + "); gradcheck does not "
                        + "write through links: name the file itself");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("keep", Files.readString(target));
        assertFalse(Files.exists(dir.resolve("reports")), "no grades were written");
    }

    @Test
    @Hostile(area = "Nothing lost", input = "`export --checkpoint a.ckpt --npz a.ckpt` (also as `sub/../a.ckpt`); "
            + "`train --data D --save D/train-images-idx3-ubyte`",
            outcome = "exit 2 within a second: `gradcheck export: --npz a.ckpt: is also an input of this command "
                    + "(--checkpoint); gradcheck never writes over its inputs`; the checkpoint and the data are unchanged")
    void anOutputThatIsAlsoAnInputIsRefused() throws Exception {
        Path ckpt = FileFixtures.bookCheckpoint(dir.resolve("a.ckpt"));
        byte[] before = Files.readAllBytes(ckpt);
        Files.createDirectory(dir.resolve("sub"));
        for (String npz : List.of(ckpt.toString(), dir.resolve("sub/../a.ckpt").toString())) {
            assertRefused(refusedQuickly("export", "--checkpoint", ckpt.toString(), "--npz", npz), 2,
                    "gradcheck export: --npz " + npz + ": is also an input of this command (--checkpoint); gradcheck never "
                            + "writes over its inputs");
        }
        assertArrayEquals(before, Files.readAllBytes(ckpt));

        Path data = FileFixtures.mnist(dir.resolve("mnist"));
        Path images = data.resolve("train-images-idx3-ubyte");
        byte[] pixels = Files.readAllBytes(images);
        assertRefused(refusedQuickly(train("--data", data.toString(), "--save", images.toString(),
                        "--report", dir.resolve("r").toString())), 2,
                "gradcheck train: --save " + images + ": is also an input of this command (--data); gradcheck never "
                        + "writes over its inputs");
        assertArrayEquals(pixels, Files.readAllBytes(images));
    }

    @Test
    @Hostile(area = "Nothing lost", input = "`train --save link.ckpt` where link.ckpt is a symbolic link to a checkpoint",
            outcome = "exit 2 within a second: `gradcheck train: --save link.ckpt: is a symbolic link (to T); gradcheck "
                    + "does not write through links: name the file itself`; the link and its target are unchanged "
                    + "(gradcheck refuses links rather than write their target)")
    void aSymbolicLinkAsSaveIsRefusedAndKept() throws Exception {
        Path target = FileFixtures.bookCheckpoint(dir.resolve("real.ckpt"));
        byte[] before = Files.readAllBytes(target);
        Path link = Files.createSymbolicLink(dir.resolve("link.ckpt"), target);
        assertRefused(refusedQuickly(train("--save", link.toString(), "--report", dir.resolve("r").toString())), 2,
                "gradcheck train: --save " + link + ": is a symbolic link (to " + target + "); gradcheck does not write "
                        + "through links: name the file itself");
        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(before, Files.readAllBytes(target));
    }

    @Test
    @Hostile(area = "Nothing lost", input = "`train --save` naming a directory, a file in a directory that cannot be "
            + "written (read-only), or a name of 250 characters (its temporary name would not fit)",
            outcome = "exit 2 within a second, before epoch 1: `gradcheck train: --save D: is a directory, not a regular "
                    + "file; ...`, `--save F: cannot create a file in D: File name too long`, `--save F: cannot create "
                    + "a file in D: REASON`")
    void aSaveThatCannotBeWrittenIsRefusedBeforeTraining() throws Exception {
        Path reports = dir.resolve("r");
        Path d = Files.createDirectory(dir.resolve("a-directory"));
        assertRefused(refusedQuickly(train("--save", d.toString(), "--report", reports.toString())), 2,
                "gradcheck train: --save " + d + ": is a directory, not a regular file; gradcheck replaces only regular files");

        Path longName = dir.resolve("x".repeat(245) + ".ckpt");
        assertRefused(refusedQuickly(train("--save", longName.toString(), "--report", reports.toString())), 2,
                "gradcheck train: --save " + longName + ": cannot create a file in " + dir + ": File name too long");

        Path ro = unwritableDirectory().resolve("r.ckpt");
        CliRun r = refusedQuickly(train("--save", ro.toString(), "--report", reports.toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("gradcheck train: --save " + ro + ": cannot create a file in " + ro.getParent()
                + ": ") && r.err().lines().count() == 1, r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(reports), "no report either");
    }

    @Test
    @Hostile(area = "Nothing lost", input = "`train --report DIR` and `check --report DIR` where DIR cannot be created "
            + "(its parent is read-only), without `--save`",
            outcome = "exit 2 within a second, before training or checking: `gradcheck train: --report DIR: cannot create "
                    + "the directory: REASON`; no weights are trained to be lost")
    void anUnwritableReportDirectoryIsRefusedBeforeTheWork() throws Exception {
        Path reports = unwritableDirectory().resolve("reports");
        for (String[] args : List.of(train("--report", reports.toString()),
                new String[] {"check", "--tries", "1", "--report", reports.toString()})) {
            CliRun r = refusedQuickly(args);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("gradcheck " + args[0] + ": --report " + reports + ": cannot create the "
                    + "directory: ") && r.err().lines().count() == 1, r.err());
            assertEquals("", r.out(), "nothing ran");
        }
    }

    @Test
    @Hostile(area = "Nothing lost", input = "every file written: checkpoint, .npz, report, index, grades JSON and HTML",
            outcome = "the permissions of the umask (rw-r--r-- under 022), not rw-------; still written atomically")
    void everyOutputFollowsTheUmask() throws Exception {
        String expected = PosixFilePermissions.toString(FileFixtures.umaskMode(dir));
        Path ckpt = dir.resolve("t.ckpt"), npz = dir.resolve("t.npz"), reports = dir.resolve("reports");
        CliRun t = CliRun.of(train("--data", FileFixtures.mnist(dir.resolve("mnist")).toString(), "--save", ckpt.toString(),
                "--report", reports.toString()));
        assertEquals(0, t.code(), t.err());
        CliRun e = CliRun.of("export", "--checkpoint", ckpt.toString(), "--npz", npz.toString());
        assertEquals(0, e.code(), e.err());
        Path project = Files.createDirectory(dir.resolve("project")), json = project.resolve("grades.json");
        Path sources = Files.createDirectories(project.resolve("src/io/gradcheck/exercises"));  // one exercise: grading needs one
        Files.copy(Path.of("src/exercises/java/io/gradcheck/exercises/Ex02Relu.java"), sources.resolve("Ex02Relu.java"));
        CliRun g = CliRun.of("exercise", "grade", "--json", json.toString(), "--project", project.toString(),
                "--dir", project.resolve("src").toString(), "--tries", "1");
        assertEquals(0, g.code(), g.err());
        for (Path f : List.of(ckpt, npz, reports.resolve("gradcheck-train-seed20261129.html"), reports.resolve("index.html"),
                json, project.resolve("reports/exercises-grades.html"))) {
            assertEquals(expected, FileFixtures.mode(f), f.toString());
        }
        Checkpoint.read(ckpt);
    }

    @Test
    @Hostile(area = "Nothing lost", input = "two `train --save F` at once: the first in another JVM, still training",
            outcome = "the second: exit 2 within a second, `gradcheck train: --save F: another gradcheck train (PID N) "
                    + "is saving to it; wait for it to end or choose another file`; the first trains on (it holds "
                    + "`F.lock` for its whole run)")
    void aSecondTrainerWithTheSameSaveIsRefusedNamingTheFirst() throws Exception {
        Path ckpt = dir.resolve("k.ckpt"), log = dir.resolve("first.log");
        Process first = FileFixtures.child(dir, log, List.of(), "train", "--epochs", "50", "--limit", "100", "--batch", "20",
                "--save", ckpt.toString(), "--report", dir.resolve("r1").toString());
        try {
            long end = System.nanoTime() + 60_000_000_000L;
            while (!Files.readString(log).contains("training on")) {
                assertTrue(first.isAlive() && System.nanoTime() < end, "the first trainer: " + Files.readString(log));
                Thread.sleep(20);
            }
            assertRefused(refusedQuickly(train("--save", ckpt.toString(), "--report", dir.resolve("r2").toString())), 2,
                    "gradcheck train: --save " + ckpt + ": another gradcheck train (PID " + first.pid() + ") is saving to "
                            + "it; wait for it to end or choose another file");
            assertTrue(first.isAlive(), "the first trains on");
        } finally {
            first.destroyForcibly().waitFor();
        }
    }
}

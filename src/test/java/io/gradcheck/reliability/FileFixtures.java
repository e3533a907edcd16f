package io.gradcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.cli.CliRun;
import io.gradcheck.cli.Main;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.train.Checkpoint;
import io.gradcheck.train.History;
import io.gradcheck.train.TrainConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Files that tests of hostile inputs and outputs make for themselves: FIFOs, checkpoints, data directories. */
final class FileFixtures {
    private FileFixtures() {
    }

    /** A FIFO made with mkfifo; the test is skipped where there is no mkfifo. */
    static Path fifo(Path f) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo on this machine: " + e.getMessage());
            throw e;
        }
        Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + f + " failed");
        return f;
    }

    /**
     * Frees any thread blocked opening the FIFO {@code f}: opening it read-write (Linux never blocks on
     * that) completes a pending open at the other end, and closing it gives the reader end-of-file.
     */
    static void release(Path f) {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.getFD().sync();
        } catch (IOException e) {
            // nothing was blocked, or the FIFO is gone
        }
    }

    /** Still a FIFO (or another special file), not replaced by a regular file. */
    static void assertStillSpecial(Path f) throws IOException {
        assertTrue(Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .isOther(), f + " was replaced");
    }

    /** A valid checkpoint of the book network, at epoch 0, for a run on 100 images. */
    static Path bookCheckpoint(Path f) throws IOException {
        return bookCheckpoint(f, -1);
    }

    /** As {@link #bookCheckpoint(Path)}, with W2's element {@code nan} (a flat index; none if negative) NaN. */
    static Path bookCheckpoint(Path f, int nan) throws IOException {
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(1));
        if (nan >= 0) {
            net.params().get("W2").set(nan, Double.NaN);
        }
        TrainConfig cfg = TrainConfig.book(1).withLimit(100);
        new Checkpoint(NetConfig.book(1), cfg, 100, 0, 0, 0, new History(new double[0], new double[0], new double[0]),
                net.params(), cfg.optimizer().create(net.params(), cfg.lr()).state()).write(f);
        return f;
    }

    /** An unsigned-byte IDX header with these dimensions followed by {@code data} bytes of 7. */
    static byte[] idx(int data, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data).put(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            b.putInt(d);
        }
        while (b.hasRemaining()) {
            b.put((byte) 7);
        }
        return b.array();
    }

    /** A directory of the four MNIST files, raw: 100 training and 20 test images of 28 x 28, all labels 7. */
    static Path mnist(Path d) throws IOException {
        Files.createDirectories(d);
        Files.write(d.resolve("train-images-idx3-ubyte"), idx(100 * 784, 100, 28, 28));
        Files.write(d.resolve("train-labels-idx1-ubyte"), idx(100, 100));
        Files.write(d.resolve("t10k-images-idx3-ubyte"), idx(20 * 784, 20, 28, 28));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), idx(20, 20));
        return d;
    }

    /** The permissions a new file gets under this process's umask: those of a file made the ordinary way. */
    static Set<PosixFilePermission> umaskMode(Path dir) throws IOException {
        Path probe = dir.resolve("umask-probe");
        Files.write(probe, new byte[0]);
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        return p;
    }

    static String mode(Path f) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS));
    }

    /** {@code gradcheck args...} in a child JVM in {@code dir}, output to {@code log}; not waited for. */
    static Process child(Path dir, Path log, List<String> jvm, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(CliRun.kernelOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for the child to end within {@code seconds}, else kills it and fails; returns its exit code. */
    static int waitFor(Process p, long seconds, Path log) throws InterruptedException, IOException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the child did not end within " + seconds + " s; its output:\n" + Files.readString(log));
        }
        return p.exitValue();
    }

    /** Exactly this one line on stderr, this exit code, nothing on stdout, no stack trace. */
    static void assertRefused(CliRun r, int code, String line) {
        r.assertOneLineError(code, line);
        assertEquals("", r.out(), "nothing ran");
    }
}

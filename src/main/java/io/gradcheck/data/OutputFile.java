package io.gradcheck.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens everything gradcheck writes: checkpoints, .npz files, report pages, the index, grades.
 *
 * <ul>
 *   <li>It replaces only regular files: never a directory, a device, a FIFO or a socket. It refuses
 *       a symbolic link rather than write its target, so a link is never replaced by a file and its
 *       target never silently changed.</li>
 *   <li>{@link #check} refuses an output that is the same file as an input of the command (compared
 *       by file identity, so {@code sub/../a.ckpt} and hard links count), and proves that the
 *       directory takes a new file of the temporary name, before any work.</li>
 *   <li>{@link #write} writes a temporary file {@code NAME.N.tmp} beside the target, forces it to disk
 *       and renames it over the target in one atomic step, so the target is always the old file or
 *       the new one. New files get the permissions of the umask (0644 under 022).</li>
 * </ul>
 */
public final class OutputFile {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private OutputFile() {
    }

    /** Writes the content of a file to {@code out}, which the caller must not close. */
    @FunctionalInterface
    public interface Content {
        /** @param out buffered; flushed and closed by {@link #write} */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Refuses, before any work, an output that gradcheck must not or cannot write.
     *
     * @param option the option that named it, for the message: "--save"
     * @param inputs the command's input files by the option that named them; missing ones are ignored
     * @throws RefusedOutputException "--save FILE: is a FIFO, not a regular file; ...", "... is also an
     *                                input of this command (--data) ...", "... cannot create a file in DIR: ..."
     */
    public static void check(String option, Path file, Map<String, ? extends Collection<Path>> inputs)
            throws RefusedOutputException {
        String self = option + " " + file;
        requireReplaceable(self, file);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            for (Map.Entry<String, ? extends Collection<Path>> in : inputs.entrySet()) {
                for (Path p : in.getValue()) {
                    if (same(file, p)) {
                        throw new RefusedOutputException(self + ": is also an input of this command (" + in.getKey()
                                + "); gradcheck never writes over its inputs");
                    }
                }
            }
        }
        Path dir = directory(file);
        if (!Files.isDirectory(dir)) {
            throw new RefusedOutputException(self + ": " + (Files.exists(dir) ? dir + " is not a directory"
                    : "the directory " + dir + " does not exist"));
        }
        probe(self + ": cannot create a file in " + dir + ": ", dir, file.getFileName().toString());
    }

    /**
     * As {@link #check} for a directory that will receive the files {@code names}: it exists, or its
     * nearest existing ancestor takes a new file; none of the names is anything but a regular file.
     */
    public static void checkDirectory(String option, Path dir, List<String> names) throws RefusedOutputException {
        String self = option + " " + dir;
        if (Files.isDirectory(dir)) {
            probe(self + ": cannot create a file in " + dir + ": ", dir, names.isEmpty() ? "probe" : names.get(0));
            for (String n : names) {
                requireReplaceable(option + " " + dir + ": " + dir.resolve(n), dir.resolve(n));
            }
            return;
        }
        if (Files.exists(dir)) {
            throw new RefusedOutputException(self + ": is not a directory");
        }
        Path a = dir.toAbsolutePath().getParent();
        while (a != null && !Files.exists(a)) {
            a = a.getParent();
        }
        if (a == null || !Files.isDirectory(a)) {
            throw new RefusedOutputException(self + ": cannot create the directory: " + a + " is not a directory");
        }
        probe(self + ": cannot create the directory: " + a + ": ", a, "directory");
    }

    /** Fails unless {@code file} is absent or a regular file that is not a link. */
    private static void requireReplaceable(String self, Path file) throws RefusedOutputException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return;  // absent (or unreadable: creating the file will say so)
        }
        if (a.isSymbolicLink()) {
            String to;
            try {
                to = Files.readSymbolicLink(file).toString();
            } catch (IOException e) {
                to = "?";
            }
            throw new RefusedOutputException(self + ": is a symbolic link (to " + to + "); gradcheck does not write "
                    + "through links: name the file itself");
        }
        if (!a.isRegularFile()) {
            throw new RefusedOutputException(self + ": is " + InputFile.kind(file, a) + ", not a regular file; "
                    + "gradcheck replaces only regular files");
        }
    }

    private static boolean same(Path out, Path in) {
        try {
            return Files.exists(in) && Files.isSameFile(out, in);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path directory(Path file) {
        return file.toAbsolutePath().getParent();
    }

    /** Creates and deletes a temporary file named as {@link #write} would name it; fails with prefix + the reason. */
    private static void probe(String prefix, Path dir, String name) throws RefusedOutputException {
        try {
            Files.delete(createTemp(dir, name));
        } catch (IOException e) {
            throw new RefusedOutputException(prefix + reason(e));
        }
    }

    /** The reason of a file error without repeating its path: "File name too long", "Permission denied". */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            return f instanceof NoSuchFileException ? "No such file or directory"
                    : f instanceof java.nio.file.AccessDeniedException ? "Permission denied" : f.getClass().getSimpleName();
        }
        return String.valueOf(e.getMessage());
    }

    /** A new empty file NAME.N.tmp in dir, with the umask's permissions (Files.createTempFile would give 0600). */
    private static Path createTemp(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve(name + "." + PID + COUNTER.incrementAndGet() + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // left by a killed run of a process with our PID: take the next number
            }
        }
    }

    /**
     * Writes {@code file} atomically: a temporary file beside it, forced to disk, then renamed over
     * it. Creates the directory if needed. On failure the temporary file is deleted and an existing
     * {@code file} is left as it was.
     *
     * @throws IOException also if {@code file} has become something other than a regular file
     */
    public static void write(Path file, Content content) throws IOException {
        Path dir = directory(file);
        Files.createDirectories(dir);
        Path tmp = createTemp(dir, file.getFileName().toString());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            TestHook.beforeRename(file);
            requireReplaceable(file.toString(), file);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes bytes, as {@link #write(Path, Content)}. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** Writes text as UTF-8, as {@link #write(Path, Content)}. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Test hooks, off unless a system property sets them: {@code gradcheck.test.slowOutput=SUFFIX:MILLIS}
     * holds each write of a file whose name ends with SUFFIX for MILLIS before its rename, so that a
     * test can signal the JVM in the middle of it; {@code gradcheck.test.failOutput=SUFFIX} fails it.
     */
    private static final class TestHook {
        private TestHook() {
        }

        static void beforeRename(Path file) throws IOException {
            String name = file.getFileName().toString();
            String slow = System.getProperty("gradcheck.test.slowOutput");
            if (slow != null && slow.indexOf(':') > 0 && name.endsWith(slow.substring(0, slow.lastIndexOf(':')))) {
                try {
                    Thread.sleep(Long.parseLong(slow.substring(slow.lastIndexOf(':') + 1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String fail = System.getProperty("gradcheck.test.failOutput");
            if (fail != null && !fail.isEmpty() && name.endsWith(fail)) {
                throw new IOException(file + ": not written (-Dgradcheck.test.failOutput)");
            }
        }
    }
}

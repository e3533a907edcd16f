package io.gradcheck.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on an output for a whole run: the file {@code NAME.lock} beside it, locked with
 * the operating system's file lock (released when the process ends, even by SIGKILL) and holding the
 * holder's PID, so that a second writer can say who has it. The file is never opened a second time
 * while it is locked: on POSIX systems, closing any descriptor of a file drops the process's locks on it. {@link #close} deletes the lock file; a
 * killed process leaves it behind, and the next run takes it over.
 */
public final class SaveLock implements AutoCloseable {
    /** The lock files this JVM holds. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private final Path path;
    private final Path id;
    private final FileChannel channel;
    private final FileLock lock;
    private final Object fileKey;

    private SaveLock(Path path, Path id, FileChannel channel, FileLock lock, Object fileKey) {
        this.path = path;
        this.id = id;
        this.channel = channel;
        this.lock = lock;
        this.fileKey = fileKey;
    }

    /**
     * Takes the lock of {@code file}.
     *
     * @param option the option that named the file, for messages: "--save"
     * @throws RefusedOutputException "--save FILE: another gradcheck train (PID N) is saving to it; ..."
     */
    public static SaveLock take(String option, Path file) throws IOException {
        Path lf = file.resolveSibling(file.getFileName() + ".lock");
        String self = option + " " + file;
        OutputFile.check(option, lf, java.util.Map.of());  // a regular file or none, in a directory that takes it
        Path id = lf.toAbsolutePath().normalize();
        if (!HELD.add(id)) {  // held in this JVM: opening and closing another channel would release that lock
            throw busy(self, String.valueOf(ProcessHandle.current().pid()));
        }
        try {
            for (int attempt = 0; attempt < 20; attempt++) {
                FileChannel ch = FileChannel.open(lf, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                Object opened = key(lf);
                FileLock l = ch.tryLock();
                if (l == null) {
                    String holder = holder(ch);
                    ch.close();
                    throw busy(self, holder);
                }
                // the path must still name the file we locked: a holder that ends deletes it, and the next makes a new one.
                // Compared by stat, never by opening it: closing any descriptor of a file drops this process's lock on it
                if (opened != null && opened.equals(key(lf))) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                    ch.force(true);
                    return new SaveLock(lf, id, ch, l, opened);
                }
                l.release();
                ch.close();
            }
        } catch (IOException | RuntimeException e) {
            HELD.remove(id);
            throw e;
        }
        HELD.remove(id);
        throw new RefusedOutputException(self + ": could not take its lock " + lf + ": other runs keep changing it");
    }

    private static RefusedOutputException busy(String self, String pid) {
        return new RefusedOutputException(self + ": another gradcheck train (PID " + pid + ") is saving to it; "
                + "wait for it to end or choose another file");
    }

    /** The identity (device and inode) of the file at a path, or null if there is none. */
    private static Object key(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** The PID written in a lock file, waiting briefly for a holder that has just created it. */
    private static String holder(FileChannel ch) throws IOException {
        for (int i = 0; i < 20; i++) {
            ByteBuffer b = ByteBuffer.allocate(64);
            ch.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            if (!s.isEmpty()) {
                return s.split("\\s+")[0];
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "unknown";
    }

    /** Deletes the lock file if it is still ours, then releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            if (fileKey.equals(key(path))) {  // still ours: delete it while the lock is held
                Files.deleteIfExists(path);
            }
            lock.release();
        } catch (IOException e) {
            // the process's end releases the lock anyway
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // as above
            }
            HELD.remove(id);
        }
    }
}

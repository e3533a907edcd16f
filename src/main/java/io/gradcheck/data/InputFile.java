package io.gradcheck.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Opens what gradcheck reads (checkpoints, .npz files, images, report pages): only regular files,
 * found to be regular before they are opened, so that a FIFO never blocks the open and a device
 * such as {@code /dev/zero} is never streamed; and never more bytes than the caller allows, whatever
 * the file's size claims. Every message starts with the file's name.
 */
public final class InputFile {
    private InputFile() {
    }

    /**
     * Fails unless {@code file} (its target, if it is a link) is a regular file.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws IOException         "FILE: is a FIFO, not a regular file", or a directory, a device, a socket
     */
    public static void requireRegular(Path file) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString());
        }
        if (!a.isRegularFile()) {
            throw new IOException(file + ": is " + kind(file, a) + ", not a regular file");
        }
    }

    /** "a directory", "a FIFO", "a character device", ...: what a file that is not regular is. */
    static String kind(Path file, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            switch (type) {
                case 0010000: return "a FIFO";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: return "a special file";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";  // no "unix" view on this file system
        }
    }

    /**
     * Opens a regular file for reading.
     *
     * @throws IOException as {@link #requireRegular}
     */
    public static InputStream open(Path file) throws IOException {
        requireRegular(file);
        return Files.newInputStream(file);
    }

    /**
     * All bytes of a regular file, or a failure once more than {@code max} bytes arrive: the file may
     * have grown, or lie about its size.
     *
     * @param tooLarge the message after "FILE: " when the file holds more than {@code max} bytes
     */
    public static byte[] readAll(Path file, int max, String tooLarge) throws IOException {
        requireRegular(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > max) {
                throw new IOException(file + ": " + tooLarge);
            }
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(max + 1L, Math.max(size + 1, 1)));
            while (true) {
                if (!b.hasRemaining()) {
                    if (b.capacity() > max) {
                        throw new IOException(file + ": " + tooLarge);
                    }
                    b = ByteBuffer.allocate((int) Math.min(max + 1L, 2L * b.capacity())).put(b.flip());
                }
                if (ch.read(b) < 0) {
                    return Arrays.copyOf(b.array(), b.position());
                }
            }
        }
    }

    /** At most the first {@code n} bytes of a regular file. */
    public static byte[] prefix(Path file, int n) throws IOException {
        requireRegular(file);
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }
}

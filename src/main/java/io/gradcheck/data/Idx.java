package io.gradcheck.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), raw or gzip-compressed.
 *
 * <p>Layout: bytes {@code 00 00 TT ND}, then {@code ND} big-endian int32 dimension sizes, then the
 * data. Only type {@code TT = 0x08} (unsigned byte) is supported. Gzip is recognised by its magic
 * bytes {@code 1f 8b}, whatever the file is called.
 *
 * <p>The header is checked before any data buffer is allocated: element counts above
 * {@link #MAX_ELEMENTS} are refused, raw files must have exactly the length the header implies,
 * and compressed data is read into a buffer that grows only as bytes actually arrive, so a lying
 * header can cause neither an {@link OutOfMemoryError} nor a long wait. Data larger than half the
 * maximum heap (a gzip bomb, say) is refused as soon as that much has arrived. Any malformation,
 * including bytes after the data or after the end of the gzip stream, is reported as an
 * {@link IdxFormatException}, never as a bare {@link EOFException} or {@link ZipException}.
 */
public final class Idx {
    /** Largest element count accepted: the largest Java array length that is safe everywhere. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    static final int UBYTE = 0x08;
    private static final int CHUNK = 1 << 16;

    private Idx() {}

    /** Reads the IDX file at {@code path}; messages name {@code path}. */
    public static IdxArray read(Path path) throws IOException {
        return read(path, heapLimit());
    }

    /** As {@link #read(Path)}, but refuses more than {@code limit} bytes of data instead of {@link #heapLimit()}. */
    static IdxArray read(Path path, long limit) throws IOException {
        long size = Files.isRegularFile(path) ? Files.size(path) : -1;  // a pipe's size says nothing of its content
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString(), size, limit);
        }
    }

    /**
     * Reads an IDX stream to its end; does not close it.
     *
     * @param name what to call the stream in error messages, e.g. its file name
     */
    public static IdxArray read(InputStream in, String name) throws IOException {
        return read(in, name, -1, heapLimit());
    }

    /**
     * Reads an IDX stream as the public methods do, refusing more than {@code limit} bytes of data.
     *
     * @param size  the raw length of the stream in bytes, or -1 if unknown
     * @param limit the most bytes of data accepted: {@link #heapLimit()}, or less in tests
     */
    static IdxArray read(InputStream raw, String name, long size, long limit) throws IOException {
        var in = new PushbackInputStream(new BufferedInputStream(raw, CHUNK), 2);
        byte[] m = new byte[2];
        int k = fill(in, m, 0, 2);
        in.unread(m, 0, k);
        boolean gz = k == 2 && (m[0] & 0xFF) == 0x1f && (m[1] & 0xFF) == 0x8b;
        if (!gz) return parse(in, name, size, false, limit);
        try (var z = new Gunzip(in)) {
            return parse(z, name, -1, true, limit);
        } catch (EOFException e) {
            throw new IdxFormatException(name + ": truncated gzip stream (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new IdxFormatException(name + ": corrupt gzip stream (" + e.getMessage() + ")", e);
        }
    }

    private static IdxArray parse(InputStream in, String name, long size, boolean gz, long limit)
            throws IOException {
        String what = gz ? "decompressed data has " : "file has ";
        byte[] h = new byte[4];
        int k = fill(in, h, 0, 4);
        if (k == 0) throw new IdxFormatException(name + ": empty " + (gz ? "decompressed data" : "file"));
        if (k < 4) {
            throw new IdxFormatException(name + ": truncated inside header: " + what + k
                    + " bytes, the magic number alone needs 4");
        }
        if (h[0] != 0 || h[1] != 0) {
            throw new IdxFormatException(String.format("%s: bad magic number 0x%02X%02X%02X%02X: an IDX file"
                    + " starts with 00 00 (then type, dimension count)", name, h[0], h[1], h[2], h[3]));
        }
        int type = h[2] & 0xFF, nd = h[3] & 0xFF;
        if (type != UBYTE) throw new IdxFormatException(name + ": " + typeProblem(type));
        if (nd == 0) throw new IdxFormatException(name + ": header declares 0 dimensions");
        int hl = 4 + 4 * nd;
        byte[] db = new byte[4 * nd];
        k = fill(in, db, 0, db.length);
        if (k < db.length) {
            throw new IdxFormatException(name + ": truncated inside header: " + what + (4 + k)
                    + " bytes, a header with " + nd + " dimensions needs " + hl);
        }
        int[] dims = new int[nd];
        for (int i = 0; i < nd; i++) {
            dims[i] = (db[4 * i] & 0xFF) << 24 | (db[4 * i + 1] & 0xFF) << 16
                    | (db[4 * i + 2] & 0xFF) << 8 | (db[4 * i + 3] & 0xFF);
            if (dims[i] < 0) {
                throw new IdxFormatException(name + ": dimension " + i + " has size "
                        + Integer.toUnsignedString(dims[i]) + ", above 2^31-1");
            }
        }
        long n = count(dims);
        String says = "header says " + join(dims) + " = " + (n < 0 ? "more than " + MAX_ELEMENTS : n);
        if (n < 0) throw new IdxFormatException(name + ": too large: " + says + " elements");
        if (size >= 0) {  // the length is known: check it, and the data size, before reading
            if (size - hl != n) {
                String p = size - hl < n ? ": truncated: " : ": trailing bytes: ";
                throw new IdxFormatException(name + p + says + " bytes of data, file has " + (size - hl));
            }
            if (n > limit) throw new IdxFormatException(name + ": " + tooLarge(says + " bytes of data", limit));
        }
        byte[] data = readData(in, (int) n, name, says, what, limit);
        long extra = extra(in);
        if (extra > 0) {
            String has = extra > CHUNK ? "at least " + (n + CHUNK) : String.valueOf(n + extra);
            throw new IdxFormatException(name + ": trailing bytes: " + says + " bytes of data, " + what + has);
        }
        return new IdxArray(dims, data);
    }

    /** Reads exactly {@code n} bytes, growing the buffer only as data arrives and never past {@code limit}. */
    private static byte[] readData(InputStream in, int n, String name, String says, String what, long limit)
            throws IOException {
        byte[] b = new byte[Math.min(n, CHUNK)];
        int k = 0;
        while (k < n) {
            if (k == b.length) {
                long grown = Math.min(n, 2L * b.length);
                if (grown > limit) {  // a gzip bomb, or data this JVM cannot hold anyway
                    throw new IdxFormatException(name + ": "
                            + tooLarge(says + " bytes of data, " + what + "at least " + k, limit));
                }
                b = Arrays.copyOf(b, (int) grown);
            }
            int r = in.read(b, k, b.length - k);
            if (r < 0) throw new IdxFormatException(name + ": truncated: " + says + " bytes of data, " + what + k);
            k += r;
        }
        return b;
    }

    /** Half the maximum heap: the most one array read from a file may take. */
    static long heapLimit() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** The message for data that does not fit {@code limit}, which is {@link #heapLimit()} outside tests. */
    static String tooLarge(String what, long limit) {
        return "too large for this JVM: " + what + "; the limit is half the maximum heap, " + limit
                + " bytes (raise it with -Xmx)";
    }

    /** Counts the bytes left in {@code in}, stopping once past {@link #CHUNK}. */
    private static long extra(InputStream in) throws IOException {
        byte[] b = new byte[4096];
        long k = 0;
        for (int r; k <= CHUNK && (r = in.read(b)) >= 0; ) k += r;
        return k;
    }

    /** Product of {@code dims}, or -1 if it exceeds {@link #MAX_ELEMENTS}. */
    static long count(int[] dims) {
        for (int d : dims) if (d == 0) return 0;
        long n = 1;
        for (int d : dims) {
            n *= d; // both factors < 2^31 and n <= MAX_ELEMENTS before this, so no long overflow
            if (n > MAX_ELEMENTS) return -1;
        }
        return n;
    }

    private static String typeProblem(int t) {
        String known = switch (t) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> null;
        };
        return known == null
                ? String.format("unknown data type byte 0x%02X (IDX types are 08, 09, 0B-0E)", t)
                : String.format("unsupported data type 0x%02X (%s): only 0x08 (unsigned byte) is read", t, known);
    }

    private static String join(int[] dims) {
        var s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) s.append(i == 0 ? "" : " x ").append(dims[i]);
        return s.toString();
    }

    /** Reads up to {@code len} bytes, stopping early only at end of stream; returns the count. */
    private static int fill(InputStream in, byte[] b, int off, int len) throws IOException {
        int k = 0;
        while (k < len) {
            int r = in.read(b, off + k, len - k);
            if (r < 0) break;
            k += r;
        }
        return k;
    }
}

package io.gradcheck.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writes unsigned-byte IDX data; used by the converter and by tests to make fixtures. */
final class IdxWriter {
    private IdxWriter() {}

    /** The IDX encoding of {@code a}, gzip-compressed if {@code gz}. Deterministic: gzip mtime is 0. */
    static byte[] encode(IdxArray a, boolean gz) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (OutputStream out = gz ? new Gzip(bytes) : bytes) {
            write(out, a);
        }
        return bytes.toByteArray();
    }

    /** Writes header and data of {@code a} to {@code out}; does not close it. */
    static void write(OutputStream out, IdxArray a) throws IOException {
        int[] d = a.dims();
        if (d.length == 0 || d.length > 255) throw new IllegalArgumentException("IDX needs 1..255 dims");
        out.write(new byte[] {0, 0, (byte) Idx.UBYTE, (byte) d.length});
        for (int x : d) out.write(new byte[] {(byte) (x >>> 24), (byte) (x >>> 16), (byte) (x >>> 8), (byte) x});
        out.write(a.data());
    }

    /**
     * Gzip at the best compression level. Java's GZIPOutputStream writes mtime 0 and a fixed OS byte
     * (255 since Java 16), so output depends on the input (and the zlib build) only.
     */
    private static final class Gzip extends GZIPOutputStream {
        Gzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}

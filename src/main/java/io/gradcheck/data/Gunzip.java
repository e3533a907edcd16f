package io.gradcheck.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip (RFC 1952) decoder that, unlike {@link java.util.zip.GZIPInputStream}, refuses bytes
 * after the last member instead of silently ignoring them. Concatenated members are decoded in
 * turn. Failures are {@link ZipException}s, or {@link EOFException}s for a stream that stops
 * early. {@link #close()} frees the inflater but leaves the underlying stream open.
 */
final class Gunzip extends InputStream {
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16, RESERVED = 0xE0;
    private final byte[] buf = new byte[1 << 16];
    private final PushbackInputStream in;
    private final Inflater inf = new Inflater(true); // raw deflate: we parse header and trailer
    private final CRC32 crc = new CRC32();
    private int len;
    private boolean done;

    /** Reads the first member's header at once. */
    Gunzip(InputStream raw) throws IOException {
        in = new PushbackInputStream(raw, buf.length);
        header(true);
    }

    @Override
    public int read() throws IOException {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) return 0;
        while (!done) {
            int r;
            try {
                r = inf.inflate(b, off, n);
            } catch (DataFormatException e) {
                throw new ZipException("invalid deflate data: " + e.getMessage());
            }
            if (r > 0) {
                crc.update(b, off, r);
                return r;
            }
            if (inf.finished()) {
                trailer();
            } else if (inf.needsDictionary()) {
                throw new ZipException("deflate data asks for a preset dictionary");
            } else if (inf.needsInput()) {
                len = in.read(buf);
                if (len < 0) throw new EOFException("gzip data ends inside the compressed data");
                inf.setInput(buf, 0, len);
            }
        }
        return -1;
    }

    @Override
    public void close() {
        inf.end();
    }

    private void trailer() throws IOException {
        int rest = inf.getRemaining();
        if (rest > 0) in.unread(buf, len - rest, rest); // input the inflater read past the member's end
        long c = u32(), size = u32();
        if (c != crc.getValue()) throw new ZipException("gzip CRC-32 mismatch: data is corrupt");
        if (size != (inf.getBytesWritten() & 0xFFFFFFFFL)) throw new ZipException("gzip length mismatch");
        int b = in.read();
        if (b < 0) {
            done = true;
            return;
        }
        in.unread(b);
        inf.reset();
        crc.reset();
        header(false);
    }

    private void header(boolean first) throws IOException {
        var h = new CRC32();
        if (u8(h) != 0x1f || u8(h) != 0x8b) {
            throw new ZipException(first ? "not in gzip format" : "trailing bytes after the end of the gzip data");
        }
        int cm = u8(h), flg = u8(h);
        if (cm != 8) throw new ZipException("unsupported gzip compression method " + cm);
        if ((flg & RESERVED) != 0) throw new ZipException(String.format("reserved gzip flag bits set: 0x%02X", flg));
        for (int i = 0; i < 6; i++) u8(h); // mtime, extra flags, OS
        if ((flg & FEXTRA) != 0) {
            int x = u8(h) | u8(h) << 8;
            for (int i = 0; i < x; i++) u8(h);
        }
        if ((flg & FNAME) != 0) while (u8(h) != 0) { /* skip the file name */ }
        if ((flg & FCOMMENT) != 0) while (u8(h) != 0) { /* skip the comment */ }
        if ((flg & FHCRC) != 0) {
            int want = (int) h.getValue() & 0xFFFF;
            if ((u8(null) | u8(null) << 8) != want) throw new ZipException("gzip header CRC mismatch");
        }
    }

    private int u8(CRC32 h) throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("gzip data ends inside a header or trailer");
        if (h != null) h.update(b);
        return b;
    }

    private long u32() throws IOException {
        return u8(null) | u8(null) << 8 | u8(null) << 16 | (long) u8(null) << 24;
    }
}

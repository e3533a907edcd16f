package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One array in NumPy's NPY format, version 1.0: the magic {@code \x93NUMPY}, version bytes 1 0, a
 * little-endian uint16 header length, an ASCII Python dict such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (30, 1, 5, 5), }} padded with spaces and
 * a newline to a multiple of 64 bytes, then the values as little-endian doubles in C order.
 * Reading also accepts version 2.0 (uint32 header length) but only {@code '<f8'}, C order.
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The book network has 432,000 weights in W2; no array of ours comes near this. */
    static final int MAX_ELEMENTS = 1 << 24;
    private static final int MAX_HEADER = 1 << 16, CHUNK = 1 << 16;

    private Npy() {
    }

    /** The bytes of t as an NPY v1.0 file. t: not modified. */
    static byte[] write(Tensor t) {
        StringBuilder shape = new StringBuilder("(");
        for (int d : t.shape()) {
            shape.append(d).append(", ");
        }
        // numpy writes (5,) for one dimension and (3, 4) for more
        String s = t.rank() == 1 ? shape.substring(0, shape.length() - 1) + ")" : shape.substring(0, shape.length() - 2) + ")";
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + s + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 8 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        b.asDoubleBuffer().put(t.data());
        return b.array();
    }

    /**
     * Reads one NPY array from {@code in}, which must end right after the data.
     *
     * @param name for messages, e.g. "weights.npz: W1.npy"
     * @throws CheckpointException for a wrong magic or version, a header that is not the dict
     *                             numpy writes, a dtype other than '<f8', Fortran order, a shape
     *                             that is empty or larger than {@link #MAX_ELEMENTS}, or data of the
     *                             wrong length
     */
    static Tensor read(InputStream in, String name) throws IOException {
        return read(in, name, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(InputStream, String)}, refusing data of more than {@code budget} bytes once
     * that much has arrived (the doubles then take as much again).
     */
    static Tensor read(InputStream in, String name, long budget) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CheckpointException(name + ": not an NPY file (wrong magic bytes)");
            }
            int major = d.readUnsignedByte(), minor = d.readUnsignedByte();
            long len;
            if (major == 1 && minor == 0) {
                len = Short.toUnsignedInt(Short.reverseBytes(d.readShort()));
            } else if (major == 2 && minor == 0) {
                len = Integer.toUnsignedLong(Integer.reverseBytes(d.readInt()));
            } else {
                throw new CheckpointException(name + ": NPY version " + major + "." + minor + " is not supported (1.0 or 2.0)");
            }
            if (len > MAX_HEADER) {
                throw new CheckpointException(name + ": NPY header of " + len + " bytes is longer than " + MAX_HEADER);
            }
            byte[] h = new byte[(int) len];
            d.readFully(h);
            int[] shape = parseHeader(new String(h, StandardCharsets.ISO_8859_1), name);
            int n = 1;
            for (int s : shape) {
                n *= s;  // cannot overflow: parseHeader bounded the product
            }
            byte[] data = readData(d, 8 * n, name, shape, budget);
            if (d.read() != -1) {
                throw new CheckpointException(name + ": extra bytes after the " + n + " values of shape "
                        + Arrays.toString(shape));
            }
            double[] v = new double[n];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
            return Tensor.wrap(v, shape);
        } catch (EOFException e) {
            throw new CheckpointException(name + ": truncated NPY data");
        }
    }

    /**
     * Reads exactly {@code len} bytes, growing the buffer only as they arrive, so that a header
     * claiming a large shape over a short entry allocates no more than the entry holds.
     */
    private static byte[] readData(InputStream in, int len, String name, int[] shape, long budget) throws IOException {
        byte[] b = new byte[Math.min(len, CHUNK)];
        int k = 0;
        while (k < len) {
            if (k == b.length) {
                long grown = Math.min(len, 2L * b.length);
                if (grown > budget) {  // a zip bomb, or arrays this JVM cannot hold anyway
                    throw new CheckpointException(name + ": too large for this JVM: shape " + Arrays.toString(shape)
                            + " needs " + len + " bytes, more than the " + budget + " left of a quarter of the maximum"
                            + " heap (raise it with -Xmx)");
                }
                b = Arrays.copyOf(b, (int) grown);
            }
            int r = in.read(b, k, b.length - k);
            if (r < 0) {
                throw new CheckpointException(name + ": truncated NPY data: shape " + Arrays.toString(shape) + " needs "
                        + len + " bytes, the entry has " + k);
            }
            k += r;
        }
        return b;
    }

    /** The shape from a header dict, after checking that it describes C-ordered '<f8'. */
    static int[] parseHeader(String header, String name) throws CheckpointException {
        String s = header.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw bad(name, "header is not a Python dict: " + abbrev(header));
        }
        String descr = null;
        String fortran = null;
        int[] shape = null;
        Cursor c = new Cursor(s.substring(1, s.length() - 1), name);
        while (c.skipSpaces()) {
            String key = c.quoted();
            c.expect(':');
            switch (key) {
                case "descr" -> descr = c.quoted();
                case "fortran_order" -> fortran = c.word();
                case "shape" -> shape = c.tuple();
                default -> throw bad(name, "unexpected key '" + printable(key) + "' in header " + abbrev(header));
            }
            if (c.skipSpaces()) {
                c.expect(',');
            }
        }
        if (descr == null || fortran == null || shape == null) {
            throw bad(name, "header lacks descr, fortran_order or shape: " + abbrev(header));
        }
        if (!descr.equals("<f8")) {
            throw bad(name, "dtype '" + printable(descr) + "' is not supported, expected '<f8' (float64, little-endian)");
        }
        if (!fortran.equals("False")) {
            throw bad(name, "fortran_order " + printable(fortran) + " is not supported, expected False (C order)");
        }
        return shape;
    }

    private static CheckpointException bad(String name, String what) {
        return new CheckpointException(name + ": " + what);
    }

    /** At most 80 characters of s, stripped and {@link #printable}: one line. */
    private static String abbrev(String s) {
        String t = s.strip();
        return printable(t.length() > 80 ? t.substring(0, 80) : t) + (t.length() > 80 ? "..." : "");
    }

    /** s with every character outside printable ASCII written as a hex escape (x then 2 or u then 4 digits). */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : c <= 0xff ? String.format("\\x%02x", (int) c)
                    : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    /** Reads the small Python literal grammar of an NPY header. */
    private static final class Cursor {
        private final String s;
        private final String name;
        private int i;

        Cursor(String s, String name) {
            this.s = s;
            this.name = name;
        }

        /** Skips blanks; true if anything is left. */
        boolean skipSpaces() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return i < s.length();
        }

        void expect(char ch) throws CheckpointException {
            skipSpaces();
            if (i >= s.length() || s.charAt(i) != ch) {
                throw bad(name, "header: expected '" + ch + "' at character " + i + " of " + abbrev(s));
            }
            i++;
        }

        String quoted() throws CheckpointException {
            skipSpaces();
            char q = i < s.length() ? s.charAt(i) : 0;
            int end = q == '\'' || q == '"' ? s.indexOf(q, i + 1) : -1;
            if (end < 0) {
                throw bad(name, "header: expected a quoted string at character " + i + " of " + abbrev(s));
            }
            String v = s.substring(i + 1, end);
            i = end + 1;
            return v;
        }

        String word() {
            skipSpaces();
            int start = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        int[] tuple() throws CheckpointException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            long size = 1;
            while (true) {
                skipSpaces();
                if (i < s.length() && s.charAt(i) == ')') {
                    i++;
                    break;
                }
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i)) && i - start < 10) {
                    i++;
                }
                if (start == i) {
                    throw bad(name, "header: shape must be a tuple of non-negative integers: " + abbrev(s));
                }
                if (i < s.length() && Character.isDigit(s.charAt(i))) {  // stopped at 10 digits: no overflow below
                    throw bad(name, "shape has a dimension of more than 10 digits, over the limit of "
                            + MAX_ELEMENTS + " elements");
                }
                long dim = Long.parseLong(s.substring(start, i));
                dims.add(dim);
                size *= dim;
                if (size > MAX_ELEMENTS) {
                    throw bad(name, String.format(Locale.ROOT, "shape has more than %d elements, the limit", MAX_ELEMENTS));
                }
                skipSpaces();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                }
            }
            if (dims.isEmpty() || size == 0) {
                throw bad(name, "shape " + dims + " is empty; only arrays with at least one element are supported");
            }
            return dims.stream().mapToInt(Long::intValue).toArray();
        }
    }

    /** The header dict of an NPY file's bytes, with its padding; for tests. */
    static String header(byte[] npy) {
        int len = Short.toUnsignedInt(ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
        return new String(npy, 10, len, StandardCharsets.ISO_8859_1);
    }
}

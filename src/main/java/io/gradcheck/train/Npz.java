package io.gradcheck.train;

import io.gradcheck.data.InputFile;
import io.gradcheck.data.OutputFile;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Parameters as a NumPy {@code .npz}: a zip of NPY files named {@code W1.npy}, {@code b1.npy}, ...,
 * as {@code numpy.savez} writes them, so that {@code np.load("f.npz")["W1"]} gives our W1 and the
 * book's Python code can be compared with ours.
 */
public final class Npz {
    private static final int MAX_ENTRIES = 64;

    private Npz() {
    }

    /**
     * Writes the arrays as uncompressed NPY v1.0 entries, atomically ({@link OutputFile#write}: a
     * temporary file in the same directory, then a rename). arrays: not modified.
     */
    public static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        OutputFile.write(file, f -> {
            ZipOutputStream z = new ZipOutputStream(f);
            for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
                byte[] npy = Npy.write(a.getValue());
                CRC32 crc = new CRC32();
                crc.update(npy);
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                e.setMethod(ZipEntry.STORED);  // as numpy.savez: stored entries need size and CRC up front
                e.setSize(npy.length);
                e.setCompressedSize(npy.length);
                e.setCrc(crc.getValue());
                z.putNextEntry(e);
                z.write(npy);
                z.closeEntry();
            }
            z.finish();  // the central directory; OutputFile flushes and closes
        });
    }

    /**
     * Reads every array of an {@code .npz}, stored or deflated, in the zip's order, named without
     * {@code .npy}.
     *
     * @throws CheckpointException if the file is not a zip, an entry fails its CRC-32, has a name
     *                             that is not printable ASCII, is not an NPY file of {@code '<f8'} in C order
     *                             (see {@link Npy#read}), or names repeat, or if its arrays would
     *                             take more than a quarter of the maximum heap
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        InputFile.requireRegular(file);  // ZipFile would block on a FIFO
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CheckpointException(file + ": not an .npz (zip) file: " + e.getMessage());
        } catch (EOFException e) {  // a zip directory that lies about its own size
            throw new CheckpointException(file + ": not an .npz (zip) file: its directory ends early");
        }
        long heap = Runtime.getRuntime().maxMemory() / 4, used = 0;  // all arrays may take a quarter of the heap
        try (zip) {
            if (zip.size() > MAX_ENTRIES) {
                throw new CheckpointException(file + ": " + zip.size() + " entries, at most " + MAX_ENTRIES + " expected");
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String where = file + ": " + Npy.printable(e.getName());  // a name may hold any byte
                if (!Npy.printable(e.getName()).equals(e.getName())) {
                    throw new CheckpointException(where + ": entry name holds characters other than printable ASCII");
                }
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    throw new CheckpointException(where + ": not an .npy entry");
                }
                String name = e.getName().substring(0, e.getName().length() - 4);
                // java.util.zip.ZipFile checks no CRC-32: check it here, over the whole entry, which Npy.read consumes
                try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
                    Tensor t = Npy.read(in, where, (heap - used) / 2);
                    used += 8L * t.size();  // its doubles are kept
                    if (in.getChecksum().getValue() != e.getCrc()) {
                        throw new CheckpointException(where + ": CRC-32 mismatch: the entry is corrupt");
                    }
                    if (out.put(name, t) != null) {
                        throw new CheckpointException(where + ": appears twice");
                    }
                } catch (ZipException z) {
                    throw new CheckpointException(where + ": corrupt zip entry: " + z.getMessage());
                }
            }
        }
        if (out.isEmpty()) {
            throw new CheckpointException(file + ": no arrays in the .npz");
        }
        return Collections.unmodifiableMap(out);
    }

    /** Writes the net's parameters W1, b1, ..., b3. net: not modified. */
    public static void save(Path file, SimpleConvNet net) throws IOException {
        write(file, net.params());
    }

    /**
     * Loads parameters into {@code net} after checking that the names and shapes are exactly the
     * net's and that every value is finite.
     *
     * @param net modified only if every array fits
     */
    public static void load(Path file, SimpleConvNet net) throws IOException {
        Map<String, Tensor> a = read(file);
        Checkpoint.requireSame(file.toString(), "parameter", a, net.params());
        Checkpoint.requireFinite(file.toString(), "parameter", a);
        a.forEach((k, v) -> System.arraycopy(v.data(), 0, net.params().get(k).data(), 0, v.size()));
    }
}

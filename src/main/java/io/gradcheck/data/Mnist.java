package io.gradcheck.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads MNIST-format data sets (MNIST, Fashion-MNIST) as {@link Dataset}s.
 *
 * <p>{@link #embedded} reads the 8,000 + 2,000 real MNIST digits shipped in this jar (see
 * {@code io/gradcheck/data/README.md}); {@link #fromDirectory} reads the standard four files.
 */
public final class Mnist {
    /** Standard file names, without the optional {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte", TRAIN_LABELS = "train-labels-idx1-ubyte",
            TEST_IMAGES = "t10k-images-idx3-ubyte", TEST_LABELS = "t10k-labels-idx1-ubyte";

    private Mnist() {}

    /** The digits embedded as classpath resources: 8,000 for training, 2,000 for testing. */
    public static TrainTest embedded(LoadOptions o) throws IOException {
        return new TrainTest(embedded(TRAIN_IMAGES + ".gz", TRAIN_LABELS + ".gz", o),
                embedded(TEST_IMAGES + ".gz", TEST_LABELS + ".gz", o));
    }

    private static Dataset embedded(String in, String ln, LoadOptions o) throws IOException {
        return build(resource(in), in, resource(ln), ln, o);
    }

    /**
     * Reads {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte} from {@code dir}, each
     * either raw or with a {@code .gz} suffix (the raw name wins if both exist).
     *
     * @throws NoSuchFileException if {@code dir} or any file is missing; the message lists them
     * @throws IdxFormatException  if a file is malformed or images and labels disagree
     */
    public static TrainTest fromDirectory(Path dir, LoadOptions o) throws IOException {
        if (!Files.exists(dir)) throw new NoSuchFileException(dir.toString(), null, "MNIST directory does not exist");
        if (!Files.isDirectory(dir)) throw new FileSystemException(dir.toString(), null, "not a directory");
        if (!Files.isReadable(dir)) throw new AccessDeniedException(dir.toString(), null, "cannot read directory");
        List<String> missing = new ArrayList<>();
        Path[] p = new Path[4];
        String[] names = {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS};
        for (int i = 0; i < 4; i++) {
            Path raw = dir.resolve(names[i]), gz = dir.resolve(names[i] + ".gz");
            p[i] = Files.isRegularFile(raw) ? raw : Files.isRegularFile(gz) ? gz : null;
            if (p[i] == null) missing.add(names[i] + "[.gz]");
        }
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(dir.toString(), null, "missing MNIST file(s): looked for "
                    + String.join(", ", missing));
        }
        return new TrainTest(load(p[0], p[1], o), load(p[2], p[3], o));
    }

    /** Every file {@link #fromDirectory} may read from {@code dir}: the four names, raw and with {@code .gz}. */
    public static List<Path> files(Path dir) {
        List<Path> all = new ArrayList<>();
        for (String n : new String[] {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS}) {
            all.add(dir.resolve(n));
            all.add(dir.resolve(n + ".gz"));
        }
        return all;
    }

    /** Reads one images file (N x rows x cols) and one labels file (N), raw or gzip. */
    public static Dataset load(Path images, Path labels, LoadOptions o) throws IOException {
        return build(Idx.read(images), images.toString(), Idx.read(labels), labels.toString(), o);
    }

    /**
     * The length of the one-hot matrix for n labels: n x 10, or 0 if {@code oneHot} is false. Refuses
     * n labels as one-hot rows that would not fit in one Java array (over 214,748,363).
     */
    static long oneHotLength(String ln, int n, boolean oneHot) throws IdxFormatException {
        long len = oneHot ? (long) n * Dataset.CLASSES : 0;
        if (len > Idx.MAX_ELEMENTS) {
            throw new IdxFormatException(ln + ": " + n + " labels are too many for a one-hot matrix");
        }
        return len;
    }

    /** Converts checked IDX arrays to a dataset; the names are for messages. */
    static Dataset build(IdxArray img, String in, IdxArray lab, String ln, LoadOptions o)
            throws IdxFormatException {
        return build(img, in, lab, ln, o, Idx.heapLimit());
    }

    /**
     * As {@link #build(IdxArray, String, IdxArray, String, LoadOptions)}, but refuses a dataset that
     * needs more than {@code limit} bytes as doubles instead of more than {@link Idx#heapLimit()}.
     */
    static Dataset build(IdxArray img, String in, IdxArray lab, String ln, LoadOptions o, long limit)
            throws IdxFormatException {
        if (img.dims().length != 3) {
            throw new IdxFormatException(in + ": images need 3 dimensions (N x rows x cols), header has "
                    + img.dims().length);
        }
        if (lab.dims().length != 1) {
            throw new IdxFormatException(ln + ": labels need 1 dimension (N), header has " + lab.dims().length);
        }
        int n = img.dims()[0], r = img.dims()[1], c = img.dims()[2];
        if (lab.dims()[0] != n) {
            throw new IdxFormatException("image and label counts differ: " + in + " has " + n + " images, "
                    + ln + " has " + lab.dims()[0] + " labels");
        }
        int k = Dataset.CLASSES;
        long hot = oneHotLength(ln, n, o.oneHotLabel());
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = lab.at(i);
            if (y[i] >= k) throw new IdxFormatException(ln + ": label " + y[i] + " at index " + i + " is not in 0..9");
        }
        long need = 8L * (img.data().length + hot);
        if (need > limit) {
            throw new IdxFormatException(in + ": " + Idx.tooLarge(n + " images of " + r + "x" + c + " need " + need
                    + " bytes as doubles", limit));
        }
        double[] x = new double[img.data().length];
        for (int i = 0; i < x.length; i++) x[i] = o.normalize() ? img.at(i) / 255.0 : img.at(i);
        double[] t = null;
        if (o.oneHotLabel()) {
            t = new double[n * k];
            for (int i = 0; i < n; i++) t[i * k + y[i]] = 1;
        }
        int[] shape = o.flatten() ? new int[] {n, r * c} : new int[] {n, 1, r, c};
        return new Dataset(x, shape, y, t, r, c);
    }

    private static IdxArray resource(String name) throws IOException {
        try (InputStream in = Mnist.class.getResourceAsStream(name)) {
            if (in == null) throw new NoSuchFileException("classpath:io/gradcheck/data/" + name, null, "missing from the jar");
            return Idx.read(in, name);
        }
    }
}

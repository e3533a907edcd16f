package io.gradcheck.cli;

import io.gradcheck.data.InputFile;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import io.gradcheck.train.Checkpoint;
import io.gradcheck.train.Npz;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcheck predict}: classifies one grayscale image with trained weights. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classifies a 28x28 grayscale image (PNG, or any format javax.imageio reads): a light digit "
                + "on a dark background, like MNIST. Prints the class and the probability of each class.",
                "Exit code 1 if a file cannot be read or does not fit."})
final class PredictCommand implements Callable<Integer> {
    /** A 28x28 image takes a few kilobytes in any format; this is far beyond it. */
    private static final long MAX_IMAGE_BYTES = 16L << 20;
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "A checkpoint from 'train --save', or an .npz of the book network's W1..b3.")
    Path checkpoint;

    @Option(names = "--image", required = true, paramLabel = "PNG", description = "The image to classify.")
    Path image;

    @Override
    public Integer call() throws IOException {
        SimpleConvNet net = load(checkpoint);
        int[] dim = net.config().inputDim();
        double[] x = pixels(image, dim[1], dim[2]);
        Tensor y = net.predict(Tensor.wrap(x, 1, 1, dim[1], dim[2]));
        double[] p = softmax(y.data());
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: class %d (probability %.4f)%n", image, best, p[best]);
        StringBuilder all = new StringBuilder();
        for (int k = 0; k < p.length; k++) {
            all.append(String.format(Locale.ROOT, "%s%d: %.4f", k == 0 ? "" : "  ", k, p[k]));
        }
        out.println(all);
        out.flush();
        return Main.OK;
    }

    /** A net with the weights of a checkpoint, or of an .npz (recognised by its zip magic "PK"). */
    static SimpleConvNet load(Path file) throws IOException {
        byte[] head = InputFile.prefix(file, 2);  // a FIFO or a device is refused, not opened
        if (head.length == 2 && head[0] == 'P' && head[1] == 'K') {
            SimpleConvNet net = new SimpleConvNet(NetConfig.book(0));  // seed irrelevant: every weight is loaded
            Npz.load(file, net);
            return net;
        }
        Checkpoint c = Checkpoint.read(file);
        SimpleConvNet net = new SimpleConvNet(c.net());
        c.restoreParams(net, file.toString());
        return net;
    }

    /** Gray values in [0, 1], row-major. Gray images are read raw; colour ones by luminance. */
    static double[] pixels(Path file, int h, int w) throws IOException {
        BufferedImage img = decode(file, h, w);
        double[] x = new double[h * w];
        Raster r = img.getRaster();
        boolean gray = r.getNumBands() <= 2 && img.getColorModel().getColorSpace().getNumComponents() == 1;
        // getRGB would pass gray through a linear-to-sRGB conversion and change the values
        double max = (1 << img.getColorModel().getComponentSize(0)) - 1;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                if (gray) {
                    x[i * w + j] = r.getSample(j, i, 0) / max;
                } else {
                    int rgb = img.getRGB(j, i);
                    x[i * w + j] = (0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255)) / 255;
                }
            }
        }
        return x;
    }

    /**
     * Decodes an image after checking, from its header alone, that it is w x h: a PNG of 20000 x 20000
     * pixels fits in a hundred bytes but would decode into gigabytes. Every error names the file.
     */
    private static BufferedImage decode(Path file, int h, int w) throws IOException {
        if (Files.notExists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such image file");
        }
        InputFile.requireRegular(file);
        if (Files.size(file) > MAX_IMAGE_BYTES) {
            throw new IOException(file + ": " + Files.size(file) + " bytes is too large for a " + w + "x" + h + " image");
        }
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(file + ": not an image that javax.imageio can read (PNG, JPEG, GIF, BMP)");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                int iw = r.getWidth(0), ih = r.getHeight(0);
                if (iw != w || ih != h) {
                    throw new IOException(file + ": image is " + iw + "x" + ih + ", expected " + w + "x" + h);
                }
                return r.read(0);
            } catch (IIOException | IndexOutOfBoundsException | IllegalStateException | IllegalArgumentException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : Main.oneLine(e.getMessage());
                throw new IOException(file + ": corrupt or truncated image (" + why + ")", e);
            } catch (java.io.EOFException e) {
                throw new IOException(file + ": corrupt or truncated image (ends too early)", e);
            } finally {
                r.dispose();
            }
        }
    }

    static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double[] p = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            p[k] = Math.exp(s[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < s.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}

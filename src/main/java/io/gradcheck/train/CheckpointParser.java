package io.gradcheck.train;

import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a verified checkpoint payload into new objects, checking every count against the bytes
 * left before allocating. Throws IllegalArgumentException (or BufferUnderflowException) on nonsense.
 */
final class CheckpointParser {
    private static final int MAX_TENSORS = 64, MAX_RANK = 8, MAX_NAME = 64;
    private final ByteBuffer b;

    private final int version;

    CheckpointParser(ByteBuffer b, int version) {
        this.b = b;
        this.version = version;
    }

    Checkpoint parse() {
        int[] in = {b.getInt(), b.getInt(), b.getInt()};
        ConvConfig cc = new ConvConfig(b.getInt(), b.getInt(), b.getInt(), b.getInt());
        NetConfig net = new NetConfig(in, cc, b.getInt(), b.getInt(), b.getDouble(), b.getLong());
        TrainConfig train = new TrainConfig(b.getInt(), b.getInt(), OptimizerKind.parse(utf()), b.getDouble(),
                b.getLong(), b.getInt(), version >= 3 ? b.getInt() : 1);  // version 2 had no slices: one
        int trainSize = b.getInt();
        long data = b.getLong();
        int epoch = b.getInt(), step = b.getInt();
        History h = new History(doubles(count("losses", 8)), doubles(count("train accuracies", 8)),
                doubles(count("test accuracies", 8)));
        Map<String, Tensor> params = tensors("parameters"), state = tensors("optimizer state");
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " bytes left over after the last tensor");
        }
        requireConsistent(net, params);
        new SimpleConvNet(net);  // the net's own checks (stride, pad, pooling); its size is bounded by the file's
        return new Checkpoint(net, train, trainSize, data, epoch, step, h, params, state);
    }

    /**
     * Fails unless the configuration implies exactly the stored shapes, so that building a net
     * from it cannot allocate more than the file holds.
     */
    private static void requireConsistent(NetConfig net, Map<String, Tensor> params) {
        for (Map.Entry<String, long[]> e : SimpleConvNet.paramShapes(net).entrySet()) {
            Tensor t = params.get(e.getKey());
            if (t == null || !Arrays.equals(Arrays.stream(t.shape()).asLongStream().toArray(), e.getValue())) {
                throw new IllegalArgumentException("the network configuration " + net + " does not match the stored "
                        + e.getKey() + (t == null ? " (missing)" : " " + t.shapeString()));
            }
        }
    }

    /** A name: at most {@link #MAX_NAME} printable ASCII characters, so that messages can quote it. */
    private String utf() {
        int len = Short.toUnsignedInt(b.getShort());
        if (len == 0 || len > MAX_NAME || len > b.remaining()) {
            throw new IllegalArgumentException("a name of " + len + " bytes is empty, longer than " + MAX_NAME
                    + " or does not fit the " + b.remaining() + " bytes left");
        }
        byte[] s = new byte[len];
        b.get(s);
        for (byte c : s) {
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(String.format("a name holds the byte 0x%02X; names are printable "
                        + "ASCII", c & 0xFF));
            }
        }
        return new String(s, StandardCharsets.US_ASCII);  // modified UTF-8 of printable ASCII is ASCII
    }

    /** A count of items of {@code bytes} bytes each that the remaining payload can hold. */
    private int count(String what, int bytes) {
        int n = b.getInt();
        if (n < 0 || (long) n * bytes > b.remaining()) {
            throw new IllegalArgumentException(what + ": count " + n + " does not fit the " + b.remaining()
                    + " bytes left");
        }
        return n;
    }

    private double[] doubles(int n) {
        double[] a = new double[n];
        b.asDoubleBuffer().get(a);
        b.position(b.position() + 8 * n);
        return a;
    }

    private Map<String, Tensor> tensors(String what) {
        int n = count(what, 4);
        if (n > MAX_TENSORS) {
            throw new IllegalArgumentException(what + ": " + n + " tensors, at most " + MAX_TENSORS + " expected");
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = utf();
            int rank = b.getInt();
            if (rank < 1 || rank > MAX_RANK) {
                throw new IllegalArgumentException(what + " " + name + ": rank " + rank + " is not in 1.." + MAX_RANK);
            }
            int[] shape = new int[rank];
            long size = 1;
            for (int a = 0; a < rank; a++) {
                shape[a] = b.getInt();
                size *= Math.max(shape[a], 0);
                if (shape[a] <= 0 || size * 8 > b.remaining()) {
                    throw new IllegalArgumentException(what + " " + name + ": shape dimension " + shape[a]
                            + " is not positive or does not fit the " + b.remaining() + " bytes left");
                }
            }
            if (m.put(name, Tensor.wrap(doubles((int) size), shape)) != null) {
                throw new IllegalArgumentException(what + ": " + name + " appears twice");
            }
        }
        return m;
    }
}

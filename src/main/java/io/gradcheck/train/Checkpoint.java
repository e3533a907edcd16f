package io.gradcheck.train;

import io.gradcheck.data.InputFile;
import io.gradcheck.data.OutputFile;
import io.gradcheck.net.ConvConfig;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to resume a run: the net's parameters, the optimizer's state, the settings,
 * the position (epoch and step) and the history so far.
 *
 * <p>File layout, big-endian: the 8 bytes {@code GCKPT\r\n\0}, an int format version (3; version 2,
 * which has no slices and so means one, is read too), a long
 * payload length, the payload, and the SHA-256 of the payload (32 bytes). {@link #read} checks the
 * length and the digest before it parses anything, and parsing only fills temporaries; nothing
 * reaches a net or trainer before {@link #restore} has compared every name and shape.
 *
 * @param net            the network's configuration
 * @param train          the run's settings
 * @param trainSize      the training images used, to refuse resuming on other data
 * @param data           {@link Trainer#dataFingerprint()} of those images, for the same reason
 * @param epoch          epochs completed
 * @param step           steps completed in the current epoch
 * @param history        losses and accuracies so far
 * @param params         copies of W1, b1, ... in the net's order
 * @param optimizerState copies of the optimizer's state tensors, in its order
 */
public record Checkpoint(NetConfig net, TrainConfig train, int trainSize, long data, int epoch, int step, History history,
                         Map<String, Tensor> params, Map<String, Tensor> optimizerState) {
    static final byte[] MAGIC = "GCKPT\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    static final int VERSION = 3;
    /** The oldest format version this program reads: version 2 lacks {@link TrainConfig#slices()}. */
    static final int OLDEST = 2;
    static final int HEADER = MAGIC.length + 4 + 8, DIGEST = 32;
    /** Ten times the book network's size; anything larger is not a checkpoint of ours. */
    static final long MAX_BYTES = 1L << 30;

    public Checkpoint {
        params = copy(params);
        optimizerState = copy(optimizerState);
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> m) {
        Map<String, Tensor> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v.copy()));
        return Collections.unmodifiableMap(c);
    }

    /** A snapshot of a trainer's net, optimizer, position and history. trainer: not modified. */
    public static Checkpoint of(Trainer t) {
        return new Checkpoint(t.net().config(), t.config(), t.trainSize(), t.dataFingerprint(), t.epoch(), t.step(), t.history(),
                t.net().params(), t.optimizer().state());
    }

    /**
     * Writes this checkpoint to {@code file} atomically ({@link OutputFile#write}): to a temporary
     * file in the same directory, forced to disk, then renamed over {@code file}. On failure the
     * temporary file is deleted and an existing {@code file} is left as it was.
     */
    public void write(Path file) throws IOException {
        byte[] payload = payload();
        ByteBuffer head = ByteBuffer.allocate(HEADER).put(MAGIC).putInt(VERSION).putLong(payload.length);
        OutputFile.write(file, out -> {
            out.write(head.array());
            out.write(payload);
            out.write(sha256(payload));
        });
    }

    private byte[] payload() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(bytes);
        for (int d : net.inputDim()) {
            o.writeInt(d);
        }
        ConvConfig cc = net.conv();
        for (int v : new int[] {cc.filterNum(), cc.filterSize(), cc.pad(), cc.stride(), net.hiddenSize(), net.outputSize()}) {
            o.writeInt(v);
        }
        o.writeDouble(net.weightInitStd());
        o.writeLong(net.seed());
        o.writeInt(train.epochs());
        o.writeInt(train.batchSize());
        o.writeUTF(train.optimizer().id());
        o.writeDouble(train.lr());
        o.writeLong(train.seed());
        o.writeInt(train.limit());
        o.writeInt(train.slices());
        o.writeInt(trainSize);
        o.writeLong(data);
        o.writeInt(epoch);
        o.writeInt(step);
        for (double[] a : new double[][] {history.losses(), history.trainAcc(), history.testAcc()}) {
            o.writeInt(a.length);
            for (double v : a) {
                o.writeDouble(v);
            }
        }
        for (Map<String, Tensor> m : List.of(params, optimizerState)) {
            o.writeInt(m.size());
            for (Map.Entry<String, Tensor> e : m.entrySet()) {
                o.writeUTF(e.getKey());
                int[] s = e.getValue().shape();
                o.writeInt(s.length);
                for (int d : s) {
                    o.writeInt(d);
                }
                for (double v : e.getValue().data()) {
                    o.writeDouble(v);
                }
            }
        }
        o.flush();
        return bytes.toByteArray();
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);  // every JVM must have it
        }
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @throws CheckpointException if the file is not a checkpoint, is truncated or too long, fails
     *                             its SHA-256 check, or holds impossible values
     */
    public static Checkpoint read(Path file) throws IOException {
        InputFile.requireRegular(file);  // a FIFO or a device such as /dev/zero is never opened
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new CheckpointException(file + ": " + size + " bytes is too large for a checkpoint");
        }
        long limit = Runtime.getRuntime().maxMemory() / 4;  // the bytes, the payload and the tensors: 3 copies
        if (size > limit) {
            throw new CheckpointException(file + ": " + size + " bytes is too large for this JVM: a checkpoint may take "
                    + "a quarter of the maximum heap, " + limit + " bytes (raise it with -Xmx)");
        }
        byte[] all = InputFile.readAll(file, (int) Math.min(size + 1, MAX_BYTES),  // it may grow meanwhile
                "grew while it was read, or is too large for a checkpoint");
        if (all.length == 0) {
            throw new CheckpointException(file + ": empty file, not a checkpoint");
        }
        int m = Math.min(all.length, MAGIC.length);
        if (!Arrays.equals(all, 0, m, MAGIC, 0, m)) {
            throw new CheckpointException(file + ": not a gradcheck checkpoint (wrong magic bytes)");
        }
        if (all.length < HEADER) {  // the start of a checkpoint, cut inside its header
            throw new CheckpointException(file + ": truncated: " + all.length + " bytes, the header alone has " + HEADER);
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        b.position(MAGIC.length);
        int version = b.getInt();
        if (version < OLDEST || version > VERSION) {
            throw new CheckpointException(file + ": checkpoint format version " + version + ", this program reads "
                    + OLDEST + " to " + VERSION);
        }
        long len = b.getLong();
        if (len < 0 || len > MAX_BYTES) {  // also keeps the sum below from overflowing
            throw new CheckpointException(file + ": the header announces a payload of " + len + " bytes, not 0.."
                    + MAX_BYTES);
        }
        long expected = HEADER + len + DIGEST;
        if (expected != all.length) {
            throw new CheckpointException(file + ": " + (all.length < expected ? "truncated" : "has extra bytes")
                    + ": the header announces " + expected + " bytes, the file has " + all.length);
        }
        byte[] payload = Arrays.copyOfRange(all, HEADER, HEADER + (int) len);
        if (!Arrays.equals(sha256(payload), 0, DIGEST, all, all.length - DIGEST, all.length)) {
            throw new CheckpointException(file + ": checksum mismatch: the file is corrupt (SHA-256 of the payload "
                    + "differs from the one stored)");
        }
        Checkpoint c;
        try {
            c = new CheckpointParser(ByteBuffer.wrap(payload), version).parse();
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new CheckpointException(file + ": malformed checkpoint: "
                    + (e.getMessage() == null ? "ends too early" : e.getMessage()));
        }
        requireFinite(file.toString(), "parameter", c.params());
        requireFinite(file.toString(), "optimizer state", c.optimizerState());
        return c;
    }

    /**
     * Fails at the first value that is NaN or infinite: "FILE: parameter W2 is NaN at [17, 3]; weights
     * must be finite". Weights that are not finite predict nothing and train nothing.
     */
    static void requireFinite(String source, String what, Map<String, Tensor> tensors) throws CheckpointException {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            double[] d = e.getValue().data();
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    throw new CheckpointException(source + ": " + what + " " + e.getKey() + " is " + d[i] + " at "
                            + Arrays.toString(e.getValue().unflatten(i)) + "; weights must be finite");
                }
            }
        }
    }

    /**
     * Copies the parameters into {@code net} after checking that every name and shape matches.
     *
     * @param net    modified only if everything matches
     * @param source the file's name, for messages
     * @throws CheckpointException naming the first difference
     */
    public void restoreParams(SimpleConvNet net, String source) throws CheckpointException {
        requireSame(source, "parameter", params, net.params());
        copyInto(params, net.params());
    }

    /**
     * Restores net, optimizer, position and history into a trainer built with the same network
     * shape, optimizer, batch size, seed and training set size. The epoch count may differ, so
     * that a finished run can be continued.
     *
     * @param t      modified only if everything matches
     * @param source the file's name, for messages
     * @throws CheckpointException naming the first difference
     */
    public void restore(Trainer t, String source) throws CheckpointException {
        TrainConfig c = t.config();
        requireSame(source, "parameter", params, t.net().params());
        requireSame(source, "optimizer state", optimizerState, t.optimizer().state());
        String why = c.optimizer() != train.optimizer() ? "optimizer " + train.optimizer().id() + " vs " + c.optimizer().id()
                : c.lr() != train.lr() ? "learning rate " + train.lr() + " vs " + c.lr()
                : c.batchSize() != train.batchSize() ? "batch size " + train.batchSize() + " vs " + c.batchSize()
                : c.seed() != train.seed() ? "seed " + train.seed() + " vs " + c.seed()
                : c.slices() != train.slices() ? "slices " + train.slices() + " vs " + c.slices()
                : t.trainSize() != trainSize ? "training images " + trainSize + " vs " + t.trainSize()
                : t.dataFingerprint() != data ? String.format("training data (fingerprint %016x vs %016x)", data,
                        t.dataFingerprint())
                : epoch > c.epochs() ? "epochs done " + epoch + " vs epochs asked " + c.epochs()
                : null;
        if (why != null) {
            throw new CheckpointException(source + ": cannot resume this run: checkpoint vs run differ in " + why);
        }
        try {
            t.resumeAt(epoch, step, history);  // checks the position before anything is copied
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source + ": " + e.getMessage());
        }
        copyInto(params, t.net().params());
        copyInto(optimizerState, t.optimizer().state());
    }

    static void requireSame(String source, String what, Map<String, Tensor> saved, Map<String, Tensor> live)
            throws CheckpointException {
        if (!saved.keySet().equals(live.keySet())) {
            throw new CheckpointException(source + ": " + what + " names differ: the file has " + saved.keySet()
                    + ", the net has " + live.keySet());
        }
        for (Map.Entry<String, Tensor> e : live.entrySet()) {
            Tensor s = saved.get(e.getKey());
            if (!s.sameShape(e.getValue())) {
                throw new CheckpointException(source + ": was saved from another network shape: " + what + " "
                        + e.getKey() + " is " + s.shapeString() + " in the file but "
                        + e.getValue().shapeString() + " here");
            }
        }
    }

    private static void copyInto(Map<String, Tensor> from, Map<String, Tensor> to) {
        from.forEach((k, v) -> System.arraycopy(v.data(), 0, to.get(k).data(), 0, v.size()));
    }
}

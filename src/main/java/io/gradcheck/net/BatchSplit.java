package io.gradcheck.net;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.NativeThreads;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The gradient of a batch as the weighted mean of the gradients of k contiguous slices, each
 * computed on its own replica of a {@link SimpleConvNet} that shares the parameter tensors.
 * The slices run on up to k threads.
 *
 * <p>The numbers depend on k only, never on the number of threads or cores: slice s has
 * n_s = n/k (the first n mod k slices one more) examples, and the sums run in slice order. With
 * k = 1 this is exactly {@link SimpleConvNet#gradient}. Only plain {@code SimpleConvNet}s are
 * split: a subclass may override {@code gradient}, which a replica would not inherit, so a
 * subclass always runs as one slice. A network of a user's layers ({@link NetBuilder}) is split:
 * each replica gets new layers from the same factories.
 *
 * <p>Native BLAS runs one thread per call meanwhile ({@link NativeThreads}): t slices at once never
 * start t × cores threads of OpenBLAS, and the bits do not depend on the cores, which OpenBLAS's own
 * threads would change (on 2 cores, 2 OpenBLAS threads gave other weights than 1 in DefaultSlicesTest).
 */
public final class BatchSplit implements AutoCloseable {
    private final SimpleConvNet net;
    private final SimpleConvNet[] replicas;
    private final ExecutorService pool;  // null when everything runs on the caller's thread
    private final int threads;  // at most this many slices run at once, the caller's included
    private final Evaluator[] evaluators;  // per slice or thread, made on first use; null for a user's layers
    /** Images per unit of work when counting right answers over a data set: the trainer's batch. */
    static final int EVAL_CHUNK = 100;
    private double lastLoss = Double.NaN;

    /**
     * @param net    the network; its parameters are read, never written. Not modified.
     * @param slices k, the number of slices a batch is cut into (1 to 64)
     * @param threads the most threads to use, the caller's included (at least 1)
     */
    public BatchSplit(SimpleConvNet net, int slices, int threads) {
        if (slices < 1 || slices > 64) {
            throw new IllegalArgumentException("BatchSplit: slices must be in 1..64, got " + slices);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("BatchSplit: threads must be at least 1, got " + threads);
        }
        this.net = net;
        int k = net.getClass() == SimpleConvNet.class ? slices : 1;
        replicas = new SimpleConvNet[k];
        replicas[0] = net;
        for (int s = 1; s < k; s++) {
            replicas[s] = new SimpleConvNet(net);
        }
        this.threads = Math.min(k, threads);
        this.evaluators = Evaluator.fits(net) ? new Evaluator[k] : null;
        int workers = this.threads - 1;
        if (workers == 0) {
            pool = null;
        } else {
            ThreadPoolExecutor p = new ThreadPoolExecutor(workers, workers, 10, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread th = new Thread(r, "gradcheck-slice");
                        th.setDaemon(true);  // never keeps the JVM alive
                        return th;
                    });
            p.allowCoreThreadTimeOut(true);  // idle threads end, so an unclosed split leaks nothing
            pool = p;
        }
    }

    /** The worker threads' pool, null when there are none: for the tests of their settings. */
    ExecutorService pool() {
        return pool;
    }

    /** The network whose parameters the slices share, live. */
    public SimpleConvNet net() {
        return net;
    }

    /** The number of slices a batch is cut into (1 for a subclass of SimpleConvNet). */
    public int slices() {
        return replicas.length;
    }

    /**
     * The gradients of the mean loss over the batch, named like {@link SimpleConvNet#params()}.
     * A batch of fewer than k examples is cut into one slice per example. Fresh tensors, except
     * with one slice, where they are the network's own; x (N, C, H, W) and t: not modified.
     */
    public Map<String, Tensor> gradient(Tensor x, Labels t) {
        int n = x.dim(0);
        int k = Math.min(replicas.length, n);  // a batch smaller than k gets one slice per example
        oneNativeThread();
        if (k == 1) {
            Map<String, Tensor> g = net.gradient(x, t);
            lastLoss = net.lastLoss();
            return g;
        }
        requireLabels("BatchSplit.gradient", n, t);
        int[] from = bounds(n, k);
        List<Map<String, Tensor>> parts = perSlice(k,
                s -> replicas[s].gradient(slice(x, from, s), t.slice(from[s], from[s + 1])));
        return combine(parts, from, n);
    }

    /**
     * The number of examples whose highest score is their label, the slices predicted in parallel.
     * Exact: the same count as {@link SimpleConvNet#accuracy} gives, whatever k. x, t: not modified.
     */
    public int correct(Tensor x, Labels t) {
        int n = x.dim(0);
        int k = Math.min(replicas.length, n);
        oneNativeThread();
        if (k == 1 && evaluators == null) {
            return net.correct(x, t);
        }
        net.requireInput("SimpleConvNet.predict", x);  // predict's check and message
        requireLabels("BatchSplit.correct", n, t);
        int[] from = bounds(n, k);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = t.get(i);
        }
        return perSlice(k, s -> evaluators != null
                ? evaluator(s).correct(x.data(), labels, from[s], from[s + 1] - from[s])
                : replicas[s].correct(slice(x, from, s), t.slice(from[s], from[s + 1])))
                .stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The number of the first {@code count} images whose highest score is their label, for measuring a
     * data set's accuracy: in chunks of {@value #EVAL_CHUNK} images spread over the split's threads, with
     * buffers reused from call to call (a network of our own layers; a user's layers get their
     * predict in slices of each chunk). The same count whatever the slices and threads.
     * images (N, C, H, W) flat and labels: not modified.
     *
     * @throws IllegalArgumentException if there are fewer than count images or labels, or a label is
     *                                  outside the classes
     */
    public long correct(double[] images, int[] labels, int count) {
        int[] in = net.config().inputDim();
        int pixels = in[0] * in[1] * in[2];
        if (count < 0 || labels.length < count || images.length < (long) count * pixels) {
            throw new IllegalArgumentException("BatchSplit.correct: " + count + " images asked, got "
                    + images.length / pixels + " images and " + labels.length + " labels of " + Arrays.toString(in));
        }
        int classes = net.config().outputSize();
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("BatchSplit.correct: label " + i + " is " + labels[i]
                        + ", outside [0, " + classes + ")");
            }
        }
        int chunks = (count + EVAL_CHUNK - 1) / EVAL_CHUNK;
        if (evaluators == null) {  // a user's layers: their own forward, one chunk at a time
            long right = 0;
            for (int c = 0; c < chunks; c++) {
                int from = c * EVAL_CHUNK, b = Math.min(EVAL_CHUNK, count - from);
                Tensor x = Tensor.wrap(Arrays.copyOfRange(images, from * pixels, (from + b) * pixels), b, in[0], in[1], in[2]);
                right += correct(x, Labels.indices(Arrays.copyOfRange(labels, from, from + b)));
            }
            return right;
        }
        int t = Math.max(1, Math.min(threads, chunks));
        oneNativeThread();
        long[] right = new long[t];
        perThread(t, r -> {
            for (int c = r; c < chunks; c += t) {  // chunk c on thread c mod t: the sum is an integer, exact in any order
                int from = c * EVAL_CHUNK;
                right[r] += evaluator(r).correct(images, labels, from, Math.min(EVAL_CHUNK, count - from));
            }
        });
        return Arrays.stream(right).sum();
    }

    /** Slice or thread i's evaluator, made on first use; only for a network that {@link Evaluator#fits}. */
    private Evaluator evaluator(int i) {
        if (evaluators[i] == null) {
            evaluators[i] = new Evaluator(net);
        }
        return evaluators[i];
    }

    /**
     * work.apply(s) for each slice s of k, the results in slice order: thread r of min(k, threads)
     * computes slices r, r + t, r + 2t, ... (the caller is thread 0), so each thread has its share.
     */
    private <T> List<T> perSlice(int k, IntFunction<T> work) {
        Object[] out = new Object[k];
        int t = Math.min(k, threads);
        perThread(t, r -> {
            for (int s = r; s < k; s += t) {
                out[s] = work.apply(s);
            }
        });
        List<T> list = new ArrayList<>(k);
        for (Object o : out) {
            @SuppressWarnings("unchecked")
            T v = (T) o;
            list.add(v);
        }
        return list;
    }

    /**
     * work.accept(r) for r in [0, t): 1 to t-1 on the workers, 0 on the caller's thread. Returns when
     * all are done, so that no worker still uses a buffer; then throws the first failure, if any.
     */
    private void perThread(int t, IntConsumer work) {
        List<Future<?>> pending = new ArrayList<>();
        for (int r = 1; r < t; r++) {
            int rr = r;
            pending.add(pool.submit(() -> work.accept(rr)));
        }
        RuntimeException first = null;
        try {
            work.accept(0);
        } catch (RuntimeException e) {
            first = e;
        }
        for (Future<?> f : pending) {
            try {
                join(f);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Native BLAS runs one thread per call while a split computes: the slices are what use the cores,
     * and OpenBLAS's threads would change the last bits of a product with the number of cores.
     */
    private static void oneNativeThread() {
        NativeThreads.limit(1);
    }

    /** Checked here, before the cut, so that a message counts examples in the whole batch. */
    private void requireLabels(String op, int n, Labels t) {
        if (t.size() != n) {
            throw new IllegalArgumentException(op + ": " + n + " examples but " + t.size() + " labels");
        }
        int k = net.config().outputSize();
        for (int i = 0; i < n; i++) {
            if (t.get(i) >= k) {
                throw new IllegalArgumentException(op + ": label " + i + " is " + t.get(i) + ", outside [0, " + k + ")");
            }
        }
    }

    /** Slice s is [from[s], from[s+1]): n/k examples, the first n mod k slices one more. */
    private static int[] bounds(int n, int k) {
        int[] from = new int[k + 1];
        for (int s = 0; s < k; s++) {
            from[s + 1] = from[s] + n / k + (s < n % k ? 1 : 0);
        }
        return from;
    }

    /** The mean loss of the batch from the last {@link #gradient}, before any update. */
    public double lastLoss() {
        return lastLoss;
    }

    private Map<String, Tensor> combine(List<Map<String, Tensor>> parts, int[] from, int n) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : net.params().keySet()) {
            double[] sum = new double[net.params().get(name).size()];
            for (int s = 0; s < parts.size(); s++) {
                double w = (double) (from[s + 1] - from[s]) / n;  // slice s's share of the mean
                double[] g = parts.get(s).get(name).data();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += w * g[i];
                }
            }
            out.put(name, Tensor.wrap(sum, net.params().get(name).shape()));
        }
        double loss = 0;
        for (int s = 0; s < parts.size(); s++) {
            loss += (double) (from[s + 1] - from[s]) / n * replicas[s].lastLoss();
        }
        lastLoss = loss;
        return out;
    }

    /** The examples of slice s, a copy: (n_s, C, H, W). */
    private static Tensor slice(Tensor x, int[] from, int s) {
        int per = x.size() / x.dim(0);
        int[] shape = x.shape();
        shape[0] = from[s + 1] - from[s];
        return Tensor.wrap(Arrays.copyOfRange(x.data(), from[s] * per, from[s + 1] * per), shape);
    }

    /** The result of f; a slice's RuntimeException as it was thrown. */
    static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("BatchSplit.gradient: interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("BatchSplit.gradient: a slice failed", e.getCause());
        }
    }

    /** Stops the worker threads now; without it they end after 10 idle seconds. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

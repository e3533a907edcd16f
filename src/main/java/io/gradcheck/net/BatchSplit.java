package io.gradcheck.net;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.NativeThreads;
import io.gradcheck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * <p>Native BLAS gets the cores that the slices leave: with t slices running at once, each
 * {@code dgemm} runs on cores / t threads, at least one ({@link NativeThreads}), so t threads of
 * ours never start t × cores threads of OpenBLAS. That changes no number.
 */
public final class BatchSplit implements AutoCloseable {
    private final SimpleConvNet net;
    private final SimpleConvNet[] replicas;
    private final ExecutorService pool;  // null when everything runs on the caller's thread
    private final int threads;  // at most this many slices run at once, the caller's included
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
        shareCores(k);
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
        shareCores(k);
        if (k == 1) {
            return net.correct(x, t);
        }
        requireLabels("BatchSplit.correct", n, t);
        int[] from = bounds(n, k);
        return perSlice(k, s -> replicas[s].correct(slice(x, from, s), t.slice(from[s], from[s + 1])))
                .stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * work.apply(s) for each slice s of k, slices 1 to k-1 on the workers (when there are any) and
     * slice 0 on the caller's thread; the results in slice order.
     */
    private <T> List<T> perSlice(int k, IntFunction<T> work) {
        List<Future<T>> pending = new ArrayList<>(Collections.nCopies(k, null));
        List<T> out = new ArrayList<>(Collections.nCopies(k, null));
        for (int s = k - 1; s >= 0; s--) {
            int ss = s;
            if (pool != null && s > 0) {
                pending.set(s, pool.submit(() -> work.apply(ss)));
            } else {
                out.set(s, work.apply(s));
            }
        }
        for (int s = 1; s < k; s++) {
            if (pending.get(s) != null) {
                out.set(s, join(pending.get(s)));
            }
        }
        return out;
    }

    /** Native BLAS may use the cores that the k slices of this batch leave free, and one at least. */
    private void shareCores(int k) {
        NativeThreads.limit(Math.max(1, Runtime.getRuntime().availableProcessors() / Math.min(k, threads)));
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

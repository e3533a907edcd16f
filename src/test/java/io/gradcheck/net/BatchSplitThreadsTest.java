package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gradcheck.layer.Labels;
import io.gradcheck.tensor.NativeThreads;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** The worker threads of a split: how many, that they never keep the JVM alive, and what a failing slice throws. */
class BatchSplitThreadsTest {
    private static final long SEED = 20261129L;
    private static final NetConfig SMALL = new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 4, 3, 0.5, SEED);

    @Test
    void theCallerRunsOneSliceAndDaemonWorkersTheOthersThenEndWhenIdle() {
        try (BatchSplit one = new BatchSplit(new SimpleConvNet(SMALL), 3, 1)) {
            assertNull(one.pool(), "one thread: the caller's own");
        }
        try (BatchSplit split = new BatchSplit(new SimpleConvNet(SMALL), 3, 2)) {
            ThreadPoolExecutor pool = (ThreadPoolExecutor) split.pool();
            assertEquals(1, pool.getMaximumPoolSize(), "min(k, threads) - 1 workers");
            assertTrue(pool.allowsCoreThreadTimeOut(), "idle workers must end");
            assertEquals(10, pool.getKeepAliveTime(TimeUnit.SECONDS));
            split.gradient(Tensor.randn(new Well19937c(SEED), 1.0, 3, 1, 6, 6), Labels.indices(0, 1, 2));
            List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("gradcheck-slice")).toList();
            assertFalse(workers.isEmpty(), "a worker ran a slice");
            workers.forEach(t -> assertTrue(t.isDaemon(), t + " would keep a finished JVM alive"));
        }
    }

    @Test
    void nativeBlasRunsOneThreadPerCallWhileASplitComputesWhateverTheSlices() {
        assumeTrue(NativeThreads.current() > 0, "no native BLAS whose threads can be set: " + NativeThreads.describe());
        Tensor x = Tensor.randn(new Well19937c(SEED), 1.0, 4, 1, 6, 6);
        Labels t = Labels.indices(0, 1, 2, 0);
        int cores = Runtime.getRuntime().availableProcessors();
        try (BatchSplit two = new BatchSplit(new SimpleConvNet(SMALL), 2, 2);
             BatchSplit one = new BatchSplit(new SimpleConvNet(SMALL), 1, 1)) {
            for (Runnable r : new Runnable[] {() -> two.gradient(x, t), () -> one.gradient(x, t), () -> two.correct(x, t),
                    () -> one.correct(x, t), () -> two.correct(x.data(), new int[] {0, 1, 2, 0}, 4)}) {
                NativeThreads.limit(cores);  // as another caller may have left it
                r.run();
                assertEquals(1, NativeThreads.current(), "OpenBLAS's threads on " + cores + " cores");
            }
        }
    }

    @Test
    void aSlicesRuntimeExceptionIsRethrownAsItIsAndAnythingElseIsWrapped() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad slice");
        assertSame(thrown, assertThrows(IllegalArgumentException.class,
                () -> BatchSplit.join(CompletableFuture.failedFuture(thrown))));
        IOException io = new IOException("disk");
        IllegalStateException wrapped = assertThrows(IllegalStateException.class,
                () -> BatchSplit.join(CompletableFuture.failedFuture(io)));
        assertEquals("BatchSplit.gradient: a slice failed", wrapped.getMessage());
        assertSame(io, wrapped.getCause());
        assertEquals(7, BatchSplit.join(CompletableFuture.completedFuture(7)));
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> BatchSplit.join(new CompletableFuture<Integer>()));
            assertEquals("BatchSplit.gradient: interrupted", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt must survive for the caller's caller");
        } finally {
            Thread.interrupted();  // clear it: the next test runs on this thread
        }
    }
}

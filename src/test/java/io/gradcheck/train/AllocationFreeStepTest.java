package io.gradcheck.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gradcheck.layer.Labels;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.lang.management.ManagementFactory;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Once the batch shape is stable, a training step (forward, backward and Adam) of the book's net
 * allocates no big array: every layer writes into the arrays it sized on the first step. Counted in
 * bytes by the JVM's per-thread allocation counter, not timed. Before the layers reused their
 * arrays this test failed: a step at batch 100 allocated 66 MB (the convolution's and the ReLU's
 * outputs alone are 13.8 MB each).
 */
class AllocationFreeStepTest {
    /** At most this many bytes per step: the small objects (maps, views, the scores' copy), no array of a layer. */
    static final long MAX_BYTES_PER_STEP = 256 * 1024;

    @Test
    void aTrainingStepAtAStableBatchShapeAllocatesNoLayerArray() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "this JVM does not count allocated bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes");
        long seed = 1804;
        SimpleConvNet net = new SimpleConvNet(NetConfig.book(seed));
        Adam adam = new Adam(net.params(), Adam.LR, Adam.BETA1, Adam.BETA2);
        Well19937c rng = new Well19937c(seed);
        Tensor x = Tensor.uniform(rng, 0, 1, 100, 1, 28, 28);
        int[] t = new int[100];
        for (int i = 0; i < t.length; i++) {
            t[i] = rng.nextInt(10);
        }
        Labels labels = Labels.indices(t);
        for (int i = 0; i < 2; i++) {  // the first steps size the arrays
            adam.update(net.params(), net.gradient(x, labels));
        }
        int steps = 3;
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < steps; i++) {
            adam.update(net.params(), net.gradient(x, labels));
        }
        long perStep = (threads.getThreadAllocatedBytes(id) - before) / steps;
        assertTrue(perStep <= MAX_BYTES_PER_STEP, "seed " + seed + ": a step at batch 100 allocated " + perStep
                + " bytes, more than " + MAX_BYTES_PER_STEP);
    }
}

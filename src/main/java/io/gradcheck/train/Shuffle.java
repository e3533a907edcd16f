package io.gradcheck.train;

import org.apache.commons.math3.random.Well19937c;

/** The order in which an epoch visits the training images. */
final class Shuffle {
    private Shuffle() {
    }

    /**
     * A permutation of 0..n-1 (Fisher-Yates), drawn from a Well19937c seeded by (seed, epoch) alone,
     * so a run resumed at any epoch sees the same order as an uninterrupted one.
     */
    static int[] permutation(int n, long seed, int epoch) {
        Well19937c rng = new Well19937c(new int[] {(int) (seed >>> 32), (int) seed, epoch});
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}

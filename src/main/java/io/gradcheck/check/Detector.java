package io.gradcheck.check;

/** The independent ways a check can catch a wrong gradient. */
public enum Detector {
    /** Contract checks: a gradient missing, misshapen, not finite, or a backward that writes into dout. */
    CONTRACT,
    /** Element-wise central differences (the main check). */
    FINITE_DIFFERENCES,
    /**
     * Euler's identity for positively homogeneous layers: f = Σ x·∂f/∂x (over the variables f is
     * homogeneous in). Exact: no step size, immune to kinks.
     */
    HOMOGENEITY,
    /**
     * State that outlives a call: forward must give the same bits on the same x, and backward at x
     * the same gradients whatever input the subject saw before. The subject runs on decoy inputs
     * (another batch size where it allows it, then x's shape) before x.
     */
    STATE,
    /** backward is linear in dout: backward(a·G1 + b·G2) = a·backward(G1) + b·backward(G2). Exact. */
    DOUT_LINEARITY
}

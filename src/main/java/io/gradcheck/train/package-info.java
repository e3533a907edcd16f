/**
 * Training SimpleConvNet: the book's six update rules ({@link io.gradcheck.train.Optimizer},
 * named by {@link io.gradcheck.train.OptimizerKind}), a seeded mini-batch
 * {@link io.gradcheck.train.Trainer}, {@link io.gradcheck.train.Checkpoint}s that resume a run bit
 * for bit, and NumPy {@link io.gradcheck.train.Npz} export. Unreadable or mismatched files raise
 * {@link io.gradcheck.train.CheckpointException}, a checked {@link java.io.IOException} whose
 * message names the file and the problem. See {@code docs/training.md}.
 */
package io.gradcheck.train;

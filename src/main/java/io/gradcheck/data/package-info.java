/**
 * MNIST-format data: a strict IDX reader ({@link io.gradcheck.data.Idx}), the book's
 * {@code load_mnist} options ({@link io.gradcheck.data.LoadOptions}) and loaders
 * ({@link io.gradcheck.data.Mnist}) for the embedded 8,000 + 2,000 digits or a directory of the
 * four standard files. Malformed files raise {@link io.gradcheck.data.IdxFormatException}, a
 * checked {@link java.io.IOException} whose message names the file and the problem.
 */
package io.gradcheck.data;

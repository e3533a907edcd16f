/**
 * The book's layers, {@code forward(x)} and {@code backward(dout)} with caches: the
 * {@link io.gradcheck.layer.Layer} and {@link io.gradcheck.layer.Loss} interfaces, our layers, and
 * {@link io.gradcheck.layer.Sequential} to compose them.
 */
package io.gradcheck.layer;

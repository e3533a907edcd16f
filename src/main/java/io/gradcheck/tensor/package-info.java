/** An n-dimensional double tensor, the operations on it, and the one matrix multiply. */
package io.gradcheck.tensor;

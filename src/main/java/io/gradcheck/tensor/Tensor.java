package io.gradcheck.tensor;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * An n-dimensional tensor of doubles, stored row-major (C order) in one {@code double[]}.
 *
 * <p>The shape never changes. {@link #reshape} returns a view that shares the data. The values
 * can be written through {@link #set} or {@link #data()}; every method says whether it does.
 * Operations on tensors live in {@link Ops}.
 */
public final class Tensor {
    private final double[] data;
    private final int[] shape;

    private Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /**
     * Wraps {@code data} without copying. {@code data} is shared: later writes to it show in the tensor.
     *
     * @throws IllegalArgumentException if a dimension is not positive or the sizes differ
     */
    public static Tensor wrap(double[] data, int... shape) {
        int[] s = shape.clone();
        long size = checkedSize("Tensor.wrap", s);
        if (size != data.length) {
            throw new IllegalArgumentException("Tensor.wrap: shape " + Arrays.toString(s) + " needs "
                    + size + " values, got " + data.length);
        }
        return new Tensor(data, s);
    }

    /** A copy of {@code data} with the given shape. {@code data}: not modified. */
    public static Tensor of(double[] data, int... shape) {
        return wrap(data.clone(), shape);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        int[] s = shape.clone();
        return new Tensor(new double[Math.toIntExact(checkedSize("Tensor.zeros", s))], s);
    }

    /** Independent draws from N(0, std²). {@code rng}: modified (advanced). */
    public static Tensor randn(RandomGenerator rng, double std, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = std * rng.nextGaussian();
        }
        return t;
    }

    /**
     * Independent draws from N(0, std²), from a fresh {@code Well19937c} seeded with {@code seed}: the
     * same bits as {@code randn(new Well19937c(seed), std, shape)} on any machine, without a
     * commons-math3 type in the caller's code.
     */
    public static Tensor randn(long seed, double std, int... shape) {
        return randn(new Well19937c(seed), std, shape);
    }

    /** Independent draws from U(lo, hi). {@code rng}: modified (advanced). */
    public static Tensor uniform(RandomGenerator rng, double lo, double hi, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return t;
    }

    static long checkedSize(String op, int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException(op + ": a tensor needs at least one dimension, got []");
        }
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(op + ": dimensions must be positive, got "
                        + Arrays.toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return size;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int size() {
        return data.length;
    }

    /**
     * The live backing array, row-major. Writes to it change this tensor and every view of it.
     */
    public double[] data() {
        return data;
    }

    public double get(int flat) {
        return data[flat];
    }

    /** Sets one value by flat (row-major) index. Modifies this tensor. */
    public void set(int flat, double v) {
        data[flat] = v;
    }

    /** The value at a multi-index, e.g. {@code at(n, c, i, j)} for a 4-D tensor. */
    public double at(int... idx) {
        return data[flatIndex(idx)];
    }

    /** The row-major flat index of a multi-index. */
    public int flatIndex(int... idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("Tensor.flatIndex: index " + Arrays.toString(idx)
                    + " has rank " + idx.length + ", tensor has shape " + Arrays.toString(shape));
        }
        int f = 0;
        for (int a = 0; a < shape.length; a++) {
            if (idx[a] < 0 || idx[a] >= shape[a]) {
                throw new IndexOutOfBoundsException("Tensor.flatIndex: index " + Arrays.toString(idx)
                        + " is outside shape " + Arrays.toString(shape));
            }
            f = f * shape[a] + idx[a];
        }
        return f;
    }

    /** The multi-index of a flat (row-major) index. */
    public int[] unflatten(int flat) {
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = flat % shape[a];
            flat /= shape[a];
        }
        return idx;
    }

    /**
     * A view with another shape and the same data. One dimension may be -1 and is then inferred.
     *
     * @throws IllegalArgumentException if the sizes differ
     */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int a = 0; a < s.length; a++) {
            if (s[a] == -1 && infer < 0) {
                infer = a;
            } else {
                known *= s[a];
            }
        }
        if (infer >= 0 && known > 0 && data.length % known == 0) {
            s[infer] = (int) (data.length / known);
        }
        // every dimension positive (so no -1 left uninferred, and no pair of negatives whose product fits)
        if (Arrays.stream(s).anyMatch(d -> d <= 0) || Arrays.stream(s).asLongStream()
                .reduce(1, (x, y) -> x * y) != data.length) {
            throw new IllegalArgumentException("Tensor.reshape: cannot view " + Arrays.toString(shape)
                    + " as " + Arrays.toString(newShape));
        }
        return new Tensor(data, s);
    }

    /** A deep copy: same shape, new data. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /** True if {@code other} has the same shape as this tensor. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** True if this tensor's shape is {@code s}. s: not modified. */
    public boolean hasShape(int... s) {
        return Arrays.equals(shape, s);
    }

    /** The shape as {@code [2, 30, 12, 12]}, the form every error message uses. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString();
    }
}

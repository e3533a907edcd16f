package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every optimizer shares: state tensors shaped like the params, and the shape checks. */
final class Steps {
    /** Added to sqrt(h) or sqrt(v) so that a zero accumulator cannot divide by zero (book: 1e-7). */
    static final double EPS = 1e-7;

    private Steps() {
    }

    /** Fails unless v is positive, finite and normal: a subnormal rate such as 1e-320 moves no weight. */
    static void requirePositive(String op, String what, double v) {
        if (!(v >= Double.MIN_NORMAL) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(op + ": " + what + " must be positive, finite and normal (at least "
                    + Double.MIN_NORMAL + "), got " + v);
        }
    }

    static void requireFraction(String op, String what, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(op + ": " + what + " must be in [0, 1), got " + v);
        }
    }

    /** Zeros shaped like each parameter, named prefix + name. params: not modified. */
    static Map<String, Tensor> zerosLike(Map<String, Tensor> params, String prefix, Map<String, Tensor> into) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            into.put(prefix + e.getKey(), Tensor.zeros(e.getValue().shape()));
        }
        return into;
    }

    /** A copy of the names and shapes, so that later updates can be checked against them. */
    static Map<String, int[]> shapes(Map<String, Tensor> params) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("Optimizer: no parameters");
        }
        Map<String, int[]> s = new LinkedHashMap<>();
        params.forEach((k, v) -> s.put(k, v.shape()));
        return s;
    }

    /** Fails unless params and grads both have exactly the expected names and shapes. */
    static void requireMatch(String op, Map<String, int[]> shapes, Map<String, Tensor> params,
                             Map<String, Tensor> grads) {
        if (!params.keySet().equals(shapes.keySet()) || !grads.keySet().equals(shapes.keySet())) {
            throw new IllegalArgumentException(op + ": expected parameters " + shapes.keySet() + ", got params "
                    + params.keySet() + " and grads " + grads.keySet());
        }
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            Tensor p = params.get(e.getKey()), g = grads.get(e.getKey());
            if (!Arrays.equals(p.shape(), e.getValue()) || !p.sameShape(g)) {
                throw new IllegalArgumentException(op + ": " + e.getKey() + " expected shape "
                        + Arrays.toString(e.getValue()) + ", got param " + p.shapeString()
                        + " and grad " + g.shapeString());
            }
        }
    }
}

package io.gradcheck.mutants;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.Shapes;
import io.gradcheck.check.Shapes.AffineShape;
import io.gradcheck.check.Shapes.ConvShape;
import io.gradcheck.check.Shapes.ImageShape;
import io.gradcheck.check.Shapes.PoolShape;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.Well19937c;

/**
 * A layer whose mutants are judged: its random shapes (io.gradcheck.check.Shapes, as the property
 * tests draw them), a fresh instance of a copy of it on a shape, and its gradient check there, as a
 * user runs it. Weights and inputs come from the shape's data seed, as in LayerGradientPropertiesTest.
 */
enum Subject {
    AFFINE("Affine", AffineShape::draw) {
        @Override
        Object make(Class<?> copy, Object shape) {
            AffineShape s = (AffineShape) shape;
            Well19937c rng = new Well19937c(s.dataSeed());
            return construct(copy, new Class<?>[] {Tensor.class, Tensor.class},
                    Tensor.randn(rng, 1, s.d(), s.m()), Tensor.randn(rng, 1, s.m()));
        }

        @Override
        Tensor input(Object shape) {
            AffineShape s = (AffineShape) shape;
            return Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
        }
    },
    RELU("Relu", ImageShape::draw) {
        @Override
        Object make(Class<?> copy, Object shape) {
            return construct(copy, new Class<?>[0]);
        }

        @Override
        Tensor input(Object shape) {
            ImageShape s = (ImageShape) shape;
            return Tensor.randn(new Well19937c(s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
        }
    },
    POOLING("Pooling", PoolShape::draw) {
        @Override
        Object make(Class<?> copy, Object shape) {
            PoolShape s = (PoolShape) shape;
            return construct(copy, new Class<?>[] {int.class, int.class, int.class, int.class},
                    s.poolH(), s.poolW(), s.stride(), s.pad());
        }

        @Override
        Tensor input(Object shape) {
            PoolShape s = (PoolShape) shape;
            return Tensor.randn(new Well19937c(s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
        }
    },
    CONVOLUTION("Convolution", ConvShape::draw) {
        @Override
        Object make(Class<?> copy, Object shape) {
            ConvShape s = (ConvShape) shape;
            Well19937c rng = new Well19937c(s.dataSeed());
            return construct(copy, new Class<?>[] {Tensor.class, Tensor.class, int.class, int.class},
                    Tensor.randn(rng, 1, s.fn(), s.c(), s.fh(), s.fw()), Tensor.randn(rng, 1, s.fn()), s.stride(), s.pad());
        }

        @Override
        Tensor input(Object shape) {
            ConvShape s = (ConvShape) shape;
            return Tensor.randn(new Well19937c(~s.dataSeed()), 1, s.n(), s.c(), s.h(), s.w());
        }
    },
    /** The book's convolution on our Im2col.im2col and col2im: their mutants, on convolution shapes. */
    BOOK_CONVOLUTION("BookConvolution", ConvShape::draw) {
        @Override
        Object make(Class<?> copy, Object shape) {
            return CONVOLUTION.make(copy, shape);
        }

        @Override
        Tensor input(Object shape) {
            return CONVOLUTION.input(shape);
        }

        @Override
        String internalName() {
            return "io/gradcheck/mutants/BookConvolution";
        }
    },
    /** Scores (n, c + 1), three times N(0, 1), and random labels, as the property test draws them. */
    SOFTMAX_WITH_LOSS("SoftmaxWithLoss", ImageShape::draw) {
        @Override
        Object make(Class<?> copy, Object shape) {
            return construct(copy, new Class<?>[0]);
        }

        @Override
        Tensor input(Object shape) {
            ImageShape s = (ImageShape) shape;
            return Tensor.randn(new Well19937c(s.dataSeed()), 3, s.n(), s.c() + 1);
        }

        @Override
        Labels labels(Object shape) {
            ImageShape s = (ImageShape) shape;
            Well19937c rng = new Well19937c(s.dataSeed());
            Tensor.randn(rng, 3, s.n(), s.c() + 1);  // the scores come first from the same generator
            int[] t = new int[s.n()];
            for (int i = 0; i < t.length; i++) {
                t[i] = rng.nextInt(s.c() + 1);
            }
            return Labels.indices(t);
        }
    };

    private final String simpleName;
    private final Function<Shapes.Ints, Object> draw;

    Subject(String simpleName, Function<Shapes.Ints, Object> draw) {
        this.simpleName = simpleName;
        this.draw = draw;
    }

    /** The layer's class, internal name. */
    String internalName() {
        return Copies.PKG + simpleName;
    }

    String simpleName() {
        return simpleName;
    }

    /** Draws a random shape for this layer. */
    Object draw(Shapes.Ints in) {
        return draw.apply(in);
    }

    /** A fresh instance of copy, a copy of this layer, with the shape's weights. */
    abstract Object make(Class<?> copy, Object shape);

    /** The shape's input. */
    abstract Tensor input(Object shape);

    /** The shape's labels (the loss only). */
    Labels labels(Object shape) {
        throw new UnsupportedOperationException(simpleName + " takes no labels");
    }

    /** The gradient check of a fresh instance of copy on the shape, with the search seed. */
    CheckResult check(Class<?> copy, Object shape) {
        Object o = make(copy, shape);
        GradientCheck g = o instanceof Layer l ? GradientCheck.of(l) : GradientCheck.of((SoftmaxWithLoss) o, labels(shape));
        return g.input(input(shape)).seed(MutantsRun.SEED).run();
    }

    /**
     * What an instance of copy computes on the shape. Fresh: twice in a row on x. Else after a decoy:
     * once on another input with one more example, then on x (state kept from another batch shape
     * shows there). forward: the output and the declared parameters, which define the function;
     * backward: dx and each gradient for a fixed random dout (1 for the loss). For telling apart what
     * survives the checker; see {@link Verdict.Survival}.
     */
    Outputs outputs(Class<?> copy, Object shape, boolean fresh) {
        Object o = make(copy, shape);
        Outputs out = new Outputs(new ArrayList<>(), new ArrayList<>());
        Tensor x = input(shape);
        int[] decoy = x.shape();
        decoy[0]++;
        for (int round = 0; round < 2; round++) {
            Tensor in = fresh || round == 1 ? x : Tensor.randn(new Well19937c(~MutantsRun.SEED), 1, decoy);
            Outputs into = fresh || round == 1 ? out : new Outputs(new ArrayList<>(), new ArrayList<>());
            if (o instanceof Layer l) {
                Tensor y = l.forward(in);
                into.forward().add(y.data().clone());
                l.params().forEach((name, p) -> into.forward().add(p.data().clone()));
                into.backward().add(l.backward(Tensor.randn(new Well19937c(MutantsRun.SEED), 1, y.shape())).data().clone());
                l.grads().values().forEach(g -> into.backward().add(g.data().clone()));
            } else {
                SoftmaxWithLoss loss = (SoftmaxWithLoss) o;
                into.forward().add(new double[] {loss.forward(in, in == x ? labels(shape) : Labels.indices(new int[decoy[0]]))});
                into.backward().add(loss.backward(1.0).data().clone());
            }
        }
        return out;
    }

    /** The values of {@link #outputs}: what forward computes and declares, and what backward does. */
    record Outputs(List<double[]> forward, List<double[]> backward) {
        /** Whether the other has the same values, bit for bit, on one side. */
        static boolean same(List<double[]> a, List<double[]> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Object construct(Class<?> copy, Class<?>[] types, Object... args) {
        try {
            return copy.getConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of " + copy.getName() + " threw", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

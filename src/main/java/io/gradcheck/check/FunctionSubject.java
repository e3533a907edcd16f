package io.gradcheck.check;

import io.gradcheck.tensor.Tensor;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/** A plain function f: Tensor → double with its gradient, and no parameters. */
final class FunctionSubject implements Subject {
    private final String name;
    private final ToDoubleFunction<Tensor> f;
    private final UnaryOperator<Tensor> gradient;

    FunctionSubject(String name, ToDoubleFunction<Tensor> f, UnaryOperator<Tensor> gradient) {
        this.name = name;
        this.f = f;
        this.gradient = gradient;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Tensor> params() {
        return Map.of();
    }

    @Override
    public double value(Tensor x) {
        return f.applyAsDouble(x);
    }

    @Override
    public int[] branches() {
        return new int[0];
    }

    @Override
    public Analytic analytic(Tensor x) {
        return new Analytic(Map.of(), gradient.apply(x), null);
    }
}

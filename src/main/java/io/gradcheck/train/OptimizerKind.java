package io.gradcheck.train;

import io.gradcheck.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The six update rules by name, each with the book's default learning rate and other hyperparameters. */
public enum OptimizerKind {
    SGD(Sgd.LR), MOMENTUM(Momentum.LR), NESTEROV(Nesterov.LR), ADAGRAD(AdaGrad.LR), RMSPROP(RmsProp.LR),
    ADAM(Adam.LR);

    private final double defaultLr;

    OptimizerKind(double defaultLr) {
        this.defaultLr = defaultLr;
    }

    /** The book's learning rate for this rule. */
    public double defaultLr() {
        return defaultLr;
    }

    /** The lower-case name: "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A fresh optimizer with the given learning rate and the book's other hyperparameters.
     * params: not modified; only names and shapes are read.
     */
    public Optimizer create(Map<String, Tensor> params, double lr) {
        return switch (this) {
            case SGD -> new Sgd(params, lr);
            case MOMENTUM -> new Momentum(params, lr, Momentum.MOMENTUM);
            case NESTEROV -> new Nesterov(params, lr, Nesterov.MOMENTUM);
            case ADAGRAD -> new AdaGrad(params, lr);
            case RMSPROP -> new RmsProp(params, lr, RmsProp.DECAY_RATE);
            case ADAM -> new Adam(params, lr, Adam.BETA1, Adam.BETA2);
        };
    }

    /** The kind named {@code id}, case-insensitively; fails with the list of valid names. */
    public static OptimizerKind parse(String id) {
        for (OptimizerKind k : values()) {
            if (k.id().equalsIgnoreCase(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + id + "', expected one of "
                + Arrays.stream(values()).map(OptimizerKind::id).collect(Collectors.joining(", ")));
    }
}
